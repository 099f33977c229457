package dev.seedance4j.client;

import java.time.Instant;

/**
 * A call that may cost money was sent but no usable answer came back: what it asked for may or may not have been
 * done, and billed. Subtypes say which call and carry what is needed to reconcile or record it:
 * {@link CreateOutcomeUnknownException} (a video task may exist: look for it before creating again),
 * {@link ChatOutcomeUnknownException} and {@link ImagesOutcomeUnknownException} (synchronous calls that cannot be
 * looked up afterwards: record the possible cost).
 */
public abstract class OutcomeUnknownException extends SeedanceException {
    private final Instant sentAt;
    private final Instant failedAt;
    private final int attempts;

    protected OutcomeUnknownException(String message, Instant sentAt, Instant failedAt, int attempts, Throwable cause) {
        super(message, cause);
        this.sentAt = sentAt;
        this.failedAt = failedAt;
        this.attempts = attempts;
    }

    /** When the client started sending the request (its last send). */
    public Instant sentAt() {
        return sentAt;
    }

    /** When the client gave up on an answer. */
    public Instant failedAt() {
        return failedAt;
    }

    /** Sends of the request that may have been served (and billed) without an answer; at least 1. */
    public int attempts() {
        return attempts;
    }
}
