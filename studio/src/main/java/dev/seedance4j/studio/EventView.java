package dev.seedance4j.studio;

import java.time.Instant;

/**
 * One entry of the project's event log (submissions, reconciliations and their decisions, deliveries, failures,
 * picks, assemblies).
 *
 * @param seq its number: numbers rise in the order events were committed, across processes, so "every event after
 *     the last one seen" misses nothing
 * @param shot the shot it is about, null for project-wide events
 * @param kind e.g. {@code submitted}, {@code delivered}, {@code failed}, {@code reconciled}, {@code picked}
 */
public record EventView(long seq, Instant at, ShotKey shot, String kind, String detail) {}
