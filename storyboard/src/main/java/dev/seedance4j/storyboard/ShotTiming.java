package dev.seedance4j.storyboard;

import java.util.List;

/**
 * How long beats take on screen: spoken lines at most {@value #CHARS_PER_SECOND} Chinese characters a second plus
 * {@value #BREATH_SECONDS} s to breathe, an action about {@value #ACTION_SECONDS} s (the field's common rhythm).
 */
public final class ShotTiming {
    public static final double CHARS_PER_SECOND = 4.5;
    public static final int BREATH_SECONDS = 1;
    public static final int ACTION_SECONDS = 3;

    private ShotTiming() {}

    /** Characters that are spoken (letters and digits; punctuation is not). */
    public static int spokenChars(String text) {
        return (int) text.codePoints().filter(Character::isLetterOrDigit).count();
    }

    /** Seconds a beat needs: speech time plus breath for a line, {@value #ACTION_SECONDS} s for action, 0 else. */
    public static double seconds(Beat beat) {
        return switch (beat.kind()) {
            case DIALOGUE -> spokenChars(beat.text()) / CHARS_PER_SECOND + BREATH_SECONDS;
            case ACTION -> ACTION_SECONDS;
            default -> 0;
        };
    }

    /** Seconds the beats need together. */
    public static double seconds(List<Beat> beats) {
        return beats.stream().mapToDouble(ShotTiming::seconds).sum();
    }

    /** Seconds the spoken lines of {@code beats} need (the rule "dialogue fits the duration"). */
    public static double speechSeconds(List<Beat> beats) {
        return beats.stream()
                .filter(Beat::isDialogue)
                .mapToDouble(b -> spokenChars(b.text()) / CHARS_PER_SECOND + BREATH_SECONDS)
                .sum();
    }
}
