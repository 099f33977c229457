package dev.seedance4j.media;

/**
 * Receives ffmpeg's {@code -progress} reports, roughly twice a second and once more at the end.
 * Called on the thread that reads ffmpeg's output: return quickly and do not block. An exception thrown here is
 * logged and ignored so that a faulty listener never stalls an encode.
 */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(FfmpegProgress progress);
}
