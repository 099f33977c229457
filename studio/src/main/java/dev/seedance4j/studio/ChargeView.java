package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One image generation or chat completion of the project, from the estimate recorded before the call to what the
 * service billed.
 *
 * @param id the studio's id of the charge (written before the call)
 * @param status {@code estimated} (the call is being made, or the process stopped during it), {@code billed},
 *     {@code failed} (billed nothing) or {@code unknown} (sent without an answer: it may have been billed, and the
 *     service offers no way to tell; its estimate stays counted against the budget)
 * @param estimatedUnits images or tokens, as {@link ChargeKind#unit()} says
 * @param billedUnits null until billed (0 when failed)
 * @param note why it failed or why its outcome is unknown
 */
public record ChargeView(
        String id,
        ChargeKind kind,
        String model,
        ChargeSubject subject,
        String purpose,
        String status,
        long estimatedUnits,
        BigDecimal estimatedCny,
        Long billedUnits,
        BigDecimal billedCny,
        String errorCode,
        String note,
        Instant createdAt,
        Instant finishedAt) {

    /** Counted at its estimate until answered; an unknown outcome for good (it may have been paid). */
    public boolean mayStillBeBilled() {
        return status.equals("estimated") || status.equals("unknown");
    }
}
