package dev.seedance4j.media;

import java.util.List;

/**
 * ffmpeg could not be found, could not be started, or failed. The message quotes ffmpeg's last lines of output,
 * which almost always name the real cause (a missing file, an unknown filter option, a codec that is not built in).
 */
public class FfmpegException extends RuntimeException {

    private final int exitCode;
    private final List<String> lastLines;

    public FfmpegException(String message, int exitCode, List<String> lastLines, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    public FfmpegException(String message) {
        this(message, -1, List.of(), null);
    }

    public FfmpegException(String message, Throwable cause) {
        this(message, -1, List.of(), cause);
    }

    /** ffmpeg's exit code, or -1 when it did not exit by itself (not found, not started, killed). */
    public int exitCode() {
        return exitCode;
    }

    /** The last lines ffmpeg wrote to standard error, oldest first; empty when it never ran. */
    public List<String> lastLines() {
        return lastLines;
    }
}
