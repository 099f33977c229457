package dev.seedance4j.media.internal;

import dev.seedance4j.media.Loudness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the JSON block that {@code loudnorm=print_format=json} prints at the end of standard error. */
public final class LoudnormParser {

    private static final Pattern ENTRY = Pattern.compile("^\\s*\"(\\w+)\"\\s*:\\s*\"([^\"]*)\",?\\s*$");

    private LoudnormParser() {
    }

    public static Optional<Loudness> parse(List<String> stderrLines) {
        int open = -1;
        for (int i = stderrLines.size() - 1; i >= 0; i--) {
            if (stderrLines.get(i).strip().equals("{")) {
                open = i;
                break;
            }
        }
        if (open < 0) return Optional.empty();
        Map<String, String> values = new HashMap<>();
        for (String line : stderrLines.subList(open + 1, stderrLines.size())) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) values.put(m.group(1), m.group(2));
        }
        if (!values.keySet().containsAll(List.of("input_i", "input_tp", "input_lra", "input_thresh"))) {
            return Optional.empty();
        }
        return Optional.of(new Loudness(number(values.get("input_i")), number(values.get("input_tp")),
                number(values.get("input_lra")), number(values.get("input_thresh"))));
    }

    private static double number(String value) {
        return switch (value.strip()) {
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(value.strip());
        };
    }
}
