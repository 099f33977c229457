package dev.seedance4j.studio.internal.store;

import dev.seedance4j.studio.ShotKey;

/** One row of {@code shot_skips}: why the shot (with this identity) was not sent in the last run that tried. */
public record SkipRecord(ShotKey shot, String identity, String reason, String message, long atMillis) {}
