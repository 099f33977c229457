package dev.seedance4j.studio.assembly.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.assembly.SoundMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code <episode>.assembly.json} next to the episode: the change stamp it was made from and what the run found,
 * so that a skipped episode can still report its durations to the season manifest. File paths are not stored;
 * they follow from the folder and the episode id, so the folder may move.
 */
public record AssemblyRecord(
        String stamp,
        AssemblyMode mode,
        double durationSeconds,
        SoundMode sound,
        int subtitleCues,
        Double measuredLufs,
        List<ShotPlacement> shots) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static AssemblyRecord of(EpisodeResult result) {
        return new AssemblyRecord(
                result.stamp(),
                result.mode(),
                result.durationSeconds(),
                result.sound(),
                result.subtitleCues(),
                result.measuredLufs(),
                result.shots());
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
        return new EpisodeResult(
                episodeId,
                skipped,
                mode,
                files.video(),
                files.subtitles(),
                files.cover(),
                files.contactSheet(),
                durationSeconds,
                sound,
                subtitleCues,
                measuredLufs,
                shots,
                stamp);
    }
}
