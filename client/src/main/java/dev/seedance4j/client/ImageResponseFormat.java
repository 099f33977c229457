package dev.seedance4j.client;

import java.util.Objects;

/**
 * {@code response_format} of image generation: links to download ({@link #URL}, they expire) or the images
 * themselves, base64-encoded in the answer ({@link #B64_JSON}). An open value type.
 *
 * @param value the raw value
 */
public record ImageResponseFormat(String value) {
    public static final ImageResponseFormat URL = new ImageResponseFormat("url");
    public static final ImageResponseFormat B64_JSON = new ImageResponseFormat("b64_json");

    public ImageResponseFormat {
        Objects.requireNonNull(value, "response format");
    }

    public static ImageResponseFormat of(String value) {
        return new ImageResponseFormat(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
