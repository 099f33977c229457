package dev.seedance4j.studio.assembly.internal;

/** One subtitle cue on the episode's timeline, in milliseconds. */
public record Cue(long startMillis, long endMillis, String text) {

    public Cue {
        if (startMillis < 0 || endMillis <= startMillis) {
            throw new IllegalArgumentException(
                    "cue '" + text + "' must have 0 <= start < end, got " + startMillis + ".." + endMillis + " ms");
        }
    }

    public double startSeconds() {
        return startMillis / 1000.0;
    }

    public double endSeconds() {
        return endMillis / 1000.0;
    }
}
