package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.internal.store.StudioStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a run's leases alive from a thread of its own: the engine's thread may be inside a long download or create,
 * and a lease must not expire while its holder lives. Beats every third of the lease (one row, however many tasks
 * the run holds), so one missed beat (a slow database) costs nothing. A run that dies stops beating, and its leases
 * end.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Thread thread;

    Heartbeat(StudioStore store, StudioStore.Lease lease, String hostName, Clock clock) {
        long pid = ProcessHandle.current().pid();
        beat(store, lease, clock, hostName, pid);
        thread = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.sleep(Math.max(100, lease.millis() / 3));
                            beat(store, lease, clock, hostName, pid);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "seedance-heartbeat");
        thread.setDaemon(true);
        thread.start();
    }

    private static void beat(StudioStore store, StudioStore.Lease lease, Clock clock, String host, long pid) {
        try {
            store.heartbeat(lease.worker(), host, pid, lease.millis(), clock.millis());
        } catch (StudioException e) {
            LOG.warn("heartbeat failed (the leases expire unless a later one succeeds): {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
