package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TakeRecord;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which kept clip a shot uses: the picked take if it is for the current request, else the newest such take. */
public final class Clips {
    private static final Logger LOG = LoggerFactory.getLogger(Clips.class);

    private Clips() {}

    /** The verified, intact clip for {@code identity}, if one exists (a missing or altered file does not count). */
    public static Optional<TaskRecord> usable(StudioStore store, Path outputDir, ShotKey shot, String identity) {
        List<TakeRecord> takes = store.takes(shot).stream()
                .filter(t -> t.delivered() && t.identity().equals(identity))
                .toList();
        if (takes.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> picked = store.pickedTake(shot);
        TakeRecord take = takes.stream()
                .filter(t -> picked.isPresent() && t.takeNo() == picked.get())
                .findFirst()
                .orElse(takes.get(takes.size() - 1));
        return store.task(take.deliveredIntentId()).filter(t -> intact(outputDir, t));
    }

    private static boolean intact(Path outputDir, TaskRecord task) {
        Path clip = outputDir.resolve(task.clipPath());
        if (!Files.isRegularFile(clip) || !Files.isRegularFile(outputDir.resolve(task.lastFramePath()))) {
            LOG.warn("the clip of {} is missing ({}); it will be generated again", task.shot(), clip);
            return false;
        }
        if (!Hashing.sha256(clip).equals(task.clipSha256())) {
            LOG.warn("the clip of {} was altered ({}); it will be generated again", task.shot(), clip);
            return false;
        }
        return true;
    }
}
