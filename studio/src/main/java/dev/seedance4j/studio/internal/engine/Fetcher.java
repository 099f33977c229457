package dev.seedance4j.studio.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.client.InvalidResultLinkException;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.ResultExpiredException;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.Task;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegException;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads, verifies (duration, size, streams) and keeps each succeeded task's clip and last frame, on a small
 * bounded pool so that the conductor goes on submitting and polling meanwhile. The clip is moved into place before
 * it is recorded as delivered. Each fetch ends in one {@link Fetched} handed to the conductor, which alone changes
 * the shots of the run.
 */
final class Fetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);

    /** How one fetch ended. */
    sealed interface Fetched {
        TaskRecord task();

        /** Kept and recorded: {@code clip} relative to the output folder. */
        record Delivered(TaskRecord task, String clip, double seconds, int width, int height) implements Fetched {}

        /** The link expired before the clip was saved. */
        record Expired(TaskRecord task, String message) implements Fetched {}

        /** The link cannot be fetched at all (not http(s), no valid host): no retry helps. */
        record BadLink(TaskRecord task, String message) implements Fetched {}

        /**
         * Another worker recorded the task's outcome first (a result is recorded once): the shot follows what the
         * store says.
         */
        record RecordedElsewhere(TaskRecord task) implements Fetched {}

        /** Download or verification failed; it may be tried again. */
        record Failed(TaskRecord task, String message) implements Fetched {}
    }

    private final RunContext run;
    private final Ffmpeg ffmpeg;
    private final Consumer<Fetched> done;
    private final ExecutorService pool;
    /** Last frames, downloaded beside their clips (each waits a first byte of its own from the service's store). */
    private final ExecutorService frames;

    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final AtomicLong queued = new AtomicLong();

    Fetcher(RunContext run, Ffmpeg ffmpeg, int threads, Consumer<Fetched> done) {
        this.run = run;
        this.ffmpeg = ffmpeg;
        this.done = done;
        // a fetch a later shot waits for (its last frame or clip is that shot's input) goes before the others
        this.pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), daemons("seedance-fetch-"));
        this.frames = Executors.newFixedThreadPool(threads, daemons("seedance-fetch-frame-"));
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Whether the task's clip is being fetched, or its outcome not yet taken by the conductor. */
    boolean busy(String intentId) {
        return busy.contains(intentId);
    }

    boolean idle() {
        return busy.isEmpty();
    }

    /** Starts fetching {@code task}'s result (described by {@code remote}) unless it is already being fetched. */
    void fetch(TaskRecord task, Task remote) {
        if (!busy.add(task.intentId())) {
            return;
        }
        pool.execute(new Queued(
                run.startedFrom.contains(task.shot()),
                queued.incrementAndGet(),
                () -> done.accept(keep(task, remote))));
    }

    /** A fetch in the pool's queue: those another shot waits for first, then in the order they came. */
    record Queued(boolean awaited, long order, Runnable fetch) implements Runnable, Comparable<Queued> {
        @Override
        public void run() {
            fetch.run();
        }

        @Override
        public int compareTo(Queued other) {
            return awaited != other.awaited ? (awaited ? -1 : 1) : Long.compare(order, other.order);
        }
    }

    /** The conductor took the outcome: the task may be fetched again (after a failure). */
    void settled(Fetched fetched) {
        busy.remove(fetched.task().intentId());
    }

    private Fetched keep(TaskRecord task, Task remote) {
        ShotPlan plan = run.planByKey.get(task.shot());
        Path dir = run.outputDir.resolve("clips").resolve(task.shot().episode());
        // one part file per fetch: a worker that took the task over never writes into another's download
        String partName = task.shot().shot() + "-" + task.intentId() + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        Path part = dir.resolve(partName + ".part.mp4");
        Path framePart = dir.resolve(partName + ".part.png");
        Future<?> frameDownload = null;
        try {
            Files.createDirectories(dir);
            if (remote.lastFrameUrl() != null) {
                frameDownload = frames.submit(() -> run.clientOf(task).downloadLastFrame(remote, framePart));
            }
            run.clientOf(task).download(remote, part);
            ClipCheck info = ClipCheck.of(part, ffmpeg);
            String problem = verify(info, task, remote, plan);
            if (problem != null) {
                throw new IOException("the downloaded clip does not match the request: " + problem);
            }
            String sha = Hashing.sha256(part);
            String name = task.shot().shot() + "-" + sha.substring(0, 8);
            Path clip = dir.resolve(name + ".mp4");
            Path frame = dir.resolve(name + ".png");
            if (frameDownload != null) {
                awaitFrame(frameDownload);
                Files.move(framePart, frame, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                ffmpeg.extractLastFrame(part, frame); // a task created without return_last_frame
            }
            int width = info.width();
            int height = info.height();
            String relative = run.outputDir.relativize(clip).toString();
            StudioStore.Delivery kept = new StudioStore.Delivery(
                    relative,
                    sha,
                    run.outputDir.relativize(frame).toString(),
                    Hashing.sha256(frame),
                    info.durationSeconds(),
                    width,
                    height,
                    0,
                    0);
            // the clip's identity beside it first: a clip in place can always be told apart (see ClipAdopter)
            ClipAdopter.write(clip, task, kept);
            Files.move(part, clip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long[] stat = Clips.stat(clip);
            boolean recorded = run.store.deliver(
                    task,
                    new StudioStore.Delivery(
                            kept.clipPath(),
                            kept.clipSha256(),
                            kept.lastFramePath(),
                            kept.lastFrameSha256(),
                            kept.clipSeconds(),
                            width,
                            height,
                            stat[0],
                            stat[1]),
                    run.now());
            if (!recorded) {
                // another worker recorded this result first: its record stands (an identical clip has the same name)
                TaskRecord first = run.store.task(task.intentId()).orElseThrow();
                if (!relative.equals(first.clipPath())) {
                    deleteQuietly(clip);
                    deleteQuietly(frame);
                    deleteQuietly(ClipAdopter.recordOf(clip));
                }
                return new Fetched.RecordedElsewhere(task);
            }
            run.store.event(task.shot(), "delivered", relative + " (take " + task.takeNo() + ")", run.now());
            return new Fetched.Delivered(task, relative, info.durationSeconds(), width, height);
        } catch (ResultExpiredException e) {
            return new Fetched.Expired(task, e.getMessage());
        } catch (InvalidResultLinkException e) {
            return new Fetched.BadLink(task, e.getMessage());
        } catch (IOException | SeedanceException | FfmpegException e) {
            return new Fetched.Failed(task, e.getMessage());
        } catch (RuntimeException e) { // never lose a fetch's outcome: the conductor waits for it
            LOG.warn("fetching {} failed unexpectedly", task.remoteId(), e);
            return new Fetched.Failed(task, String.valueOf(e));
        } finally {
            if (frameDownload != null) {
                frameDownload.cancel(true);
            }
            deleteQuietly(part);
            deleteQuietly(framePart);
        }
    }

    /** Waits for a last frame's download; its failure is the fetch's. */
    private static void awaitFrame(Future<?> download) throws IOException {
        try {
            download.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while the last frame was downloaded");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // a SeedanceException (expired link, bad link, I/O) as the clip's own would be
            }
            throw new IOException(e.getCause());
        }
    }

    private static String verify(ClipCheck info, TaskRecord task, Task remote, ShotPlan plan) {
        if (!info.video()) {
            return "no video stream";
        }
        Integer seconds = remote.duration() != null ? remote.duration() : plan == null ? null : plan.seconds();
        if (seconds != null && seconds > 0 && Math.abs(info.durationSeconds() - seconds) > 0.6) {
            return "lasts " + info.durationSeconds() + " s instead of " + seconds + " s";
        }
        if (plan != null
                && plan.ratio() != null
                && !"adaptive".equals(plan.ratio().value())) {
            var size = plan.estimate().size();
            if (info.width() != size.width() || info.height() != size.height()) {
                return info.width() + "x" + info.height() + " instead of " + size;
            }
        }
        JsonNode request = RequestJson.parse(task.requestJson());
        boolean audioWanted = remote.generateAudio() != null
                ? remote.generateAudio()
                : !request.has("generate_audio")
                        || request.get("generate_audio").asBoolean();
        boolean audioModel = Model.SEEDANCE_2_0.equals(Model.of(task.model()))
                || Model.SEEDANCE_2_0_FAST.equals(Model.of(task.model()))
                || Model.SEEDANCE_1_5_PRO.equals(Model.of(task.model()));
        if (audioModel && audioWanted != info.audio()) {
            return audioWanted
                    ? "no audio stream although generate_audio"
                    : "an audio stream although no audio was asked";
        }
        return null;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", file, e.getMessage());
        }
    }

    /** Stops the pool; a fetch cut short leaves only a {@code .part} file, fetched again by the next run. */
    @Override
    public void close() {
        pool.shutdownNow();
        frames.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
            frames.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
