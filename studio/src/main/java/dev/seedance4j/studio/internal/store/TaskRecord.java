package dev.seedance4j.studio.internal.store;

import dev.seedance4j.studio.ShotKey;

/**
 * One row of {@code tasks}: a create request, from intent to delivered clip or failure.
 *
 * @param clipBytes the kept clip's size, as recorded when it was delivered (null before)
 * @param clipMtime the kept clip's modification time (Unix ms), as last verified (null before)
 * @param leaseOwner the worker that holds the task (may create, poll and fetch it), null when none ever did
 * @param leaseUntil when that worker's leases end unless it beats again (its last heartbeat plus its lease, Unix ms;
 *     null when it has no heartbeat row: released, or gone)
 * @param keyId the fingerprint of the API key the task is created with (null before team mode)
 */
public record TaskRecord(
        String intentId,
        ShotKey shot,
        int takeNo,
        String identity,
        String remoteId,
        TaskState status,
        String model,
        Long seed,
        String requestJson,
        long estimatedTokens,
        long estimatedCnyMicros,
        Long billedTokens,
        Long billedCnyMicros,
        String errorCode,
        String errorMessage,
        String reason,
        String videoUrl,
        String lastFrameUrl,
        Long urlExpiresAt,
        String clipPath,
        String clipSha256,
        String lastFramePath,
        String lastFrameSha256,
        Double clipSeconds,
        Integer clipWidth,
        Integer clipHeight,
        long createdAt,
        Long submittedAt,
        Long finishedAt,
        Long clipBytes,
        Long clipMtime,
        String leaseOwner,
        Long leaseUntil,
        String keyId) {
    /** Whether its holder's lease is alive at {@code now} (the store's one lease rule). */
    public boolean leaseAlive(long now) {
        return StudioStore.held(leaseUntil, now);
    }
}
