package dev.seedance4j.client;

/**
 * Told by a {@link TaskWaiter} whenever a task it waits for is first seen or changes status, e.g. to drive a
 * progress bar. Called on the waiting thread; keep it quick.
 */
@FunctionalInterface
public interface WaitListener {
    /**
     * @param previous the state seen before, or {@code null} the first time
     * @param current  the state just seen
     */
    void onStatusChange(Task previous, Task current);
}
