package dev.seedance4j.client;

import java.time.Instant;

/**
 * An image generation call was sent but no usable answer came back (a timeout, a dropped connection after
 * sending, a 408 or 5xx, an answer too large to read): the service may have made, and billed, the images of
 * {@link #attempts()} calls. The image API has no task and no list endpoint, so the outcome can never be looked
 * up: record the possible cost (up to {@link #request()}'s images per attempt) and decide whether to ask again.
 * By default such a call is not resent ({@link SeedanceClient.Builder#resendImagesAfterUnknownOutcome}).
 */
public class ImagesOutcomeUnknownException extends OutcomeUnknownException {
    private final transient ImageRequest request;

    public ImagesOutcomeUnknownException(
            ImageRequest request, Instant sentAt, Instant failedAt, int attempts, Throwable cause) {
        super(
                "image generation on " + request.model() + " may have made and billed images in " + attempts
                        + (attempts == 1 ? " call" : " calls") + " without an answer reaching the client (last sent "
                        + sentAt + ", failed " + failedAt + ": " + cause.getMessage() + "); not resent",
                sentAt,
                failedAt,
                attempts,
                cause);
        this.request = request;
    }

    /** The request whose outcome is unknown. */
    public ImageRequest request() {
        return request;
    }
}
