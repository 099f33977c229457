package dev.seedance4j.board.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The episode's SubRip subtitles as WebVTT (what a browser's {@code <track>} reads) and as a list of cues. */
final class Subtitles {
    private Subtitles() {}

    static String toVtt(String srt) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (String[] cue : blocks(srt)) {
            out.append(cue[0].replace(',', '.'))
                    .append(" --> ")
                    .append(cue[1].replace(',', '.'))
                    .append('\n');
            out.append(cue[2]).append("\n\n");
        }
        return out.toString();
    }

    static List<Map<String, Object>> cues(String srt) {
        List<Map<String, Object>> cues = new ArrayList<>();
        for (String[] cue : blocks(srt)) cues.add(Map.of("start", cue[0], "end", cue[1], "text", cue[2]));
        return cues;
    }

    /** {start, end, text} of each cue; blocks without a timing line are skipped. */
    private static List<String[]> blocks(String srt) {
        List<String[]> cues = new ArrayList<>();
        for (String block : srt.replace("\r\n", "\n").replace("\uFEFF", "").split("\n\\s*\n")) {
            String[] lines = block.strip().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("-->")) {
                    String[] times = lines[i].split("-->");
                    String text = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
                    cues.add(new String[] {times[0].trim(), times[1].trim().split("\\s+")[0], text});
                    break;
                }
            }
        }
        return cues;
    }
}
