package dev.seedance4j.client;

import java.util.Optional;

/**
 * 400 {@code *SensitiveContentDetected*}: moderation refused the prompt or an input image, video or audio
 * ({@link #isInput()}), or the output ({@link #isOutput()}). {@link #subCode()} carries the reason after the dot,
 * e.g. {@code PrivacyInformation} (a real person's face: use an {@code asset://} portrait instead) or
 * {@code PolicyViolation} (copyright). Moderation failures are not billed.
 */
public class ContentModerationException extends BadRequestException {
    public ContentModerationException(ApiError error) {
        super(error);
    }

    /** True for a moderated output ({@code Output...SensitiveContentDetected}). */
    public boolean isOutput() {
        return code() != null && code().startsWith("Output");
    }

    /** True for a moderated input: prompt, image, video or audio. */
    public boolean isInput() {
        return !isOutput();
    }

    /** The part of the code after the first dot, e.g. {@code PrivacyInformation}, if any. */
    public Optional<String> subCode() {
        if (code() == null || code().indexOf('.') < 0) {
            return Optional.empty();
        }
        return Optional.of(code().substring(code().indexOf('.') + 1));
    }

    /** True when {@code code} names a moderation failure. */
    public static boolean isModerationCode(String code) {
        return code != null && code.contains("SensitiveContentDetected");
    }
}
