package dev.seedance4j.bench.internal;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What studios run today instead of the engine, written with our own client so that only the strategy differs:
 * <ul>
 *   <li>{@link #guideScript}: Volcengine's guide script: create one task, then get it, and while it is not finished
 *       sleep 30 s and get it again; download; the next shot;</li>
 *   <li>{@link #perTaskPoller}: {@code C} workers, each creating a task and polling that one task every 10 s until
 *       it ends, then taking the next shot whose predecessor is delivered.</li>
 * </ul>
 * Intervals are multiplied by the time scale of the emulator, like its run times.
 */
public final class Baselines {

    private Baselines() {}

    /** Result of a baseline: shots delivered (clip downloaded) and failed. */
    public record Outcome(int delivered, int failed) {}

    public static Outcome guideScript(SeedanceClient client, Workload workload, Path out, double timeScale)
            throws Exception {
        Duration poll = scaled(30, timeScale);
        Map<String, Path> lastFrames = new HashMap<>();
        int delivered = 0;
        for (Workload.Shot shot : workload.shots()) {
            if (deliver(client, workload, shot, out, poll, lastFrames)) delivered++;
        }
        return new Outcome(delivered, workload.shots().size() - delivered);
    }

    public static Outcome perTaskPoller(
            SeedanceClient client, Workload workload, Path out, double timeScale, int workers) throws Exception {
        Duration poll = scaled(10, timeScale);
        Map<String, Path> lastFrames = new HashMap<>();
        LinkedList<Workload.Shot> waiting = new LinkedList<>(workload.shots());
        List<String> done = new ArrayList<>();
        Object lock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                results.add(pool.submit(() -> {
                    int delivered = 0;
                    while (true) {
                        Workload.Shot next;
                        synchronized (lock) {
                            while (true) {
                                next = waiting.stream()
                                        .filter(s -> s.after() == null || done.contains(s.after()))
                                        .findFirst()
                                        .orElse(null);
                                if (next != null || waiting.isEmpty()) break;
                                lock.wait();
                            }
                            if (next == null) return delivered;
                            waiting.remove(next);
                        }
                        boolean ok = deliver(client, workload, next, out, poll, lastFrames);
                        if (ok) delivered++;
                        synchronized (lock) {
                            done.add(next.id()); // a failed predecessor releases its follower, which then fails too
                            lock.notifyAll();
                        }
                    }
                }));
            }
            int delivered = 0;
            for (Future<Integer> f : results) delivered += f.get();
            return new Outcome(delivered, workload.shots().size() - delivered);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Create, get until finished (sleeping {@code poll} between gets), download; true when the clip is saved. */
    private static boolean deliver(
            SeedanceClient client,
            Workload workload,
            Workload.Shot shot,
            Path out,
            Duration poll,
            Map<String, Path> lastFrames)
            throws InterruptedException {
        Path firstFrame = null;
        if (shot.after() != null) {
            synchronized (lastFrames) {
                firstFrame = lastFrames.get(shot.after());
            }
            if (firstFrame == null) return false;
        }
        try {
            String id = client.tasks().create(workload.request(shot, firstFrame));
            Task task = client.tasks().get(id);
            while (!task.isTerminal()) {
                Thread.sleep(poll.toMillis());
                task = client.tasks().get(id);
            }
            if (!task.isSucceeded()) return false;
            Files.createDirectories(out);
            client.download(task, out.resolve(shot.id() + ".mp4"));
            if (workload.isChainedOn(shot)) {
                Path png = client.downloadLastFrame(task, out.resolve(shot.id() + ".png"));
                synchronized (lastFrames) {
                    lastFrames.put(shot.id(), png);
                }
            }
            return true;
        } catch (RuntimeException | java.io.IOException e) {
            return false;
        }
    }

    static Duration scaled(double seconds, double timeScale) {
        return Duration.ofMillis(Math.max(1, Math.round(seconds * timeScale * 1000)));
    }
}
