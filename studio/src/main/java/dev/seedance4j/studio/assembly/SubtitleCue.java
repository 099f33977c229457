package dev.seedance4j.studio.assembly;

/**
 * One subtitle cue of an assembled episode, on the episode's timeline: what the {@code .srt} and the soft subtitle
 * track show, with the shot and speaker it came from.
 *
 * @param shotId      the shot whose dialogue line it is
 * @param who         the speaker, as written in the project (may be empty)
 * @param text        the text shown
 * @param startMillis where it starts, in milliseconds from the episode's start
 * @param endMillis   where it ends, after {@code startMillis}
 */
public record SubtitleCue(String shotId, String who, String text, long startMillis, long endMillis) {}
