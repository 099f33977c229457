package dev.seedance4j.client;

import java.util.Base64;

/**
 * One image of an image generation answer ({@code data[]}): a link (valid for a limited time, 24 h like video
 * results: UNCERTAIN) or the image itself in base64, and its pixel size; or, for an image of a series that failed
 * (e.g. output moderation), its {@code error}. Save it with {@link Images#download(GeneratedImage, java.nio.file.Path)}.
 *
 * @param url     {@code url}, or {@code null}
 * @param b64Json {@code b64_json}, or {@code null}
 * @param size    {@code size}, e.g. {@code 2048x2048}, or {@code null}
 * @param error   why this image was not made, or {@code null}
 */
public record GeneratedImage(String url, String b64Json, String size, TaskError error) {
    /** An image that was made. */
    public GeneratedImage(String url, String b64Json, String size) {
        this(url, b64Json, size, null);
    }

    /** True when this item carries an image (a link or base64). */
    public boolean isImage() {
        return url != null || b64Json != null;
    }

    /** The decoded bytes of a {@code b64_json} image. @throws IllegalStateException when it came as a link */
    public byte[] bytes() {
        if (b64Json == null) {
            throw new IllegalStateException("this image came as a link; download it");
        }
        return Base64.getMimeDecoder().decode(b64Json);
    }

    /** The reported size as an {@link ImageSize} ({@code null} when absent). */
    public ImageSize imageSize() {
        return size == null ? null : ImageSize.of(size);
    }

    @Override
    public String toString() {
        return "GeneratedImage["
                + (url != null ? "url" : b64Json != null ? b64Json.length() + " base64 chars" : "empty")
                + (size == null ? "" : ", " + size) + "]";
    }
}
