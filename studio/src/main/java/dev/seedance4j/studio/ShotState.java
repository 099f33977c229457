package dev.seedance4j.studio;

import java.util.Locale;

/**
 * Where a shot stands for its current request, as the state database says. Derived in one place (the engine, status
 * and the board all see the same), from the shot's takes and tasks:
 *
 * <ul>
 *   <li>{@link #NOT_GENERATED}: nothing was made for this request (never tried, changed since, its clip gone, or not
 *       sent for a reason the view gives: budget, a dependency, the service out of reach);
 *   <li>{@link #SUBMITTING}: the create is being sent, or it was sent without an answer and the account's task list
 *       is being searched for it; nothing is sent again until that is settled;
 *   <li>{@link #QUEUED}, {@link #RUNNING}: the service has the task;
 *   <li>{@link #FETCHING}: the task succeeded; its clip is being downloaded and verified;
 *   <li>{@link #DELIVERED}: a verified clip for exactly this request is kept;
 *   <li>{@link #FAILED}: the last take ended without a clip; the reason code says why and what to do.
 * </ul>
 */
public enum ShotState {
    NOT_GENERATED,
    SUBMITTING,
    QUEUED,
    RUNNING,
    FETCHING,
    DELIVERED,
    FAILED;

    /** The lower-case name used in output and JSON, e.g. {@code not_generated}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True while a task of the shot may still produce a clip (submitting, queued, running, fetching). */
    public boolean inFlight() {
        return this == SUBMITTING || this == QUEUED || this == RUNNING || this == FETCHING;
    }

    @Override
    public String toString() {
        return label();
    }
}
