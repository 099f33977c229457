package dev.seedance4j.export;

import dev.seedance4j.export.internal.Cut;
import dev.seedance4j.export.internal.ExportLedger;
import dev.seedance4j.export.internal.TimelineWriter;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.ShotView;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.assembly.EpisodeAssembler;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotPlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands assembled episodes to an editor: the picked takes in order with their source ranges on a video track, their
 * own sound on an audio track, the dialogue with the assembler's timings as subtitles, and a marker
 * {@code episode/shot} at every cut with the shot's prompt as its note, frame-accurate, in the format the editor opens
 * ({@link ExportFormat}). Reads what the assembler recorded; never runs ffmpeg, never sends anything.
 *
 * <pre>{@code
 * try (Studio studio = Studio.open(Path.of("drama.yaml"), StudioOptions.builder().build())) {
 *     ExportReport report = TimelineExport.project(studio, ExportFormat.JIANYING, ExportSettings.defaults());
 *     report.exported().forEach(e -> System.out.println(e.episodeId() + " -> " + e.path()));
 * }
 * // or, with only the assembler:
 * EpisodeResult ep01 = EpisodeAssembler.assembled(Path.of("out/drama/episodes"), "ep01").orElseThrow();
 * TimelineExport.write(ep01, EpisodeLabels.none(), ExportFormat.MLT,
 *         ExportSettings.builder().outputDirectory(Path.of("out/drama/exports/mlt")).build());
 * }</pre>
 */
public final class TimelineExport {

    private static final Logger LOG = LoggerFactory.getLogger(TimelineExport.class);

    private TimelineExport() {}

