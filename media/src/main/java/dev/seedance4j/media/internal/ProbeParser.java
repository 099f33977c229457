package dev.seedance4j.media.internal;

import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the description ffmpeg prints for {@code ffmpeg -i FILE} (standard error), because the Maven-shipped static
 * build comes without ffprobe. Only the first input is read.
 */
public final class ProbeParser {

    private static final Pattern INPUT = Pattern.compile("^Input #0, (.+), from '.*':$");
    private static final Pattern DURATION = Pattern.compile(
            "^\\s+Duration: (?:(\\d+):(\\d{2}):(\\d{2})\\.(\\d+)|N/A)(?:, start: [-0-9.]+)?, bitrate: (?:(\\d+) kb/s|N/A)");
    private static final Pattern METADATA = Pattern.compile("^ {4}(\\S[^:]*?)\\s*: (.*)$");
    private static final Pattern STREAM = Pattern.compile(
            "^\\s+Stream #0:(\\d+)(?:\\[0x[0-9a-fA-F]+])?(?:\\([^)]*\\))?: (Video|Audio|Subtitle|Data|Attachment): (.*)$");
    private static final Pattern SIZE = Pattern.compile("^(\\d+)x(\\d+)(?:\\s.*)?$");
    private static final Pattern FPS = Pattern.compile("^([0-9.]+)(k?) fps$");
    private static final Pattern SAMPLE_RATE = Pattern.compile("^(\\d+) Hz$");
    private static final Pattern CHANNELS = Pattern.compile("^(\\d+) channels.*$");
    private static final Pattern LAYOUT = Pattern.compile("^(\\d+)\\.(\\d+).*$");

    private ProbeParser() {}

    /** The parsed description, or empty when ffmpeg printed no {@code Input #0} (it could not open the file). */
    public static Optional<MediaInfo> parse(Path file, List<String> stderrLines) {
        String format = null;
        Duration duration = Duration.ZERO;
        long bitRate = 0;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<MediaStream> streams = new ArrayList<>();
        boolean inInput = false;
        boolean inContainerMetadata = false;
        for (String line : stderrLines) {
            Matcher input = INPUT.matcher(line);
            if (input.matches()) {
                if (inInput) break;
                format = input.group(1);
                inInput = true;
                continue;
            }
            if (!inInput) continue;
            if (!line.startsWith(" ")) break; // the indented block of input 0 has ended
            if (line.equals("  Metadata:")) {
                inContainerMetadata = streams.isEmpty();
                continue;
            }
            Matcher d = DURATION.matcher(line);
            if (d.find()) {
                inContainerMetadata = false;
                if (d.group(1) != null) duration = duration(d.group(1), d.group(2), d.group(3), d.group(4));
                if (d.group(5) != null) bitRate = Long.parseLong(d.group(5));
                continue;
            }
            Matcher s = STREAM.matcher(line);
            if (s.matches()) {
                inContainerMetadata = false;
                streams.add(stream(Integer.parseInt(s.group(1)), s.group(2), s.group(3)));
                continue;
            }
            if (inContainerMetadata) {
                Matcher m = METADATA.matcher(line);
                if (m.matches()) metadata.putIfAbsent(m.group(1), m.group(2).strip());
            }
        }
        if (format == null) return Optional.empty();
        return Optional.of(new MediaInfo(file, format, duration, bitRate, metadata, streams));
    }

    private static Duration duration(String hours, String minutes, String seconds, String fraction) {
        long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        return Duration.ofHours(Long.parseLong(hours))
                .plusMinutes(Long.parseLong(minutes))
                .plusSeconds(Long.parseLong(seconds))
                .plusNanos(nanos);
    }

    private static MediaStream stream(int index, String kind, String description) {
        List<String> fields = splitOutsideParentheses(description);
        MediaStream.Type type = MediaStream.Type.valueOf(kind.toUpperCase(Locale.ROOT));
        String codec = fields.isEmpty() ? "" : firstWord(fields.get(0));
        String pixelFormat = "";
        int width = 0;
        int height = 0;
        double fps = 0;
        int sampleRate = 0;
        int channels = 0;
        if (type == MediaStream.Type.VIDEO) {
            if (fields.size() > 1 && !SIZE.matcher(fields.get(1)).matches()) pixelFormat = firstWord(fields.get(1));
            for (String field : fields) {
                Matcher size = SIZE.matcher(field);
                if (width == 0 && size.matches()) {
                    width = Integer.parseInt(size.group(1));
                    height = Integer.parseInt(size.group(2));
                }
                Matcher rate = FPS.matcher(field);
                if (rate.matches())
                    fps = Double.parseDouble(rate.group(1)) * (rate.group(2).isEmpty() ? 1 : 1000);
            }
        } else if (type == MediaStream.Type.AUDIO) {
            for (String field : fields) {
                Matcher rate = SAMPLE_RATE.matcher(field);
                if (rate.matches()) sampleRate = Integer.parseInt(rate.group(1));
            }
            int rateIndex = indexOfMatch(fields, SAMPLE_RATE);
            if (rateIndex >= 0 && rateIndex + 1 < fields.size()) channels = channels(fields.get(rateIndex + 1));
        }
        return new MediaStream(index, type, codec, pixelFormat, width, height, fps, sampleRate, channels);
    }

    private static int indexOfMatch(List<String> fields, Pattern pattern) {
        for (int i = 0; i < fields.size(); i++) {
            if (pattern.matcher(fields.get(i)).matches()) return i;
        }
        return -1;
    }

    /** Channel count from ffmpeg's layout name: mono, stereo, "6 channels", or "x.y" (5.1 → 6). */
    static int channels(String layout) {
        String name = layout.strip();
        if (name.startsWith("mono")) return 1;
        if (name.startsWith("stereo")) return 2;
        if (name.startsWith("quad")) return 4;
        if (name.startsWith("hexagonal")) return 6;
        if (name.startsWith("octagonal")) return 8;
        Matcher count = CHANNELS.matcher(name);
        if (count.matches()) return Integer.parseInt(count.group(1));
        Matcher xy = LAYOUT.matcher(name);
        if (xy.matches()) return Integer.parseInt(xy.group(1)) + Integer.parseInt(xy.group(2));
        return 0;
    }

    private static String firstWord(String field) {
        String s = field.strip();
        int end = 0;
        while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '(') end++;
        return s.substring(0, end);
    }

    /** Splits at ", " but not inside parentheses or brackets: {@code yuv420p(tv, bt709)} stays one field. */
    static List<String> splitOutsideParentheses(String text) {
        List<String> fields = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') depth++;
            else if ((c == ')' || c == ']') && depth > 0) depth--;
            else if (c == ',' && depth == 0) {
                fields.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        fields.add(text.substring(start).strip());
        return fields;
    }
}
