package dev.seedance4j.storyboard;

import java.util.List;

/**
 * A scene of a script: its heading, who is in it and its beats.
 *
 * @param number  the scene number as written ({@code 1-1}, {@code 3}, {@code S01}, Fountain {@code #1A#}), or the
 *                scene's position in its episode when none was written
 * @param place   where it happens ({@code 沈家别墅·客厅}); {@code ""} when the heading gives none
 * @param time    the time of day as written ({@code 夜}, {@code 黄昏}, {@code NIGHT}), or {@code ""}
 * @param setting {@code 内} (interior), {@code 外} (exterior), {@code 内外}, or {@code ""}
 * @param cast    the names of the {@code 人物：} line (or the heading's), in order
 * @param line    the heading's line (the first beat's when the scene had no heading)
 * @param heading the heading as written, or {@code ""}
 * @param beats   the beats in order
 */
public record ScriptScene(
        String number,
        String place,
        String time,
        String setting,
        List<String> cast,
        int line,
        String heading,
        List<Beat> beats) {

    public ScriptScene {
        cast = List.copyOf(cast);
        beats = List.copyOf(beats);
    }

    /** The spoken lines of the scene. */
    public List<Beat> dialogue() {
        return beats.stream().filter(Beat::isDialogue).toList();
    }

    /** {@code 1-1 夜 内 沈家别墅·客厅}: the scene as a heading reads. */
    public String label() {
        StringBuilder s = new StringBuilder(number);
        for (String part : List.of(time, setting, place))
            if (!part.isEmpty()) s.append(' ').append(part);
        return s.toString();
    }
}
