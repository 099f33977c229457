package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One create request of the project, from the intent written before it was sent to its end.
 *
 * @param intentId the studio's id of the request (written before the create call)
 * @param remoteId the service's task id, once known
 * @param status {@code intent}, {@code unknown} (sent without an answer: being reconciled), {@code queued},
 *     {@code running}, {@code succeeded} (clip not yet kept), {@code delivered} or {@code failed}
 * @param reason why it failed, as the studio classified it ({@code NOT_CREATED} for a create that provably did not
 *     happen), null otherwise
 * @param billedTokens what the service reported, null until it finished
 * @param urlExpiresAt when its result link stops working, once succeeded
 */
public record TaskView(
        String intentId,
        ShotKey shot,
        int take,
        String remoteId,
        String status,
        String model,
        Long seed,
        long estimatedTokens,
        BigDecimal estimatedCny,
        Long billedTokens,
        BigDecimal billedCny,
        String errorCode,
        String errorMessage,
        String reason,
        Instant createdAt,
        Instant submittedAt,
        Instant finishedAt,
        Instant urlExpiresAt) {}
