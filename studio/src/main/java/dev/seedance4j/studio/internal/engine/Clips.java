package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.store.ShotStateRule;
import dev.seedance4j.studio.internal.store.SkipRecord;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TakeRecord;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which kept clip a shot uses (the rule is {@link ShotStateRule#clip}) and whether it is still intact: a file with the
 * size and modification time recorded when it was kept is trusted; only one whose time changed is hashed again
 * (and its new time remembered when the hash still matches).
 */
public final class Clips {
    private static final Logger LOG = LoggerFactory.getLogger(Clips.class);

    private Clips() {}

    /** The verified, intact clip for {@code identity}, if one exists (a missing or altered file does not count). */
    public static Optional<TaskRecord> usable(StudioStore store, Path outputDir, ShotKey shot, String identity) {
        return usable(store, outputDir, identity, store.takes(shot), store.tasksOf(shot), store.pickedTake(shot));
    }

    /** The same, from the shot's rows already read. */
    static Optional<TaskRecord> usable(
            StudioStore store,
            Path outputDir,
            String identity,
            List<TakeRecord> takes,
            List<TaskRecord> tasks,
            Optional<Integer> picked) {
        return ShotStateRule.clip(identity, takes, tasks, picked, task -> intact(store, outputDir, task));
    }

    /**
     * Where a shot stands, by the one rule status and the board use ({@link ShotStateRule#derive}), with a kept clip
     * counting only when it is intact.
     */
    public static ShotStateRule.Derived derive(
            StudioStore store,
            Path outputDir,
            String identity,
            List<TakeRecord> takes,
            List<TaskRecord> tasks,
            Optional<Integer> picked,
            SkipRecord skip) {
        return ShotStateRule.derive(identity, takes, tasks, picked, skip, task -> intact(store, outputDir, task));
    }

    /** The clip's size and modification time (Unix ms), as {@link StudioStore#deliver} records them. */
    public static long[] stat(Path clip) throws IOException {
        return new long[] {Files.size(clip), Files.getLastModifiedTime(clip).toMillis()};
    }

    private static boolean intact(StudioStore store, Path outputDir, TaskRecord task) {
        Path clip = outputDir.resolve(task.clipPath());
        if (!Files.isRegularFile(clip) || !Files.isRegularFile(outputDir.resolve(task.lastFramePath()))) {
            LOG.warn("the clip of {} is missing ({}); it will be generated again", task.shot(), clip);
            return false;
        }
        long[] stat;
        try {
            stat = stat(clip);
        } catch (IOException e) {
            LOG.warn("cannot read the clip of {} ({}): {}", task.shot(), clip, e.getMessage());
            return false;
        }
        if (task.clipBytes() != null && task.clipBytes() != stat[0]) {
            LOG.warn("the clip of {} changed size ({}); it will be generated again", task.shot(), clip);
            return false;
        }
        if (task.clipMtime() != null && task.clipMtime() == stat[1] && task.clipBytes() != null) {
            return true;
        }
        try {
            if (!Hashing.sha256(clip).equals(task.clipSha256())) {
                LOG.warn("the clip of {} was altered ({}); it will be generated again", task.shot(), clip);
                return false;
            }
        } catch (java.io.UncheckedIOException e) {
            LOG.warn("cannot read the clip of {}: {}", task.shot(), e.getMessage());
            return false;
        }
        store.touchClip(task.intentId(), stat[0], stat[1]);
        return true;
    }
}
