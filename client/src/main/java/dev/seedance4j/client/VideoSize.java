package dev.seedance4j.client;

/**
 * Pixel size of an output video.
 *
 * @param width  pixels
 * @param height pixels
 */
public record VideoSize(int width, int height) {
    @Override
    public String toString() {
        return width + "×" + height;
    }
}
