package dev.seedance4j.studio.assembly;

import dev.seedance4j.media.Ffmpeg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Measurements of finished files with ffmpeg's own analysis filters. */
final class MediaChecks {

    private static final Pattern INTEGRATED = Pattern.compile("^\\s*I:\\s+(-?[0-9.]+) LUFS");
    private static final Pattern MEAN_VOLUME = Pattern.compile("mean_volume: (-?[0-9.]+) dB");
    private static final Pattern SILENCE_END = Pattern.compile("silence_end: (-?[0-9.]+)");

    private MediaChecks() {}

    /** Integrated loudness from the summary of ffmpeg's {@code ebur128} filter. */
    static double integratedLufs(Ffmpeg ffmpeg, Path file) {
        List<String> lines = ffmpeg.run(
                        List.of("-i", file.toString(), "-map", "0:a:0", "-af", "ebur128", "-f", "null", "-"),
                        Duration.ofMinutes(1))
                .stderrLines();
        double found = Double.NaN;
        for (String line : lines) {
            Matcher m = INTEGRATED.matcher(line);
            if (m.find()) found = Double.parseDouble(m.group(1));
        }
        if (Double.isNaN(found))
            throw new AssertionError("ebur128 printed no integrated loudness for " + file + ": " + lines);
        return found;
    }

    /** When the file's sound first rises above −50 dB (0 when it does not start silent), in seconds. */
    static double firstSoundAt(Ffmpeg ffmpeg, Path file) {
        List<String> lines = ffmpeg.run(
                        List.of(
                                "-i",
                                file.toString(),
                                "-map",
                                "0:a:0",
                                "-af",
                                "silencedetect=noise=-50dB:duration=0.2",
                                "-f",
                                "null",
                                "-"),
                        Duration.ofMinutes(1))
                .stderrLines();
        for (String line : lines) {
            Matcher m = SILENCE_END.matcher(line);
            if (m.find()) return Double.parseDouble(m.group(1));
        }
        return 0;
    }

    /** Every time the file's sound rises above −40 dB after at least 50 ms below it, in seconds. */
    static List<Double> soundStarts(Ffmpeg ffmpeg, Path file) {
        List<String> lines = ffmpeg.run(
                        List.of(
                                "-i",
                                file.toString(),
                                "-map",
                                "0:a:0",
                                "-af",
                                "silencedetect=noise=-40dB:duration=0.05",
                                "-f",
                                "null",
                                "-"),
                        Duration.ofMinutes(1))
                .stderrLines();
        List<Double> starts = new java.util.ArrayList<>();
        for (String line : lines) {
            Matcher m = SILENCE_END.matcher(line);
            if (m.find()) starts.add(Double.parseDouble(m.group(1)));
        }
        return starts;
    }

    /** Mean volume (dBFS, from {@code volumedetect}) of the sound between two times. */
    static double meanVolume(Ffmpeg ffmpeg, Path file, double fromSeconds, double toSeconds) {
        List<String> lines = ffmpeg.run(
                        List.of(
                                "-ss",
                                String.valueOf(fromSeconds),
                                "-t",
                                String.valueOf(toSeconds - fromSeconds),
                                "-i",
                                file.toString(),
                                "-map",
                                "0:a:0",
                                "-af",
                                "volumedetect",
                                "-f",
                                "null",
                                "-"),
                        Duration.ofMinutes(1))
                .stderrLines();
        for (String line : lines) {
            Matcher m = MEAN_VOLUME.matcher(line);
            if (m.find()) return Double.parseDouble(m.group(1));
        }
        throw new AssertionError("volumedetect printed no mean volume for " + file + ": " + lines);
    }

    /** How long the sound stays silent (below −50 dB) from {@code fromSeconds} on, in seconds. */
    static double silenceAfter(Ffmpeg ffmpeg, Path file, double fromSeconds) {
        List<String> lines = ffmpeg.run(
                        List.of(
                                "-ss",
                                String.valueOf(fromSeconds),
                                "-i",
                                file.toString(),
                                "-map",
                                "0:a:0",
                                "-af",
                                "silencedetect=noise=-50dB:duration=0.1",
                                "-f",
                                "null",
                                "-"),
                        Duration.ofMinutes(1))
                .stderrLines();
        for (String line : lines) {
            Matcher m = SILENCE_END.matcher(line);
            if (m.find()) return Double.parseDouble(m.group(1));
        }
        return 0;
    }
}
