package dev.seedance4j.board.internal;

import dev.seedance4j.studio.ShotKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the board's actions run: one at a time (a Studio takes one call at a time), in the order asked. A shot
 * with an action queued or running refuses a second one until the first is settled, so two people pressing
 * "regenerate" on one shot make one paid task, not two.
 */
public final class ActionLane implements AutoCloseable {
    /** An action as the page shows it. */
    public record Action(long id, String label, ShotKey shot, String state, String message, Instant at) {}

    /** The shot already has an action queued or running. */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message);
        }
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "board-actions");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong version = new AtomicLong();
    private final Map<ShotKey, Action> claimed = new HashMap<>();
    private final List<Action> recent = new ArrayList<>();

    /** Queues {@code work}; refused when {@code shot} (nullable) already has an action queued or running. */
    public synchronized Action submit(String label, ShotKey shot, Callable<String> work) {
        if (shot != null && claimed.containsKey(shot)) {
            Action a = claimed.get(shot);
            throw new Busy(shot + " already has \"" + a.label() + "\" " + a.state() + "; wait for it to end");
        }
        Action queued = new Action(ids.incrementAndGet(), label, shot, "queued", null, Instant.now());
        if (shot != null) claimed.put(shot, queued);
        record(queued);
        executor.submit(() -> {
            update(queued, "running", null);
            try {
                String done = work.call();
                update(queued, "done", done);
            } catch (Exception | Error e) {
                update(queued, "failed", Messages.of(e));
            } finally {
                release(queued);
            }
        });
        return queued;
    }

    /** Runs {@code work} on the lane and waits for it (actions asked meanwhile queue behind it). */
    public <T> T call(String label, Callable<T> work) throws Exception {
        Action a;
        Future<T> future;
        synchronized (this) {
            a = new Action(ids.incrementAndGet(), label, null, "queued", null, Instant.now());
            record(a);
            future = executor.submit(() -> {
                update(a, "running", null);
                return work.call();
            });
        }
        try {
            T result = future.get();
            update(a, "done", null);
            return result;
        } catch (ExecutionException e) {
            update(a, "failed", Messages.of(e.getCause()));
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    /**
     * Runs a short {@code work} on the lane and waits at most {@code seconds} for it to start and end; refused when
     * the lane is busy with something long (a run) for that long.
     */
    public <T> T quick(String label, long seconds, Callable<T> work) throws Exception {
        Future<T> future = executor.submit(work);
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new Busy("the board is busy with \"" + current() + "\"; " + label + " can be asked when it ends");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    private synchronized String current() {
        return recent.stream()
                .filter(a -> a.state().equals("running"))
                .map(Action::label)
                .findFirst()
                .orElse("another action");
    }

    /** The latest actions, newest first. */
    public synchronized List<Action> recent() {
        return new ArrayList<>(recent);
    }

    /** Rises whenever an action is queued, starts or ends. */
    public long version() {
        return version.get();
    }

    private synchronized void record(Action a) {
        recent.add(0, a);
        while (recent.size() > 12) recent.remove(recent.size() - 1);
        version.incrementAndGet();
    }

    private synchronized void update(Action a, String state, String message) {
        Action next = new Action(a.id(), a.label(), a.shot(), state, message, Instant.now());
        recent.replaceAll(x -> x.id() == a.id() ? next : x);
        if (a.shot() != null
                && claimed.containsKey(a.shot())
                && claimed.get(a.shot()).id() == a.id()) {
            claimed.put(a.shot(), next);
        }
        version.incrementAndGet();
    }

    private synchronized void release(Action a) {
        if (a.shot() != null
                && claimed.containsKey(a.shot())
                && claimed.get(a.shot()).id() == a.id()) {
            claimed.remove(a.shot());
        }
        version.incrementAndGet();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
