package dev.seedance4j.client;

/**
 * Why a task failed ({@code error} of a failed task), e.g. {@code OutputVideoSensitiveContentDetected.PolicyViolation}.
 *
 * @param code    {@code error.code}
 * @param message {@code error.message}
 */
public record TaskError(String code, String message) {
    /** True when moderation refused the input or the output; such failures are not billed. */
    public boolean isModeration() {
        return ContentModerationException.isModerationCode(code);
    }
}
