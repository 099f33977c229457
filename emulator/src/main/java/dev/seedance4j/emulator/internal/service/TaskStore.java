package dev.seedance4j.emulator.internal.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.seedance4j.emulator.RenderedClip;
import dev.seedance4j.emulator.internal.service.GenerationRequest.MediaItem;
import dev.seedance4j.emulator.internal.service.MediaFetcher.FetchedMedia;
import dev.seedance4j.emulator.internal.service.Task.Status;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every task of a persistent emulator on disk, as the service keeps its records through restarts: each task's
 * folder ({@code <data>/<task id>/}) holds its inputs, its result files and {@code task.json}, which is rewritten
 * (atomically, under the task's monitor, so the file always ends with the latest state) at every change. On start
 * the tasks are read back with their times, so queued tasks wait again and running ones finish when they would have.
 */
final class TaskStore {

    private static final Logger log = LoggerFactory.getLogger(TaskStore.class);
    static final String FILE = "task.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A fetched medium; {@code file} is relative to the data folder (a draft's media live in the draft's folder). */
    record StoredMedia(
            int index,
            MediaItem.Kind kind,
            String role,
            String url,
            String file,
            int width,
            int height,
            double seconds,
            int wholeSeconds) {}

    /** {@link GenerationRequest} with the model by id. */
    record StoredRequest(
            String requestedModel,
            String model,
            String prompt,
            String draftTaskId,
            String callbackUrl,
            boolean returnLastFrame,
            String serviceTier,
            long executionExpiresAfter,
            boolean generateAudio,
            boolean draft,
            boolean webSearch,
            String safetyIdentifier,
            int priority,
            String resolution,
            String ratio,
            int duration,
            Integer frames,
            long seed,
            boolean cameraFixed,
            boolean watermark,
            String outputFormat) {}

    /** One task as {@code task.json} holds it; times in epoch milliseconds, result files relative to the task. */
    record StoredTask(
            int version,
            String id,
            long sequence,
            long createdAt,
            long updatedAt,
            Long startedAt,
            Status status,
            String errorCode,
            String errorMessage,
            long tokens,
            long resultExpiresAt,
            String video,
            String lastFrame,
            String resolution,
            String ratio,
            int width,
            int height,
            int duration,
            long seed,
            StoredRequest request,
            List<StoredMedia> media) {}

    private final Path root;

    TaskStore(Path root) {
        this.root = root;
    }

    /** Writes the task's current state; does nothing once the task was removed. */
    void save(Task task) {
        synchronized (task) {
            if (task.removed) return;
            try {
                Files.createDirectories(task.directory); // a text-only task has no inputs to have made it
                Path temp = Files.createTempFile(task.directory, FILE, ".part");
                try {
                    JSON.writeValue(temp.toFile(), snapshot(task));
                    move(temp, task.directory.resolve(FILE));
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                log.warn("cannot keep task {} on disk: {}", task.id, e.toString());
            }
        }
    }

    /** Every stored task whose model the table still has, oldest first. */
    List<Task> load(ModelTable models, Task.Links links) {
        List<Task> tasks = new ArrayList<>();
        if (!Files.isDirectory(root)) return tasks;
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve(FILE);
                if (!Files.isRegularFile(file)) continue;
                try {
                    StoredTask stored = JSON.readValue(file.toFile(), StoredTask.class);
                    Task task = restore(stored, folder, models, links);
                    if (task != null) tasks.add(task);
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot read the stored task {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the stored tasks in {}: {}", root, e.toString());
        }
        tasks.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        return tasks;
    }

    private StoredTask snapshot(Task task) {
        GenerationRequest r = task.request;
        StoredRequest request = new StoredRequest(
                r.requestedModel(),
                r.model().id(),
                r.prompt(),
                r.draftTaskId(),
                r.callbackUrl(),
                r.returnLastFrame(),
                r.serviceTier(),
                r.executionExpiresAfter(),
                r.generateAudio(),
                r.draft(),
                r.webSearch(),
                r.safetyIdentifier(),
                r.priority(),
                r.resolution(),
                r.ratio(),
                r.duration(),
                r.frames(),
                r.seed(),
                r.cameraFixed(),
                r.watermark(),
                r.outputFormat());
        List<StoredMedia> media = task.media.stream()
                .map(m -> new StoredMedia(
                        m.item().index(),
                        m.item().kind(),
                        m.item().role(),
                        shortUrl(m.item().url()),
                        root.relativize(m.file()).toString(),
                        m.width(),
                        m.height(),
                        m.seconds(),
                        m.wholeSeconds()))
                .toList();
        RenderedClip clip = task.clip();
        Instant started = task.startedAt();
        return new StoredTask(
                VERSION,
                task.id,
                task.sequence,
                task.createdAt.toEpochMilli(),
                task.updatedAt().toEpochMilli(),
                started == null ? null : started.toEpochMilli(),
                task.status(),
                task.errorCode(),
                task.errorMessage(),
                task.tokens(),
                task.resultExpiresAt(),
                clip == null ? null : relative(task, clip.video()),
                clip == null || clip.lastFrame() == null ? null : relative(task, clip.lastFrame()),
                task.resolution,
                task.ratio,
                task.width,
                task.height,
                task.duration,
                task.seed,
                request,
                media);
    }

    private Task restore(StoredTask s, Path folder, ModelTable models, Task.Links links) {
        StoredRequest r = s.request();
        ModelSpec model = models.video(r.model()).orElse(null);
        if (model == null) {
            log.warn("not restoring task {}: the model table has no model {}", s.id(), r.model());
            return null;
        }
        List<MediaItem> items = new ArrayList<>();
        List<FetchedMedia> media = new ArrayList<>();
        for (StoredMedia m : s.media()) {
            MediaItem item = new MediaItem(m.index(), m.kind(), m.role(), m.url());
            items.add(item);
            media.add(new FetchedMedia(
                    item, root.resolve(m.file()), m.width(), m.height(), m.seconds(), m.wholeSeconds()));
        }
        GenerationRequest request = new GenerationRequest(
                r.requestedModel(),
                model,
                r.prompt(),
                items,
                r.draftTaskId(),
                r.callbackUrl(),
                r.returnLastFrame(),
                r.serviceTier(),
                r.executionExpiresAfter(),
                r.generateAudio(),
                r.draft(),
                r.webSearch(),
                r.safetyIdentifier(),
                r.priority(),
                r.resolution(),
                r.ratio(),
                r.duration(),
                r.frames(),
                r.seed(),
                r.cameraFixed(),
                r.watermark(),
                r.outputFormat() == null ? model.outputFormats().get(0) : r.outputFormat());
        Task task = new Task(
                s.id(),
                s.sequence(),
                request,
                media,
                folder,
                Instant.ofEpochMilli(s.createdAt()),
                s.resolution(),
                s.ratio(),
                s.width(),
                s.height(),
                s.duration(),
                s.seed(),
                links);
        RenderedClip clip = s.video() == null
                ? null
                : new RenderedClip(
                        folder.resolve(s.video()), s.lastFrame() == null ? null : folder.resolve(s.lastFrame()));
        task.restore(
                s.status(),
                Instant.ofEpochMilli(s.updatedAt()),
                s.startedAt() == null ? null : Instant.ofEpochMilli(s.startedAt()),
                s.errorCode(),
                s.errorMessage(),
                s.tokens(),
                s.resultExpiresAt(),
                clip);
        return task;
    }

    private static String relative(Task task, Path file) {
        return task.directory.relativize(file).toString();
    }

    /** Data URLs are not kept (they can be 40 MB); their bytes are in the stored input file. */
    private static String shortUrl(String url) {
        int comma = url.indexOf(',');
        return url.regionMatches(true, 0, "data:", 0, 5) && comma > 0 ? url.substring(0, comma + 1) : url;
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
