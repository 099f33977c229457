package dev.seedance4j.studio.assembly.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.assembly.SoundMode;
import dev.seedance4j.studio.assembly.SubtitleCue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code <episode>.assembly.json} next to the episode: the change stamp it was made from and what the run found (the
 * timeline with each shot's clip, frames and sound, and the subtitle cues), so that a skipped episode can still report
 * its durations to the season manifest and an editor export can rebuild the cut. Clip paths are stored relative to
 * the episodes folder and the episode's own files not at all, so the output folder may move as a whole.
 */
public record AssemblyRecord(
        String stamp,
        AssemblyMode mode,
        int width,
        int height,
        double fps,
        double durationSeconds,
        SoundMode sound,
        Double measuredLufs,
        List<Shot> shots,
        List<SubtitleCue> cues) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AssemblyRecord {
        shots = List.copyOf(shots);
        cues = List.copyOf(cues);
    }

    /** One shot's place, its clip relative to the episodes folder with {@code /} separators. */
    public record Shot(
            String shotId,
            String takeHash,
            String take,
            String clip,
            long startFrame,
            long frames,
            double startSeconds,
            double durationSeconds,
            int width,
            int height,
            int audioChannels) {}

    public static AssemblyRecord of(EpisodeResult result, Path folder) {
        return new AssemblyRecord(
                result.stamp(),
                result.mode(),
                result.width(),
                result.height(),
                result.fps(),
                result.durationSeconds(),
                result.sound(),
                result.measuredLufs(),
                result.shots().stream()
                        .map(s -> new Shot(
                                s.shotId(),
                                s.takeHash(),
                                s.take(),
                                relative(folder, s.clip()),
                                s.startFrame(),
                                s.frames(),
                                s.startSeconds(),
                                s.durationSeconds(),
                                s.width(),
                                s.height(),
                                s.audioChannels()))
                        .toList(),
                result.cues());
    }

    /** The record at {@code file}, or empty when there is none or it cannot be read (then the episode is made again). */
    public static Optional<AssemblyRecord> read(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), AssemblyRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        JSON.writeValue(temporary.toFile(), this);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public EpisodeResult toResult(String episodeId, EpisodeFiles files, boolean skipped) {
        Path folder = files.video().toAbsolutePath().getParent();
        return new EpisodeResult(
                episodeId,
                skipped,
                mode,
                width,
                height,
                fps,
                files.video(),
                files.subtitles(),
                files.cover(),
                files.contactSheet(),
                durationSeconds,
                sound,
                cues,
                measuredLufs,
                shots.stream()
                        .map(s -> new ShotPlacement(
                                s.shotId(),
                                s.takeHash(),
                                s.startSeconds(),
                                s.durationSeconds(),
                                s.take(),
                                folder.resolve(s.clip()).normalize(),
                                s.startFrame(),
                                s.frames(),
                                s.width(),
                                s.height(),
                                s.audioChannels()))
                        .toList(),
                stamp);
    }

    /** The clip relative to the episodes folder when it can be (same root), else absolute. */
    private static String relative(Path folder, Path clip) {
        Path absolute = clip.toAbsolutePath().normalize();
        try {
            return folder.toAbsolutePath()
                    .normalize()
                    .relativize(absolute)
                    .toString()
                    .replace('\\', '/');
        } catch (IllegalArgumentException differentRoot) {
            return absolute.toString();
        }
    }
}
