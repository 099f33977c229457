package dev.seedance4j.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ffmpeg -c copy -f framecrc -} prints: each output stream's header lines ({@code #codec_id 0: h264})
 * and every packet with its timestamps, size and Adler-32, i.e. ffmpeg's own reading of a file.
 */
record FrameCrc(Map<Integer, Map<String, String>> headers, List<Packet> packets) {

    private static final Pattern HEADER = Pattern.compile("^#(\\w+) (\\d+): (.*)$");

    record Packet(int stream, long dts, long pts, long duration, int size, long adler32) {}

    /** Copies the first video and the first audio stream, when present, as ffmpeg demuxes them. */
    static FrameCrc of(Ffmpeg ffmpeg, java.nio.file.Path file) {
        String text = ffmpeg.run(
                        List.of(
                                "-i",
                                file.toString(),
                                "-map",
                                "0:v:0?",
                                "-map",
                                "0:a:0?",
                                "-c",
                                "copy",
                                "-f",
                                "framecrc",
                                "-"),
                        Duration.ofMinutes(1))
                .stdout();
        Map<Integer, Map<String, String>> headers = new HashMap<>();
        List<Packet> packets = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                headers.computeIfAbsent(Integer.parseInt(header.group(2)), s -> new HashMap<>())
                        .put(header.group(1), header.group(3).strip());
            } else if (!line.startsWith("#")) {
                String[] f = line.split(",");
                packets.add(new Packet(
                        Integer.parseInt(f[0].strip()),
                        Long.parseLong(f[1].strip()),
                        Long.parseLong(f[2].strip()),
                        Long.parseLong(f[3].strip()),
                        Integer.parseInt(f[4].strip()),
                        Long.decode(f[5].strip())));
            }
        }
        return new FrameCrc(headers, packets);
    }

    /** The output stream index of the given media type ({@code video}, {@code audio}), or -1. */
    int stream(String mediaType) {
        return headers.entrySet().stream()
                .filter(e -> mediaType.equals(e.getValue().get("media_type")))
                .mapToInt(Map.Entry::getKey)
                .findFirst()
                .orElse(-1);
    }

    String header(int stream, String name) {
        return headers.getOrDefault(stream, Map.of()).get(name);
    }

    List<Packet> packets(int stream) {
        return packets.stream().filter(p -> p.stream() == stream).toList();
    }
}
