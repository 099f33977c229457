package dev.seedance4j.studio.assembly.internal;

import java.util.List;

/** Writes SubRip text: numbered cues, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, a blank line after each. */
public final class Srt {

    private Srt() {}

    public static String format(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        int number = 1;
        for (Cue cue : cues) {
            out.append(number++)
                    .append('\n')
                    .append(time(cue.startMillis()))
                    .append(" --> ")
                    .append(time(cue.endMillis()))
                    .append('\n')
                    .append(cueText(cue.text()))
                    .append("\n\n");
        }
        return out.toString();
    }

    /** A blank line ends a cue in SRT, so line breaks inside a line of dialogue are kept but never doubled. */
    static String cueText(String text) {
        return text.replace("\r\n", "\n")
                .replace('\r', '\n')
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .reduce((a, b) -> a + "\n" + b)
                .orElseThrow();
    }

    static String time(long millis) {
        long h = millis / 3_600_000;
        long m = millis / 60_000 % 60;
        long s = millis / 1000 % 60;
        return String.format("%02d:%02d:%02d,%03d", h, m, s, millis % 1000);
    }
}
