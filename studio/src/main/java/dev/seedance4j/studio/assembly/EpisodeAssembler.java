package dev.seedance4j.studio.assembly;

import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegException;
import dev.seedance4j.studio.assembly.internal.AssemblyRecord;
import dev.seedance4j.studio.assembly.internal.EpisodeFiles;
import dev.seedance4j.studio.assembly.internal.EpisodeJob;
import dev.seedance4j.studio.assembly.internal.SeasonManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an episode's verified clips into the files a studio hands over (成片): the joined MP4 with a soft subtitle
 * track and even loudness, an {@code .srt}, a cover image and a contact sheet; and a season's episodes into a
 * manifest with checksums.
 *
 * <pre>{@code
 * EpisodeAssembler assembler = EpisodeAssembler.create(Path.of("out/my-drama/episodes"));
 * EpisodeInput ep01 = EpisodeInput.builder("ep01", "9:16")
 *         .title("第一集 重生")
 *         .shot(ShotClip.builder("s01", Path.of("clips/s01-take1.mp4"), "3f9a…").line("lin", "这一次，我不会再输。").build())
 *         .shot(ShotClip.builder("s02", Path.of("clips/s02-take2.mp4"), "b71c…").build())
 *         .build();
 * EpisodeResult result = assembler.assemble(ep01, AssemblySettings.defaults(),
 *         (episode, step, fraction) -> System.out.printf("%s %s %.0f%%%n", episode, step, fraction * 100));
 * }</pre>
 *
 * <p>Files, all in the episodes folder: {@code <episode>.mp4}, {@code <episode>.srt}, {@code <episode>.cover.jpg},
 * {@code <episode>.contact.png}, and {@code <episode>.assembly.json}, which records the change stamp of the inputs.
 * An episode whose take hashes, dialogue and settings are unchanged is not assembled again: the result says
 * {@link EpisodeResult#skipped() skipped}. Files are written into a work folder ({@code .assembling/<episode>/})
 * first and moved into place at the end, so a failed or interrupted assembly never leaves a half-written episode
 * under the final name.
 *
 * <p>Thread-safe as long as no two threads assemble the same episode at once. Bad input (a missing clip, a
 * dialogue line that ends after its clip, a cover shot that is not in the episode) fails with an
 * {@link IllegalArgumentException} that names the episode, shot and rule, before ffmpeg runs; ffmpeg failures
 * surface as {@link FfmpegException} quoting ffmpeg's last lines.
 */
public final class EpisodeAssembler {

    private final Ffmpeg ffmpeg;
    private final Path episodesDirectory;

    private EpisodeAssembler(Ffmpeg ffmpeg, Path episodesDirectory) {
        this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
        this.episodesDirectory = Objects.requireNonNull(episodesDirectory, "episodesDirectory")
                .toAbsolutePath()
                .normalize();
    }

    /** An assembler writing into {@code episodesDirectory} (usually {@code out/<project>/episodes}) with {@link Ffmpeg#locate()}. */
    public static EpisodeAssembler create(Path episodesDirectory) {
        return new EpisodeAssembler(Ffmpeg.locate(), episodesDirectory);
    }

    /** An assembler writing into {@code episodesDirectory} with the given ffmpeg. */
    public static EpisodeAssembler create(Ffmpeg ffmpeg, Path episodesDirectory) {
        return new EpisodeAssembler(ffmpeg, episodesDirectory);
    }

    public Path episodesDirectory() {
        return episodesDirectory;
    }

    /**
     * The episode as last assembled into {@code episodesDirectory}, read from its {@code <episode>.assembly.json}
     * (timeline, clips, subtitle cues, picture size and frame rate); empty when it was never assembled there, when
     * one of its files is missing, or when the record was written by a version that did not keep the timeline. Reads
     * only; runs no ffmpeg. The result is marked {@link EpisodeResult#skipped() skipped}.
     *
     * @throws IllegalArgumentException when the episode id is not a safe file name
     */
    public static Optional<EpisodeResult> assembled(Path episodesDirectory, String episodeId) {
        EpisodeInput.checkId(episodeId);
        EpisodeFiles files = EpisodeFiles.in(episodesDirectory.toAbsolutePath().normalize(), episodeId);
        if (!files.allExist()) return Optional.empty();
        return AssemblyRecord.read(files.record()).map(r -> r.toResult(episodeId, files, true));
    }

    /**
     * Assembles one episode, or reports it skipped when nothing changed since the last assembly.
     *
     * @param listener hears each step's progress (use {@link AssemblyListener#NONE} to ignore it)
     * @throws IllegalArgumentException when the input is unusable, naming the episode, shot or setting
     * @throws UncheckedIOException     when the episodes folder cannot be written
     */
    public EpisodeResult assemble(EpisodeInput episode, AssemblySettings settings, AssemblyListener listener) {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        try {
            return new EpisodeJob(ffmpeg, episodesDirectory, episode, settings, listener).run();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "assembling episode " + episode.episodeId() + " in " + episodesDirectory + " failed: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Assembles every episode (skipping the unchanged ones) and writes {@code season.json} into the episodes folder:
     * each episode's shots, takes, timeline, tokens and CNY, and each file's size and SHA-256.
     *
     * @param project  the project's title or id, written into the manifest
     * @param episodes the season's episodes in order; ids unique
     */
    public SeasonExport exportSeason(
            String project, List<EpisodeInput> episodes, AssemblySettings settings, AssemblyListener listener) {
        Objects.requireNonNull(project, "project");
        if (episodes.isEmpty()) throw new IllegalArgumentException("a season export needs at least one episode");
        if (episodes.stream().map(EpisodeInput::episodeId).distinct().count() != episodes.size()) {
            throw new IllegalArgumentException("a season export lists an episode id twice");
        }
        List<EpisodeResult> results = new ArrayList<>();
        for (EpisodeInput episode : episodes) results.add(assemble(episode, settings, listener));
        Path manifest = episodesDirectory.resolve("season.json");
        try {
            SeasonManifest.write(manifest, project, episodes, results);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + manifest + " failed: " + e.getMessage(), e);
        }
        return new SeasonExport(manifest, results);
    }
}
