package dev.seedance4j.storyboard;

import java.util.Objects;

/**
 * One unit of a scene: an action line, a spoken line, a note or a transition, with the line it was written on.
 *
 * @param kind      what it is
 * @param line      the 1-based line of the script it comes from
 * @param original  that line as written
 * @param text      the action, the spoken words, the note's value or the transition (normalised, without markup)
 * @param speaker   who speaks (as written in the script), for {@link Kind#DIALOGUE}; else {@code null}
 * @param voice     how it is heard, for {@link Kind#DIALOGUE}; else {@code null}
 * @param emotion   the cue in brackets ({@code （冷笑）}, a Fountain parenthetical), or {@code null}
 * @param noteKey   the key of a {@code 【键：值】} note or Fountain {@code [[note]]}, for {@link Kind#NOTE}; else {@code null}
 * @param flashback whether it is inside {@code 【闪回】…【闪回结束】} (or a flashback scene)
 * @param dual      whether it is Fountain dual dialogue (spoken at the same time as the line before)
 */
public record Beat(
        Kind kind,
        int line,
        String original,
        String text,
        String speaker,
        Voice voice,
        String emotion,
        String noteKey,
        boolean flashback,
        boolean dual) {

    public Beat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        original = original == null ? "" : original;
    }

    /** What a beat is. */
    public enum Kind {
        ACTION,
        DIALOGUE,
        NOTE,
        TRANSITION
    }

    /** How a spoken line is heard. */
    public enum Voice {
        /** Spoken on screen. */
        ON_SCREEN,
        /** Inner monologue: {@code （OS）}, {@code （内心）}, {@code （心声）} (short-drama reading of OS, UNCERTAIN). */
        INNER,
        /** Voice-over: {@code （VO）}, {@code （画外音）}, {@code 【VO：…】}, Fountain {@code (V.O.)}. */
        VOICE_OVER,
        /** Off screen, heard but not seen: Fountain {@code (O.S.)}. */
        OFF_SCREEN,
        /** The narrator: {@code 旁白：}, {@code 【旁白：…】}. */
        NARRATION
    }

    public boolean isDialogue() {
        return kind == Kind.DIALOGUE;
    }
}
