package dev.seedance4j.media;

/**
 * One stream of a probed file. Fields that do not apply to the stream's type are 0 or empty.
 *
 * @param index       the stream's index in the file
 * @param type        video, audio, subtitle, data or attachment
 * @param codec       codec name as ffmpeg spells it ({@code h264}, {@code aac}, {@code png}, {@code mov_text})
 * @param pixelFormat video pixel format ({@code yuv420p}), empty for other types
 * @param width       video width in pixels
 * @param height      video height in pixels
 * @param fps         video frame rate as ffmpeg reports it (two decimals, e.g. 24 or 29.97); a still image reports
 *                    its demuxer's nominal rate (25), and 0 means none was printed
 * @param sampleRate  audio sample rate in Hz
 * @param channels    audio channel count
 */
public record MediaStream(
        int index,
        Type type,
        String codec,
        String pixelFormat,
        int width,
        int height,
        double fps,
        int sampleRate,
        int channels) {

    /** The kind of a stream. */
    public enum Type {
        VIDEO,
        AUDIO,
        SUBTITLE,
        DATA,
        ATTACHMENT
    }
}
