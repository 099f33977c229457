package dev.seedance4j.client;

import java.util.Objects;
import java.util.Set;

/**
 * Status of a task: an open value type. A status the service adds later is kept by {@link #of(String)} and
 * counts as not terminal, so a waiter keeps polling rather than crashing.
 *
 * @param value the raw value of {@code status}
 */
public record TaskStatus(String value) {
    public static final TaskStatus QUEUED = new TaskStatus("queued");
    public static final TaskStatus RUNNING = new TaskStatus("running");
    public static final TaskStatus SUCCEEDED = new TaskStatus("succeeded");
    public static final TaskStatus FAILED = new TaskStatus("failed");
    public static final TaskStatus CANCELLED = new TaskStatus("cancelled");
    /** Queued or running for longer than {@code execution_expires_after}. */
    public static final TaskStatus EXPIRED = new TaskStatus("expired");

    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled", "expired");

    public TaskStatus {
        Objects.requireNonNull(value, "status");
    }

    public static TaskStatus of(String value) {
        return new TaskStatus(value);
    }

    /** True once the task can no longer change: succeeded, failed, cancelled or expired. */
    public boolean isTerminal() {
        return TERMINAL.contains(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
