package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.internal.store.StudioStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a worker's leases alive (a run's tasks, or the sheets it makes) from a thread of its own: the worker's other
 * threads may be inside a long download or call, and a lease must not end while its holder lives. Beats every third
 * of the lease (one row, however many tasks the worker holds), so one missed beat (a slow database) costs nothing. A
 * worker that dies stops beating, and its leases end.
 */
public final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    /** This machine's name (asked once: a name lookup). */
    private static final String HOST = lookUpHost();
    /** This process as the start of a lease holder's name: host and process id. */
    static final String PROCESS = HOST + "/" + ProcessHandle.current().pid() + "/";

    private final Thread thread;

    /** Starts beating for {@code lease}'s worker (the first beat before it returns). */
    public Heartbeat(StudioStore store, StudioStore.Lease lease, Clock clock) {
        String hostName = HOST;
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

    /**
     * A new lease holder of {@code length}: named by host, process and a random part (two holders in one process
     * differ).
     */
    public static StudioStore.Lease newLease(java.time.Duration length) {
        return new StudioStore.Lease(
                PROCESS + java.util.UUID.randomUUID().toString().substring(0, 8), length.toMillis());
    }

    /**
     * Ends the leases of the workers of this machine whose process ended without releasing them (a crash, SIGKILL):
     * their tasks may be taken over now, their intents once their grace passed (a create sent just before may still
     * land), their claims on sheets at once (nothing can be answered to them any more).
     */
    public static void expireGoneProcesses(StudioStore store, long now) {
        long self = ProcessHandle.current().pid();
        for (StudioStore.WorkerRecord w : store.workers()) {
            if (w.host().equals(HOST)
                    && w.pid() != self
                    && ProcessHandle.of(w.pid()).map(p -> !p.isAlive()).orElse(true)) {
                store.expireLeases(w.worker(), now);
            }
        }
    }

    static String host() {
        return HOST;
    }

    private static String lookUpHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
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
