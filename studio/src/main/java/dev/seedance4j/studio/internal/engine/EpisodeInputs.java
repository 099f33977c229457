package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaStream;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.assembly.DialogueLine;
import dev.seedance4j.studio.assembly.EpisodeInput;
import dev.seedance4j.studio.assembly.ShotClip;
import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the state database into the assembler's input: per episode, the clip of the take each shot uses (the picked
 * one, else the newest delivered), with its dialogue and what it cost. An episode with a shot lacking a clip is
 * reported as incomplete instead.
 */
public final class EpisodeInputs {

    /** The ready episodes in project order, and the shots each incomplete episode still lacks. */
    public record Result(List<EpisodeInput> ready, Map<String, List<ShotKey>> incomplete) {}

    private EpisodeInputs() {}

    public static Result collect(
            Project project, List<ShotPlan> plans, StudioStore store, Path outputDir, Ffmpeg ffmpeg) {
        Map<ShotKey, ShotPlan> byKey = new LinkedHashMap<>();
        plans.forEach(p -> byKey.put(p.key(), p));
        List<EpisodeInput> ready = new ArrayList<>();
        Map<String, List<ShotKey>> incomplete = new LinkedHashMap<>();
        for (Project.Episode episode : project.episodes()) {
            List<ShotClip> clips = new ArrayList<>();
            List<ShotKey> missing = new ArrayList<>();
            String ratio = null;
            for (Shot shot : episode.shots()) {
                ShotPlan plan = byKey.get(shot.key());
                Optional<TaskRecord> clip = Clips.usable(store, outputDir, shot.key(), plan.identity());
                if (clip.isEmpty()) {
                    missing.add(shot.key());
                    continue;
                }
                TaskRecord task = clip.get();
                Path file = outputDir.resolve(task.clipPath());
                if (ratio == null) ratio = ratioOf(plan, file, ffmpeg);
                ShotClip.Builder b = ShotClip.builder(shot.id(), file, task.clipSha256())
                        .take(String.valueOf(task.takeNo()))
                        .cost(
                                task.billedTokens(),
                                task.billedCnyMicros() == null ? null : Money.cny(task.billedCnyMicros()));
                for (Shot.DialogueLine line : shot.dialogue()) {
                    b.line(
                            line.start().isPresent() && line.end().isPresent()
                                    ? DialogueLine.timed(
                                            line.who(),
                                            line.text(),
                                            line.start().get(),
                                            line.end().get())
                                    : DialogueLine.of(line.who(), line.text()));
                }
                clips.add(b.build());
            }
            if (!missing.isEmpty()) {
                incomplete.put(episode.id(), missing);
                continue;
            }
            EpisodeInput.Builder input = EpisodeInput.builder(episode.id(), ratio)
                    .title(episode.title().orElse(""));
            clips.forEach(input::shot);
            ready.add(input.build());
        }
        return new Result(ready, incomplete);
    }

    /** The episode's W:H: the first shot's ratio when it names one, else the first clip's own proportions. */
    private static String ratioOf(ShotPlan plan, Path clip, Ffmpeg ffmpeg) {
        if (plan.ratio() != null && plan.ratio().value().contains(":"))
            return plan.ratio().value();
        MediaStream video = ffmpeg.probe(clip)
                .video()
                .orElseThrow(() -> new IllegalStateException("the clip " + clip + " has no picture"));
        int gcd = BigInteger.valueOf(video.width())
                .gcd(BigInteger.valueOf(video.height()))
                .intValue();
        return video.width() / gcd + ":" + video.height() / gcd;
    }
}
