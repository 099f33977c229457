package dev.seedance4j.studio.assembly;

/**
 * Where a shot landed in the episode.
 *
 * @param shotId          the shot
 * @param takeHash        the take used
 * @param startSeconds    where it starts on the episode's timeline
 * @param durationSeconds how long it plays (its clip's picture length)
 */
public record ShotPlacement(String shotId, String takeHash, double startSeconds, double durationSeconds) {}