    /**
     * Exports one assembled episode into {@link ExportSettings#outputDirectory()}, which must be set.
     *
     * @throws ExportException when a take's clip is gone ({@link ExportException.Reason#OUT_OF_DATE}), a file to
     *                         replace was changed since it was exported ({@link ExportException.Reason#WOULD_OVERWRITE})
     *                         or a file cannot be written ({@link ExportException.Reason#IO})
     */
    public static ExportedEpisode write(
            EpisodeResult episode, EpisodeLabels labels, ExportFormat format, ExportSettings settings) {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(format, "format");
        Path folder = settings.outputDirectory()
                .orElseThrow(() -> new IllegalArgumentException("exporting needs an output directory"))
                .toAbsolutePath()
                .normalize();
        for (ShotPlacement shot : episode.shots()) {
            if (!Files.isRegularFile(shot.clip())) {
                throw new ExportException(
                        ExportException.Reason.OUT_OF_DATE,
                        "episode " + episode.episodeId() + " shot " + shot.shotId() + ": the clip of take "
                                + shot.take()
                                + " (" + shot.clip() + ") is gone; run the project again so that the shot is fetched"
                                + " and the episode assembled, then export");
            }
        }
        if (folder.equals(episode.video().toAbsolutePath().normalize().getParent())) {
            throw new IllegalArgumentException("export episode " + episode.episodeId()
                    + " into a folder of its own, not into the episodes folder " + folder);
        }
        Cut cut = Cut.of(episode, labels);
        TimelineWriter writer = TimelineWriter.of(format);
        TimelineWriter.Context context = new TimelineWriter.Context(
                format,
                settings.subtitleLanguage(),
                settings.draftRoot().orElse(null),
                settings.zip(),
                settings.clock());
        try {
            Files.createDirectories(folder);
            ExportLedger ledger = ExportLedger.of(folder);
            Path changed = ledger.changed(writer.targets(cut, folder, context));
            if (changed != null) {
                throw new ExportException(
                        ExportException.Reason.WOULD_OVERWRITE,
                        changed + " was changed after it was exported (an editor saved into it?) or was not written by"
                                + " an export; exporting episode " + episode.episodeId() + " again would replace it:"
                                + " move or rename it, or export into another folder (seedance export -o DIR)");
            }
            List<Path> files = writer.write(cut, folder, context);
            ledger.record(files);
            LOG.info("episode {} exported as {}: {}", episode.episodeId(), format.description(), files.get(0));
            return new ExportedEpisode(episode.episodeId(), format, files.get(0), files);
        } catch (IOException e) {
            throw new ExportException(
                    ExportException.Reason.IO,
                    "exporting episode " + episode.episodeId() + " as " + format + " into " + folder + " failed: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Exports a project's assembled episodes: those named in {@link ExportSettings#episodes()}, or every one that is
     * assembled and current. The default folder is {@code exports/<format>/} in the studio's output folder.
     *
     * @throws ExportException when a named episode does not exist ({@link ExportException.Reason#UNKNOWN_EPISODE}),
     *                         is not assembled ({@link ExportException.Reason#NOT_ASSEMBLED}) or was assembled from other
     *                         takes than the project uses now ({@link ExportException.Reason#OUT_OF_DATE})
     */
    public static ExportReport project(Studio studio, ExportFormat format, ExportSettings settings) {
        Project project = studio.project();
        List<String> ids = project.episodes().stream().map(Project.Episode::id).toList();
        for (String wanted : settings.episodes()) {
            if (!ids.contains(wanted)) {
                throw new ExportException(
                        ExportException.Reason.UNKNOWN_EPISODE,
                        "the project has no episode '" + wanted + "' (episodes: " + String.join(", ", ids) + ")");
            }
        }
        boolean named = !settings.episodes().isEmpty();
        Path episodes = studio.outputDir().resolve("episodes");
        ExportSettings resolved = settings.outputDirectory().isPresent()
                ? settings
                : settings.toBuilder()
                        .outputDirectory(studio.outputDir().resolve("exports").resolve(format.id()))
                        .build();
        Map<ShotKey, Path> current = currentClips(studio);
        List<ExportedEpisode> exported = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Project.Episode episode : project.episodes()) {
            if (named && !settings.episodes().contains(episode.id())) continue;
            Optional<EpisodeResult> assembled = EpisodeAssembler.assembled(episodes, episode.id());
            String problem = assembled.isEmpty()
                    ? "episode " + episode.id() + " is not assembled yet (every shot needs a clip; `seedance run`"
                            + " assembles it)"
                    : outOfDate(episode, assembled.get(), current);
            if (problem != null) {
                if (named) {
                    throw new ExportException(
                            assembled.isEmpty()
                                    ? ExportException.Reason.NOT_ASSEMBLED
                                    : ExportException.Reason.OUT_OF_DATE,
                            problem);
                }
                LOG.info("{}; not exported", problem);
                skipped.put(episode.id(), problem);
                continue;
            }
            exported.add(write(assembled.get(), labels(project, episode), format, resolved));
        }
        return new ExportReport(exported, skipped);
    }

    /** The titles and every shot's prompt. */
    static EpisodeLabels labels(Project project, Project.Episode episode) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Shot shot : episode.shots()) notes.put(shot.id(), shot.prompt());
        return new EpisodeLabels(project.title(), episode.title().orElse(""), notes);
    }

    /** The clip each delivered shot uses now (its picked take), from the state database. */
    private static Map<ShotKey, Path> currentClips(Studio studio) {
        Map<ShotKey, Path> clips = new LinkedHashMap<>();
        for (ShotView state : studio.status().shots()) {
            if (state.clip() != null)
                clips.put(state.shot(), state.clip().toAbsolutePath().normalize());
        }
        return clips;
    }

    /** Why the assembled episode no longer shows the project's shots and picked takes, or null when it does. */
    private static String outOfDate(Project.Episode episode, EpisodeResult assembled, Map<ShotKey, Path> current) {
        List<String> shots = episode.shots().stream().map(Shot::id).toList();
        List<String> cut = assembled.shots().stream().map(ShotPlacement::shotId).toList();
        if (!shots.equals(cut)) {
            return "episode " + episode.id() + " was assembled with shots " + cut + " but the project now has " + shots
                    + "; run the project again (`seedance run`) so that it is assembled anew, then export";
        }
        List<String> changed = assembled.shots().stream()
                .filter(p -> !p.clip().equals(current.get(new ShotKey(episode.id(), p.shotId()))))
                .map(p -> p.shotId() + " (assembled with take " + p.take() + ")")
                .collect(Collectors.toList());
        if (changed.isEmpty()) return null;
        return "episode " + episode.id() + " was assembled before the takes of " + String.join(", ", changed)
                + " were picked, regenerated or lost; run the project again (`seedance run`, which sends nothing for"
                + " shots that have clips) so that it is assembled anew, then export";
    }
}
