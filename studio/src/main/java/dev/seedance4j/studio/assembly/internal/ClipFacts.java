package dev.seedance4j.studio.assembly.internal;

import java.nio.file.Path;

/**
 * What the assembler needs to know about one clip.
 *
 * @param shotId        the shot it belongs to (for messages)
 * @param file          the clip
 * @param codec         video codec, e.g. {@code h264}
 * @param pixelFormat   e.g. {@code yuv420p}
 * @param width         picture width
 * @param height        picture height
 * @param fps           frame rate
 * @param frames        number of video frames, counted, not estimated
 * @param audioChannels 0 when the clip has no sound
 */
public record ClipFacts(String shotId, Path file, String codec, String pixelFormat, int width, int height, double fps,
                        long frames, int audioChannels) {

    public ClipFacts {
        if (frames <= 0 || fps <= 0) {
            throw new IllegalArgumentException("the clip of shot " + shotId + " (" + file + ") has no video frames");
        }
    }

    /** The picture's length in seconds: frame count over frame rate. */
    public double pictureSeconds() {
        return frames / fps;
    }

    public boolean hasAudio() {
        return audioChannels > 0;
    }

    /** True when this clip's video stream can be copied next to {@code other}'s in one MP4. */
    public boolean videoMatches(ClipFacts other) {
        return codec.equals(other.codec) && pixelFormat.equals(other.pixelFormat) && width == other.width
                && height == other.height && Math.abs(fps - other.fps) < 0.01;
    }
}
