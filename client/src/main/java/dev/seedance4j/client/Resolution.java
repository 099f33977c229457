package dev.seedance4j.client;

import java.util.Objects;

/**
 * Output resolution class: an open value type ({@link #of(String)} keeps values this library does not know).
 * The pixel size depends on the ratio and the model family (see {@link CostEstimator#outputSize}).
 *
 * @param value the raw value sent as {@code resolution}, e.g. {@code "720p"}
 */
public record Resolution(String value) {
    public static final Resolution P480 = new Resolution("480p");
    public static final Resolution P720 = new Resolution("720p");
    /** Not available on Seedance 2.0 fast. */
    public static final Resolution P1080 = new Resolution("1080p");
    /** Seedance 2.0 only (later documentation). */
    public static final Resolution UHD_4K = new Resolution("4k");

    public Resolution {
        Objects.requireNonNull(value, "resolution");
    }

    public static Resolution of(String value) {
        return new Resolution(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
