package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.studio.assembly.AssemblyMode;
import java.util.List;

/**
 * How an episode's clips will be joined.
 *
 * @param mode          copy or normalise
 * @param reason        why, in words, for the log
 * @param width         the episode's picture width
 * @param height        the episode's picture height
 * @param clips         the clips in order
 * @param frameCounts   each clip's frames in the episode (at the clips' own rate when copying, at 24 fps otherwise)
 * @param fps           the episode's frame rate
 * @param audioChannels channels of the episode's sound: 0 (none), 1 or 2
 */
public record JoinPlan(
        AssemblyMode mode,
        String reason,
        int width,
        int height,
        List<ClipFacts> clips,
        List<Long> frameCounts,
        double fps,
        int audioChannels) {

    /** The frame rate of every normalised episode, the service's own. */
    public static final int NORMALISED_FPS = 24;

    public JoinPlan {
        clips = List.copyOf(clips);
        frameCounts = List.copyOf(frameCounts);
    }

    /** Clip {@code i}'s length in the episode, in seconds. */
    public double seconds(int i) {
        return frameCounts.get(i) / fps;
    }

    /** Where clip {@code i} starts in the episode, in seconds. */
    public double startSeconds(int i) {
        long frames = 0;
        for (int k = 0; k < i; k++) frames += frameCounts.get(k);
        return frames / fps;
    }

    public double totalSeconds() {
        return startSeconds(clips.size());
    }

    /** Clip {@code i}'s length at 48 kHz, so that its sound is cut to exactly its picture. */
    public long samples(int i) {
        return Math.round(frameCounts.get(i) * 48_000 / fps);
    }
}
