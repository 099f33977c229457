package dev.seedance4j.studio.assembly;

import java.nio.file.Path;

/**
 * Where a shot landed in the episode, and from which file: what an editor's timeline needs to rebuild the cut.
 *
 * @param shotId          the shot
 * @param takeHash        the take used
 * @param startSeconds    where it starts on the episode's timeline
 * @param durationSeconds how long it plays (its clip's picture length)
 * @param take            the take's label (e.g. {@code 2}); may be empty
 * @param clip            the take's clip, absolute
 * @param startFrame      where it starts, in frames of the episode's frame rate
 * @param frames          how many frames of the clip it plays, from the clip's first frame
 * @param width           the clip's picture width
 * @param height          the clip's picture height
 * @param audioChannels   the clip's own sound channels, 0 when it has none
 */
public record ShotPlacement(
        String shotId,
        String takeHash,
        double startSeconds,
        double durationSeconds,
        String take,
        Path clip,
        long startFrame,
        long frames,
        int width,
        int height,
        int audioChannels) {}
