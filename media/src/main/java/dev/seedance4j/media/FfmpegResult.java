package dev.seedance4j.media;

import java.time.Duration;
import java.util.List;

/**
 * What a successful ffmpeg run left behind.
 *
 * @param exitCode    always 0 for results returned by {@link Ffmpeg#run}
 * @param stdout      standard output as text; empty when a {@link ProgressListener} was given, because progress
 *                    reports use standard output then
 * @param stderrLines standard error, line by line (at most the last 5000 lines)
 * @param elapsed     wall-clock run time
 */
public record FfmpegResult(int exitCode, String stdout, List<String> stderrLines, Duration elapsed) {

    public FfmpegResult {
        stderrLines = List.copyOf(stderrLines);
    }
}
