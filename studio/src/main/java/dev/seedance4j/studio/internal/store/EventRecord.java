package dev.seedance4j.studio.internal.store;

import dev.seedance4j.studio.ShotKey;

/** One row of {@code events}; {@code shot} is null for project-wide events. */
public record EventRecord(long seq, long atMillis, ShotKey shot, String kind, String detail) {}
