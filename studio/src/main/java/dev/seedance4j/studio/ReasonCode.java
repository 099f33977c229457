package dev.seedance4j.studio;

/** Why a shot was not delivered. Every shot of a run ends delivered or with one of these. */
public enum ReasonCode {
    /** The prompt, an input or the output was refused by content moderation. */
    MODERATION,
    /**
     * An input shows a real person's face ({@code ...SensitiveContentDetected.PrivacyInformation}). The platform's
     * three remedies: a portrait from the virtual portrait library, an authorised portrait asset (both
     * {@code asset://} ids), or a face that this account itself generated with Seedance 2.0 in the last 30 days.
     */
    REAL_FACE,
    /** The service refused the request as invalid. */
    INVALID,
    /** The task was not finished within {@code execution_expires_after}. */
    EXPIRED,
    /** The result link expired (or vanished) before the clip was saved. */
    LOST_URL,
    /** Not submitted: it would have passed the budget. */
    BUDGET,
    /** The task was cancelled. */
    CANCELLED,
    /** A shot it starts from or edits was not delivered. */
    DEPENDENCY,
    /** The downloaded file did not match the request (duration, size or streams) after retries. */
    UNVERIFIED,
    /** The service failed the task or kept answering with server errors. */
    SERVICE_ERROR,
    /** The remote task can no longer be found (deleted, or older than the 7 days the service keeps). */
    LOST_TASK;

    /** What to do about it, in one sentence. */
    public String remedy() {
        return switch (this) {
            case MODERATION -> "reword the prompt or change the inputs, then run again";
            case REAL_FACE ->
                "use a portrait from the virtual portrait library or an authorised portrait asset"
                        + " (asset://...), or a face this account generated with Seedance 2.0 in the last 30 days";
            case INVALID -> "fix the shot as the message says, then run again";
            case EXPIRED, SERVICE_ERROR, LOST_TASK, LOST_URL, UNVERIFIED, CANCELLED -> "run again to generate it anew";
            case BUDGET -> "raise budget.max_cny or shorten the plan, then run again";
            case DEPENDENCY -> "deliver the shot it depends on first";
        };
    }
}
