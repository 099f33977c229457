package dev.seedance4j.studio.assembly;

import java.util.Objects;

/**
 * One spoken line of a shot, which becomes one subtitle cue.
 *
 * <p>Times are seconds from the start of the shot (not of the episode). Give both or neither: a line without times
 * is placed by the assembler, which spreads the untimed lines over the free time around the timed ones in proportion
 * to their text length.
 *
 * @param who          the speaker (a character id or name); kept in the season manifest, not shown in the subtitle
 * @param text         what is said; not blank
 * @param startSeconds when the line starts within its shot, or null
 * @param endSeconds   when the line ends within its shot, or null
 */
public record DialogueLine(String who, String text, Double startSeconds, Double endSeconds) {

    public DialogueLine {
        who = who == null ? "" : who;
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) throw new IllegalArgumentException("dialogue text is blank (speaker '" + who + "')");
        if ((startSeconds == null) != (endSeconds == null)) {
            throw new IllegalArgumentException(
                    "dialogue line '" + text + "' gives only one of start and end; give both or neither");
        }
        if (startSeconds != null && !(startSeconds >= 0 && endSeconds > startSeconds)) {
            throw new IllegalArgumentException("dialogue line '" + text + "' has start " + startSeconds + " s and end "
                    + endSeconds + " s; need 0 <= start < end");
        }
    }

    /** A line that the assembler times by its length. */
    public static DialogueLine of(String who, String text) {
        return new DialogueLine(who, text, null, null);
    }

    /** A line with given times, in seconds from the start of its shot. */
    public static DialogueLine timed(String who, String text, double startSeconds, double endSeconds) {
        return new DialogueLine(who, text, startSeconds, endSeconds);
    }

    /** True when the line carries its own start and end. */
    public boolean isTimed() {
        return startSeconds != null;
    }
}
