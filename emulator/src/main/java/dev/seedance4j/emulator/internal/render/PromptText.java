package dev.seedance4j.emulator.internal.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A prompt made drawable: the font to draw it with, and its lines, wrapped to a column budget. Characters the
 * chosen font lacks become {@code \\uXXXX} escapes; control characters become spaces; wide (CJK) characters count
 * as two columns because they are about twice as wide as a monospaced Latin glyph.
 *
 * @param font  the font file for drawtext
 * @param lines the lines to draw, at most the requested number (the last one ends with "…" when cut short)
 */
record PromptText(Path font, List<String> lines) {

    static PromptText layout(String prompt, RenderFonts fonts, int columns, int maxLines) {
        boolean latinSuffices = prompt.codePoints()
                .allMatch(c -> c < 0x20 || fonts.latinCoverage().covers(c));
        boolean useCjk = !latinSuffices;
        FontCoverage coverage = useCjk ? fonts.cjkCoverage() : fonts.latinCoverage();
        List<String> lines = wrap(units(prompt, coverage), Math.max(8, columns));
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, Math.max(1, maxLines)));
            String last = kept.get(kept.size() - 1);
            kept.set(
                    kept.size() - 1,
                    (last.length() >= columns ? last.substring(0, Math.max(0, columns - 1)) : last) + "…");
            lines = kept;
        }
        return new PromptText(useCjk ? fonts.cjk() : fonts.latin(), List.copyOf(lines));
    }

    /** A drawable piece: one character or one escape, with its width in columns ({@code "\n"} forces a break). */
    private record Unit(String text, int columns) {
        boolean isSpace() {
            return text.equals(" ");
        }
    }

    private static List<Unit> units(String prompt, FontCoverage coverage) {
        List<Unit> units = new ArrayList<>();
        prompt.codePoints().forEach(c -> {
            if (c == '\n') units.add(new Unit("\n", 0));
            else if (c < 0x20 || c == 0x7F) units.add(new Unit(" ", 1));
            else if (coverage.covers(c)) units.add(new Unit(Character.toString(c), wide(c) ? 2 : 1));
            else {
                String escape = c > 0xFFFF ? "\\U%08X".formatted(c) : "\\u%04X".formatted(c);
                units.add(new Unit(escape, escape.length()));
            }
        });
        return units;
    }

    private static List<String> wrap(List<Unit> units, int columns) {
        List<String> lines = new ArrayList<>();
        List<Unit> line = new ArrayList<>();
        int used = 0;
        for (Unit unit : units) {
            if (unit.text().equals("\n")) {
                lines.add(join(line));
                line.clear();
                used = 0;
                continue;
            }
            // Chinese typesetting never starts a line with closing punctuation: it stays at the end of this one (a CJK
            // glyph is narrower than the two columns it is counted as, so the line still fits)
            if (used + unit.columns() > columns && !line.isEmpty() && !closing(unit.text())) {
                int lastSpace = lastSpace(line);
                List<Unit> carry = new ArrayList<>();
                if (lastSpace > 0 && !unit.isSpace()) {
                    carry.addAll(line.subList(lastSpace + 1, line.size()));
                    line.subList(lastSpace, line.size()).clear();
                }
                lines.add(join(line));
                line = carry;
                used = carry.stream().mapToInt(Unit::columns).sum();
                if (unit.isSpace()) continue;
            }
            line.add(unit);
            used += unit.columns();
        }
        if (!line.isEmpty()) lines.add(join(line));
        return lines;
    }

    private static boolean closing(String text) {
        return text.length() == 1 && "，。、；：！？）》」』】”’…".indexOf(text.charAt(0)) >= 0;
    }

    private static int lastSpace(List<Unit> line) {
        for (int i = line.size() - 1; i >= 0; i--) {
            if (line.get(i).isSpace()) return i;
        }
        return -1;
    }

    private static String join(List<Unit> line) {
        StringBuilder text = new StringBuilder();
        line.forEach(u -> text.append(u.text()));
        return text.toString().stripTrailing();
    }

    /** East Asian wide and full-width characters (the ranges that matter for Chinese, Japanese and Korean). */
    static boolean wide(int c) {
        return (c >= 0x1100 && c <= 0x115F)
                || (c >= 0x2E80 && c <= 0xA4CF)
                || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE30 && c <= 0xFE4F)
                || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
