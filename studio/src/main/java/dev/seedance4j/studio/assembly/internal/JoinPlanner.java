package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.AssemblySettings;
import java.util.ArrayList;
import java.util.List;

/** Decides between stream copy and normalising, the episode's picture size and its sound layout. */
public final class JoinPlanner {

    private JoinPlanner() {}

    public static JoinPlan plan(List<ClipFacts> clips, AspectRatio ratio, AssemblySettings settings) {
        int channels = audioChannels(clips, settings);
        String difference = firstDifference(clips);
        String reason = settings.burnInSubtitles()
                ? "subtitles are burnt into the picture"
                : settings.alwaysNormalise() ? "normalising was asked for" : difference;
        if (reason == null) {
            ClipFacts first = clips.get(0);
            List<Long> frames = clips.stream().map(ClipFacts::frames).toList();
            return new JoinPlan(
                    AssemblyMode.STREAM_COPY,
                    "all clips share codec, size, frame rate and codec parameters",
                    first.width(),
                    first.height(),
                    clips,
                    frames,
                    first.fps(),
                    channels);
        }
        int[] size = normalisedSize(clips, ratio, settings);
        List<Long> frames = new ArrayList<>();
        for (ClipFacts clip : clips) {
            frames.add(Math.max(1, Math.round(clip.pictureSeconds() * JoinPlan.NORMALISED_FPS)));
        }
        return new JoinPlan(
                AssemblyMode.NORMALISED, reason, size[0], size[1], clips, frames, JoinPlan.NORMALISED_FPS, channels);
    }

    /** Stereo when any source is stereo (or more) or music is mixed in; mono when every sounding clip is mono. */
    private static int audioChannels(List<ClipFacts> clips, AssemblySettings settings) {
        if (settings.backgroundMusic() != null) return 2;
        int max = clips.stream().mapToInt(ClipFacts::audioChannels).max().orElse(0);
        return Math.min(max, 2);
    }

    private static String firstDifference(List<ClipFacts> clips) {
        ClipFacts first = clips.get(0);
        for (ClipFacts clip : clips) {
            String difference = clip.videoDifference(first);
            if (difference != null)
                return "shots " + clip.shotId() + " and " + first.shotId() + " differ in " + difference;
        }
        return null;
    }

    /**
     * The size asked for, else the largest clip that already has the episode's ratio (no clip then needs bars), else
     * the ratio at the pixel count of the largest clip.
     */
    static int[] normalisedSize(List<ClipFacts> clips, AspectRatio ratio, AssemblySettings settings) {
        if (settings.outputWidth() > 0) return new int[] {settings.outputWidth(), settings.outputHeight()};
        ClipFacts best = null;
        long largest = 0;
        for (ClipFacts clip : clips) {
            long area = (long) clip.width() * clip.height();
            largest = Math.max(largest, area);
            if (ratio.matches(clip.width(), clip.height())
                    && (best == null || area > (long) best.width() * best.height())) {
                best = clip;
            }
        }
        if (best != null) return new int[] {best.width() / 2 * 2, best.height() / 2 * 2};
        return ratio.sizeWithArea(largest);
    }
}
