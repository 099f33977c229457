package dev.seedance4j.studio.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.studio.RunEvent;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kept clip carries its identity in a small record beside it ({@code <clip>.json}: the shot, the identity of
 * its request, its take, task and hashes), written before the clip is moved into place. When the state database has
 * lost a shot (deleted, emptied), a run adopts the newest verified clip whose identity is the shot's current one
 * instead of paying for it again; clips the database does not know and that cannot be adopted stop the run before
 * anything is sent, with how to recover.
 */
final class ClipAdopter {
    private static final Logger LOG = LoggerFactory.getLogger(ClipAdopter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClipAdopter() {}

    /** The record kept beside {@code clip}. */
    static Path recordOf(Path clip) {
        return clip.resolveSibling(clip.getFileName().toString().replaceFirst("\\.mp4$", ".json"));
    }

    /** Writes the clip's identity record (atomically) before the clip itself is moved into place. */
    static void write(Path clip, TaskRecord task, StudioStore.Delivery delivery) throws IOException {
        ObjectNode record = JSON.createObjectNode()
                .put("shot", task.shot().toString())
                .put("identity", task.identity())
                .put("take", task.takeNo())
                .put("intent_id", task.intentId())
                .put("remote_id", task.remoteId())
                .put("model", task.model())
                .put("request", task.requestJson())
                .put("estimated_tokens", task.estimatedTokens())
                .put("estimated_cny_micros", task.estimatedCnyMicros())
                .put("clip", clip.getFileName().toString())
                .put("clip_sha256", delivery.clipSha256())
                .put(
                        "last_frame",
                        Path.of(delivery.lastFramePath()).getFileName().toString())
                .put("last_frame_sha256", delivery.lastFrameSha256())
                .put("seconds", delivery.clipSeconds())
                .put("width", delivery.width())
                .put("height", delivery.height());
        if (task.seed() != null) record.put("seed", task.seed());
        if (task.billedTokens() != null) record.put("billed_tokens", task.billedTokens());
        if (task.billedCnyMicros() != null) record.put("billed_cny_micros", task.billedCnyMicros());
        Path target = recordOf(clip);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.write(part, JSON.writeValueAsBytes(record));
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The regular files in {@code clipsDir} and its episode folders. One that goes while they are listed is left out:
     * another run of the project may be moving a download into place (its {@code .part} file is renamed).
     */
    private static List<Path> regularFiles(Path clipsDir) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(clipsDir, Set.of(), 2, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return files;
    }

    /**
     * Before a run sends anything: adopt the clips of shots the database has no take of; refuse when the database
     * knows no task at all but clips are on disk that could not be adopted.
     */
    static void adopt(RunContext run) {
        Path clipsDir = run.outputDir.resolve("clips");
        if (!Files.isDirectory(clipsDir)) {
            return;
        }
        Set<ShotKey> known = new HashSet<>();
        run.store.allTakes().forEach(t -> known.add(t.shot()));
        boolean lostAll = run.store.tasks().isEmpty();
        if (!lostAll && run.planByKey.keySet().stream().allMatch(known::contains)) {
            return; // the usual case: nothing to look at
        }
        Map<ShotKey, List<JsonNode>> records = new HashMap<>();
        List<Path> clips = new ArrayList<>();
        try {
            for (Path f : regularFiles(clipsDir)) {
                String name = f.getFileName().toString();
                if (name.endsWith(".mp4") && !name.endsWith(".part.mp4")) {
                    clips.add(f);
                } else if (name.endsWith(".json")) {
                    try {
                        JsonNode record = JSON.readTree(f.toFile());
                        records.computeIfAbsent(
                                        ShotKey.parse(record.path("shot").asText()), k -> new ArrayList<>())
                                .add(record);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("unreadable clip record {}: {}", f, e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + clipsDir, e);
        }
        Set<Path> adopted = new HashSet<>();
        for (ShotPlan plan : run.planByKey.values()) {
            if (known.contains(plan.key())) {
                continue;
            }
            records.getOrDefault(plan.key(), List.of()).stream()
                    .filter(r -> r.path("identity").asText().equals(plan.identity()))
                    .sorted(Comparator.comparingInt(
                                    (JsonNode r) -> r.path("take").asInt())
                            .reversed())
                    .filter(r -> verified(run.outputDir, plan.key(), r))
                    .findFirst()
                    .ifPresent(r -> adopted.add(record(run, plan, r)));
        }
        if (lostAll) {
            List<Path> orphans = clips.stream()
                    .filter(c -> !adopted.contains(c))
                    .filter(c -> {
                        JsonNode record = recordFor(records, c);
                        // a clip of an older request of a shot that was adopted is no reason to stop
                        return record == null || !adoptedShot(adopted, run.outputDir, record);
                    })
                    .toList();
            if (!orphans.isEmpty()) {
                throw new StudioException("the state database has no record of " + orphans.size()
                        + " clip(s) in " + clipsDir + " (for example " + run.outputDir.relativize(orphans.get(0))
                        + ") and they carry no identity that matches the project; it was deleted or emptied."
                        + " Nothing was sent. Restore studio.db from a backup, or move " + clipsDir
                        + " aside to generate those shots anew");
            }
        }
    }

    private static JsonNode recordFor(Map<ShotKey, List<JsonNode>> records, Path clip) {
        String name = clip.getFileName().toString();
        return records.values().stream()
                .flatMap(List::stream)
                .filter(r -> r.path("clip").asText().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static boolean adoptedShot(Set<Path> adopted, Path outputDir, JsonNode record) {
        ShotKey shot = ShotKey.parse(record.path("shot").asText());
        Path dir = outputDir.resolve("clips").resolve(shot.episode());
        return adopted.stream()
                .anyMatch(a ->
                        a.getParent().equals(dir) && a.getFileName().toString().startsWith(shot.shot() + "-"));
    }

    private static boolean verified(Path outputDir, ShotKey shot, JsonNode record) {
        Path dir = outputDir.resolve("clips").resolve(shot.episode());
        Path clip = dir.resolve(record.path("clip").asText());
        Path frame = dir.resolve(record.path("last_frame").asText());
        if (!clip.normalize().startsWith(dir) || !frame.normalize().startsWith(dir)) {
            return false;
        }
        try {
            return Files.isRegularFile(clip)
                    && Files.isRegularFile(frame)
                    && Hashing.sha256(clip).equals(record.path("clip_sha256").asText())
                    && Hashing.sha256(frame)
                            .equals(record.path("last_frame_sha256").asText());
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Records the clip as the shot's delivered take, as a run would have; returns the clip adopted. */
    private static Path record(RunContext run, ShotPlan plan, JsonNode r) {
        StudioStore store = run.store;
        ShotKey key = plan.key();
        Path dir = run.outputDir.resolve("clips").resolve(key.episode());
        Path clip = dir.resolve(r.path("clip").asText());
        Path frame = dir.resolve(r.path("last_frame").asText());
        long now = run.now();
        Long seed = r.has("seed") ? r.get("seed").asLong() : null;
        int take = store.newTake(key, plan.identity(), null, now);
        String intentId = r.path("intent_id").asText();
        String remoteId = r.path("remote_id").asText(null);
        boolean remoteKnown = remoteId != null && store.tasks().stream().anyMatch(t -> remoteId.equals(t.remoteId()));
        store.insertIntent(
                intentId,
                key,
                take,
                plan.identity(),
                r.path("model").asText(plan.model().id()),
                seed,
                r.path("request").asText("{}"),
                r.path("estimated_tokens").asLong(),
                r.path("estimated_cny_micros").asLong(),
                now);
        if (remoteId != null && !remoteKnown) {
            store.markSubmitted(intentId, remoteId, now);
        }
        store.markSucceeded(
                intentId,
                null,
                null,
                null,
                r.has("billed_tokens") ? r.get("billed_tokens").asLong() : null,
                r.has("billed_cny_micros") ? r.get("billed_cny_micros").asLong() : null,
                now);
        long[] stat;
        try {
            stat = Clips.stat(clip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TaskRecord task = store.task(intentId).orElseThrow();
        store.deliver(
                task,
                new StudioStore.Delivery(
                        run.outputDir.relativize(clip).toString(),
                        r.path("clip_sha256").asText(),
                        run.outputDir.relativize(frame).toString(),
                        r.path("last_frame_sha256").asText(),
                        r.path("seconds").asDouble(),
                        r.path("width").asInt(),
                        r.path("height").asInt(),
                        stat[0],
                        stat[1]),
                now);
        String message = "adopted " + run.outputDir.relativize(clip) + " (its record matches the current request;"
                + " the state database had lost it); nothing sent";
        store.event(key, "adopted", message, now);
        run.emit(RunEvent.Kind.REUSED, key, message, null);
        LOG.info("{}: {}", key, message);
        return clip;
    }
}
