package dev.seedance4j.studio.assembly.internal;

import java.nio.file.Path;

/**
 * What the assembler needs to know about one clip.
 *
 * @param shotId        the shot it belongs to (for messages)
 * @param file          the clip
 * @param codec         video codec, e.g. {@code h264}
 * @param parameters    a fingerprint of the codec parameters (for H.264 the SPS/PPS, which fix profile, bit depth
 *                      and more) and the sample aspect ratio; clips with different fingerprints cannot share a track
 * @param width         picture width
 * @param height        picture height
 * @param fps           frame rate
 * @param frames        number of video frames, counted, not estimated
 * @param audioChannels 0 when the clip has no sound
 * @param sound         the clip's AAC frames as they lie in the file, when it was read in Java and its sound is AAC;
 *                      null otherwise (then its sound can only be re-encoded)
 */
public record ClipFacts(
        String shotId,
        Path file,
        String codec,
        String parameters,
        int width,
        int height,
        double fps,
        long frames,
        int audioChannels,
        ClipSound sound) {

    /** Facts of a clip whose sound, if any, cannot be copied frame by frame. */
    public ClipFacts(
            String shotId,
            Path file,
            String codec,
            String parameters,
            int width,
            int height,
            double fps,
            long frames,
            int audioChannels) {
        this(shotId, file, codec, parameters, width, height, fps, frames, audioChannels, null);
    }

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

    /**
     * Why this clip's video cannot be copied into one track with {@code other}'s, or null when it can.
     */
    public String videoDifference(ClipFacts other) {
        if (!codec.equals(other.codec)) return "codec " + codec + " vs " + other.codec;
        if (width != other.width || height != other.height) {
            return "size " + width + "x" + height + " vs " + other.width + "x" + other.height;
        }
        if (Math.abs(fps - other.fps) >= 0.01) return "frame rate " + fps + " vs " + other.fps + " fps";
        if (!parameters.equals(other.parameters)) return "codec parameters (profile, bit depth or sample aspect ratio)";
        return null;
    }
}
