package dev.seedance4j.media.internal;

import dev.seedance4j.media.Loudness;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the summary that ffmpeg's {@code ebur128} filter prints to standard error when it closes.
 *
 * <p>ffmpeg 4.4 may configure a {@code -filter_complex} graph twice and then prints the summary of a first,
 * never-fed instance as well; that one reads as silence and comes first, so the last summary is the measurement.
 */
public final class Ebur128Parser {

    /** What {@code ebur128} prints for a signal that never rises above its absolute gate: silence. */
    private static final double SILENCE_LUFS = -70.0;

    private static final Pattern SECTION =
            Pattern.compile("^\\s*(Integrated loudness|Loudness range|True peak|Sample peak):\\s*$");
    private static final Pattern VALUE =
            Pattern.compile("^\\s*(I|LRA|Threshold|Peak):\\s+(-?inf|-?[0-9.]+) (LUFS|LU|dBFS)\\s*$");

    private Ebur128Parser() {}

    public static Optional<Loudness> parse(List<String> stderrLines) {
        int summary = -1;
        for (int i = stderrLines.size() - 1; i >= 0 && summary < 0; i--) {
            if (stderrLines.get(i).contains("Summary:")) summary = i;
        }
        if (summary < 0) return Optional.empty();
        Double integrated = null;
        Double threshold = null;
        Double range = null;
        Double truePeak = null;
        String section = "";
        for (String line : stderrLines.subList(summary + 1, stderrLines.size())) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                continue;
            }
            Matcher v = VALUE.matcher(line);
            if (!v.matches()) continue;
            double value = number(v.group(2));
            switch (section + "/" + v.group(1)) {
                case "Integrated loudness/I" -> integrated = value;
                case "Integrated loudness/Threshold" -> threshold = value;
                case "Loudness range/LRA" -> range = value;
                case "True peak/Peak" -> truePeak = value;
                default -> {}
            }
        }
        if (integrated == null || threshold == null || range == null || truePeak == null) return Optional.empty();
        boolean silent = integrated <= SILENCE_LUFS;
        return Optional.of(new Loudness(
                silent ? Double.NEGATIVE_INFINITY : integrated,
                truePeak,
                range,
                silent ? Double.NEGATIVE_INFINITY : threshold));
    }

    private static double number(String text) {
        return switch (text) {
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
