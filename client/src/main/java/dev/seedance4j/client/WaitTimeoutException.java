package dev.seedance4j.client;

import java.util.List;
import java.util.Map;

/**
 * A {@link TaskWaiter}'s deadline passed before every task was terminal. The tasks keep running on the service;
 * {@link #lastSeen()} has the latest state of each, {@link #unfinished()} the ids still running or queued.
 */
public class WaitTimeoutException extends SeedanceException {
    private final transient Map<String, Task> lastSeen;
    private final List<String> unfinished;

    public WaitTimeoutException(String message, Map<String, Task> lastSeen, List<String> unfinished) {
        super(message);
        this.lastSeen = Map.copyOf(lastSeen);
        this.unfinished = List.copyOf(unfinished);
    }

    /** The latest state seen of every task that was waited for (tasks never seen are absent). */
    public Map<String, Task> lastSeen() {
        return lastSeen;
    }

    /** Ids of the tasks that were not terminal at the deadline. */
    public List<String> unfinished() {
        return unfinished;
    }
}
