package dev.seedance4j.studio.assembly;

import java.nio.file.Path;
import java.util.List;

/**
 * The files of an assembled episode and how they were made.
 *
 * @param episodeId       the episode
 * @param skipped         true when nothing had changed and the files from an earlier run were kept
 * @param mode            how the pictures were joined
 * @param width           the episode's picture width
 * @param height          the episode's picture height
 * @param fps             the episode's frame rate (the clips' own when copied, 24 when normalised)
 * @param video           {@code <episode>.mp4}
 * @param subtitles       {@code <episode>.srt} (UTF-8; empty when the episode has no dialogue)
 * @param cover           {@code <episode>.cover.jpg}
 * @param contactSheet    {@code <episode>.contact.png}
 * @param durationSeconds the episode's length (the sum of its clips' picture lengths)
 * @param sound           how the sound track was made ({@link SoundMode#NONE} only when no clip has sound and there is
 *                        no music)
 * @param cues            the subtitle cues, in order, as in the {@code .srt}
 * @param measuredLufs    integrated loudness of the sound before normalisation, or null when not measured
 * @param shots           each shot's place on the timeline, in order
 * @param stamp           the change stamp of the inputs this result was made from
 */
public record EpisodeResult(
        String episodeId,
        boolean skipped,
        AssemblyMode mode,
        int width,
        int height,
        double fps,
        Path video,
        Path subtitles,
        Path cover,
        Path contactSheet,
        double durationSeconds,
        SoundMode sound,
        List<SubtitleCue> cues,
        Double measuredLufs,
        List<ShotPlacement> shots,
        String stamp) {

    public EpisodeResult {
        shots = List.copyOf(shots);
        cues = List.copyOf(cues);
    }

    /** The same result, marked as skipped (read back from an earlier run). */
    public EpisodeResult asSkipped() {
        return new EpisodeResult(
                episodeId,
                true,
                mode,
                width,
                height,
                fps,
                video,
                subtitles,
                cover,
                contactSheet,
                durationSeconds,
                sound,
                cues,
                measuredLufs,
                shots,
                stamp);
    }

    /** How many subtitle cues the episode has. */
    public int subtitleCues() {
        return cues.size();
    }

    /** The episode's length in frames of its frame rate. */
    public long frames() {
        return shots.stream().mapToLong(ShotPlacement::frames).sum();
    }

    /** Whether the MP4 has a sound track. */
    public boolean hasAudio() {
        return sound != SoundMode.NONE;
    }

    /** All files of the episode, video first. */
    public List<Path> files() {
        return List.of(video, subtitles, cover, contactSheet);
    }
}
