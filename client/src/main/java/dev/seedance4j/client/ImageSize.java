package dev.seedance4j.client;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code size} of an image generation request: a preset ({@code 1K}, {@code 2K}, {@code 4K}: the model picks the
 * shape from the prompt) or an exact {@code WxH}. Always sent: the service's default is a 2048×2048 square. Which
 * presets and how many pixels a model accepts is in its {@link ImageModelSpec}. An open value type.
 *
 * @param value the raw value, e.g. {@code 2K} or {@code 1664x2496}
 */
public record ImageSize(String value) {
    public static final ImageSize K1 = new ImageSize("1K");
    public static final ImageSize K2 = new ImageSize("2K");
    public static final ImageSize K4 = new ImageSize("4K");

    private static final Pattern EXACT = Pattern.compile("(\\d{1,6})x(\\d{1,6})");

    public ImageSize {
        Objects.requireNonNull(value, "size");
    }

    public static ImageSize of(String value) {
        return new ImageSize(value);
    }

    /** An exact size, sent as {@code WxH}. */
    public static ImageSize of(int width, int height) {
        return new ImageSize(width + "x" + height);
    }

    /** True for {@code WxH}. */
    public boolean isExact() {
        return EXACT.matcher(value).matches();
    }

    /** The width of a {@code WxH} size, else -1. */
    public int width() {
        Matcher m = EXACT.matcher(value);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The height of a {@code WxH} size, else -1. */
    public int height() {
        Matcher m = EXACT.matcher(value);
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    @Override
    public String toString() {
        return value;
    }
}
