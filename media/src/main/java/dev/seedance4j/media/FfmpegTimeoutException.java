package dev.seedance4j.media;

import java.time.Duration;
import java.util.List;

/** ffmpeg ran longer than its timeout and was killed together with any child processes. */
public final class FfmpegTimeoutException extends FfmpegException {

    private final Duration timeout;

    public FfmpegTimeoutException(String message, Duration timeout, List<String> lastLines) {
        super(message, -1, lastLines, null);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
