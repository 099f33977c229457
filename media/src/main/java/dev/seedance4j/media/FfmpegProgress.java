package dev.seedance4j.media;

import java.time.Duration;

/**
 * One progress report of a running ffmpeg ({@code -progress pipe:1}).
 *
 * @param frame    output frames written so far (0 for audio-only outputs)
 * @param fps      encoding speed in frames per second, 0 when unknown
 * @param outTime  media time written so far ({@link Duration#ZERO} when ffmpeg says N/A)
 * @param speed    media time per wall-clock time, e.g. 10.5 means ten times faster than real time; 0 when unknown
 * @param finished true for the last report ({@code progress=end})
 */
public record FfmpegProgress(long frame, double fps, Duration outTime, double speed, boolean finished) {}
