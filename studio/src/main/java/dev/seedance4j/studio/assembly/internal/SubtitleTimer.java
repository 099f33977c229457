package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.studio.assembly.DialogueLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Places a shot's dialogue on the episode's timeline. Timed lines keep their times; each run of untimed lines shares
 * the free stretch between its timed neighbours (or the shot's edges) in proportion to text length, because a longer
 * line takes longer to say and to read.
 */
public final class SubtitleTimer {

    private SubtitleTimer() {}

    /**
     * @param shotId        for error messages
     * @param lines         the shot's lines in order
     * @param shotStartMs   where the shot starts in the episode
     * @param shotLengthMs  how long the shot plays in the episode
     */
    public static List<Cue> cues(String shotId, List<DialogueLine> lines, long shotStartMs, long shotLengthMs) {
        long[] starts = new long[lines.size()];
        long[] ends = new long[lines.size()];
        long previousEnd = 0;
        for (int i = 0; i < lines.size(); i++) {
            DialogueLine line = lines.get(i);
            if (!line.isTimed()) continue;
            long s = Math.round(line.startSeconds() * 1000);
            long e = Math.round(line.endSeconds() * 1000);
            if (e > shotLengthMs) {
                throw new IllegalArgumentException(
                        "shot " + shotId + " dialogue line " + (i + 1) + " ('" + line.text() + "') ends at "
                                + line.endSeconds() + " s but the clip is only " + shotLengthMs / 1000.0 + " s long");
            }
            if (s < previousEnd) {
                throw new IllegalArgumentException("shot " + shotId + " dialogue line " + (i + 1) + " ('" + line.text()
                        + "') starts at " + line.startSeconds()
                        + " s, before the previous timed line ends; lines must be in order");
            }
            starts[i] = s;
            ends[i] = e;
            previousEnd = e;
        }
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).isTimed()) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < lines.size() && !lines.get(runEnd).isTimed()) runEnd++;
            long from = i == 0 ? 0 : ends[i - 1];
            long to = runEnd == lines.size() ? shotLengthMs : starts[runEnd];
            spread(shotId, lines, i, runEnd, from, to, starts, ends);
            i = runEnd;
        }
        List<Cue> cues = new ArrayList<>(lines.size());
        for (int k = 0; k < lines.size(); k++) {
            cues.add(new Cue(
                    shotStartMs + starts[k],
                    shotStartMs + ends[k],
                    lines.get(k).text().strip()));
        }
        return cues;
    }

    private static void spread(
            String shotId,
            List<DialogueLine> lines,
            int from,
            int to,
            long startMs,
            long endMs,
            long[] starts,
            long[] ends) {
        int count = to - from;
        if (endMs - startMs < count) {
            throw new IllegalArgumentException("shot " + shotId + " has no time left for dialogue line " + (from + 1)
                    + " ('" + lines.get(from).text() + "'): the timed lines around it leave " + (endMs - startMs)
                    + " ms");
        }
        long total = 0;
        for (int k = from; k < to; k++) total += weight(lines.get(k).text());
        long cursor = startMs;
        long accumulated = 0;
        for (int k = from; k < to; k++) {
            accumulated += weight(lines.get(k).text());
            long end = k == to - 1 ? endMs : startMs + (endMs - startMs) * accumulated / total;
            starts[k] = cursor;
            ends[k] = Math.max(end, cursor + 1);
            cursor = ends[k];
        }
    }

    /** Visible characters; spaces and punctuation take little time to say. */
    static int weight(String text) {
        int letters = (int) text.codePoints().filter(Character::isLetterOrDigit).count();
        return Math.max(1, letters);
    }
}
