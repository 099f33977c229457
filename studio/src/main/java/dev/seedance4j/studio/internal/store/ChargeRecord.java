package dev.seedance4j.studio.internal.store;

/**
 * A row of the charges table: one image generation or chat completion, from its estimate to what was billed.
 *
 * @param kind {@code image} or {@code chat}
 * @param unit {@code images} or {@code tokens}
 * @param subjectKind {@code project}, {@code episode}, {@code shot}, {@code sheet} or {@code scene}
 * @param status {@code estimated} (the call is being made), {@code billed}, {@code failed} (nothing billed) or
 *     {@code unknown} (the call may have been billed and cannot be checked)
 */
public record ChargeRecord(
        String chargeId,
        String kind,
        String model,
        String unit,
        String subjectKind,
        String episodeId,
        String subjectId,
        String purpose,
        String status,
        long estimatedUnits,
        long estimatedCnyMicros,
        Long billedUnits,
        Long billedCnyMicros,
        String errorCode,
        String note,
        long createdAt,
        Long finishedAt) {

    /** Still counted against the budget at its estimate: not yet answered, or answered never (may have been paid). */
    public boolean mayStillBeBilled() {
        return status.equals("estimated") || status.equals("unknown");
    }
}
