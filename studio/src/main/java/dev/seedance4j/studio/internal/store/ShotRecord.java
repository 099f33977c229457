package dev.seedance4j.studio.internal.store;

import dev.seedance4j.studio.ShotKey;

/** One row of {@code shots}: a shot as last planned. */
public record ShotRecord(
        ShotKey shot,
        int position,
        String identity,
        String mode,
        String model,
        int seconds,
        String resolution,
        String ratio,
        long estimatedTokens,
        long estimatedCnyMicros) {}
