package dev.seedance4j.client;

import java.time.Instant;

/**
 * A chat completion was sent but no usable answer came back (a timeout, a dropped connection after sending, a
 * 408 or 5xx, an answer too large to read), and it was not (or no longer) resent: the service may have answered,
 * and billed, {@link #attempts()} times. Chat calls cannot be looked up afterwards; record the possible cost and
 * ask again if the answer is still needed. Thrown only when
 * {@link SeedanceClient.Builder#resendChatAfterUnknownOutcome} is off or the resends ran out.
 */
public class ChatOutcomeUnknownException extends OutcomeUnknownException {
    private final transient ChatRequest request;

    public ChatOutcomeUnknownException(
            ChatRequest request, Instant sentAt, Instant failedAt, int attempts, Throwable cause) {
        super(
                "chat completion on " + request.model() + " may have been answered and billed " + attempts
                        + (attempts == 1 ? " time" : " times") + " without an answer reaching the client (last sent "
                        + sentAt + ", failed " + failedAt + ": " + cause.getMessage() + ")",
                sentAt,
                failedAt,
                attempts,
                cause);
        this.request = request;
    }

    /** The request whose answer is unknown. */
    public ChatRequest request() {
        return request;
    }
}
