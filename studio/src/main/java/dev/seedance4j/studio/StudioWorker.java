package dev.seedance4j.studio;

import dev.seedance4j.studio.internal.store.StoreLocation;
import dev.seedance4j.studio.internal.store.StudioStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker of team mode ({@code seedance worker --store URL}): serves every project of a shared store that has open
 * work, each in a run of its own, side by side with the runs and workers on other machines. A project is found by
 * the file and output folder its last run recorded (on a shared filesystem, the same paths on every machine).
 */
public final class StudioWorker {
    private static final Logger LOG = LoggerFactory.getLogger(StudioWorker.class);
    private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final StudioOptions options;
    private final RunListener listener;

    /**
     * @param options the store ({@link StudioOptions#store()}, required), the client and the limits every run uses;
     *     each project's own output folder and id come from the store
     */
    public StudioWorker(StudioOptions options, RunListener listener) {
        if (options.store().isEmpty()) {
            throw new StudioException("a worker needs a shared store (StudioOptions.store)");
        }
        this.options = options;
        this.listener = listener;
    }

    /**
     * Serves projects until interrupted, or, with {@code idleExit}, until no project has had open work for that
     * long. Returns how many runs it made.
     */
    public int serve(Duration checkEvery, Duration idleExit) throws InterruptedException {
        StoreLocation location = StoreLocation.parse(options.store().get());
        Map<String, Future<?>> active = new ConcurrentHashMap<>();
        // a project whose run stopped on an error is tried again after a pause, not at every check
        Map<String, Long> retryAt = new ConcurrentHashMap<>();
        ExecutorService runs = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "seedance-worker-run");
            t.setDaemon(true);
            return t;
        });
        int started = 0;
        long idleSince = System.nanoTime();
        try (StudioStore store = StudioStore.open(location, StudioStore.DEFAULT_PROJECT)) {
            while (!Thread.currentThread().isInterrupted()) {
                active.values().removeIf(Future::isDone);
                for (StudioStore.ProjectRecord p : openWork(store)) {
                    if (active.containsKey(p.project())
                            || p.projectFile() == null
                            || retryAt.getOrDefault(p.project(), 0L) > System.nanoTime()) {
                        continue;
                    }
                    if (!Files.isRegularFile(Path.of(p.projectFile()))) {
                        LOG.warn(
                                "project {}: its file {} is not on this machine; skipped",
                                p.project(),
                                p.projectFile());
                        continue;
                    }
                    started++;
                    active.put(p.project(), runs.submit(() -> {
                        if (!serveOne(p)) {
                            retryAt.put(p.project(), System.nanoTime() + RETRY_AFTER.toNanos());
                        }
                    }));
                }
                if (!active.isEmpty()) {
                    idleSince = System.nanoTime();
                } else if (idleExit != null && System.nanoTime() - idleSince > idleExit.toNanos()) {
                    return started;
                }
                Thread.sleep(checkEvery.toMillis());
            }
            return started;
        } finally {
            runs.shutdownNow();
        }
    }

    private static java.util.List<StudioStore.ProjectRecord> openWork(StudioStore store) {
        try {
            return store.projectsWithOpenWork();
        } catch (StudioException e) {
            LOG.warn("the store is out of reach; trying again: {}", e.getMessage());
            return java.util.List.of();
        }
    }

    /** Runs one project to its end; false when the run stopped on an error. */
    private boolean serveOne(StudioStore.ProjectRecord p) {
        StudioOptions forProject = options.toBuilder()
                .outputDir(Path.of(p.outputDir()))
                .projectId(p.project())
                .build();
        listener.onEvent(new RunEvent(
                java.time.Instant.now(options.clock()),
                RunEvent.Kind.STARTED,
                null,
                "serving project " + p.project(),
                null));
        try (Studio studio = Studio.open(Path.of(p.projectFile()), forProject)) {
            studio.run(listener);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("project {}: the run stopped (tried again in {}): {}", p.project(), RETRY_AFTER, e.getMessage());
            return false;
        }
    }
}
