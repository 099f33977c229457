package dev.seedance4j.client;

import java.util.Objects;

/**
 * Aspect ratio of the output video: an open value type ({@link #of(String)} keeps values this library does not
 * know). {@link #ADAPTIVE} lets the model choose; the ratio it chose comes back in {@link Task#ratio()}.
 *
 * @param value the raw value sent as {@code ratio}, e.g. {@code "16:9"}
 */
public record Ratio(String value) {
    public static final Ratio RATIO_16_9 = new Ratio("16:9");
    public static final Ratio RATIO_4_3 = new Ratio("4:3");
    public static final Ratio RATIO_1_1 = new Ratio("1:1");
    public static final Ratio RATIO_3_4 = new Ratio("3:4");
    public static final Ratio RATIO_9_16 = new Ratio("9:16");
    public static final Ratio RATIO_21_9 = new Ratio("21:9");
    /** The model picks the ratio (from the prompt, the first image or the first video). */
    public static final Ratio ADAPTIVE = new Ratio("adaptive");

    public Ratio {
        Objects.requireNonNull(value, "ratio");
    }

    public static Ratio of(String value) {
        return new Ratio(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
