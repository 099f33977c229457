package dev.seedance4j.storyboard.internal;

import java.util.regex.Pattern;

/**
 * The first pass over a script line: one width for letters, digits and punctuation, no Markdown, single spaces. The
 * parsers then match one canonical form strictly ({@code ：} and {@code （）} in Chinese scripts).
 */
final class Normalizer {
    /** Chinese punctuation stays full-width: it is part of the words (subtitles show it). */
    private static final String KEPT = "，！？；：（）～";

    private static final Pattern SPACES = Pattern.compile("[\\s\\u3000\\u00a0]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\ufeff\\u200b\\u200c\\u200d\\u2060]");
    private static final Pattern MARKDOWN_PREFIX = Pattern.compile("^(?:#{1,6}\\s*|>\\s*|[-*+]\\s+)+");
    // ASCII punctuation written inside Chinese text becomes the Chinese form (it is shown in subtitles)
    private static final Pattern CJK_COMMA = Pattern.compile("(?<=[\\u2E80-\\uFFEF]),|,(?=[\\u2E80-\\uFFEF])");
    private static final Pattern CJK_QUESTION = Pattern.compile("(?<=[\\u2E80-\\uFFEF])\\?");
    private static final Pattern CJK_BANG = Pattern.compile("(?<=[\\u2E80-\\uFFEF])!");
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|~~");

    private Normalizer() {}

    /** Full-width letters, digits and symbols to half-width (not Chinese punctuation), odd spaces to one space, invisible characters removed; trimmed. */
    static String widths(String line) {
        StringBuilder s = new StringBuilder(line.length());
        line.codePoints().forEach(c -> {
            if (c >= 0xFF01 && c <= 0xFF5E && KEPT.indexOf(c) < 0) s.appendCodePoint(c - 0xFEE0);
            else s.appendCodePoint(c);
        });
        String text = INVISIBLE.matcher(s).replaceAll("");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    /**
     * A line of a Chinese script in canonical form: widths as {@link #widths}, Markdown marks removed, then the
     * colon and round brackets full-width ({@code ：}, {@code （）}) as most studios write them.
     */
    static String chinese(String line) {
        String text = widths(line);
        text = MARKDOWN_PREFIX.matcher(text).replaceFirst("");
        text = EMPHASIS.matcher(text).replaceAll("");
        text = text.replace(':', '：').replace('(', '（').replace(')', '）');
        text = text.replace('［', '【').replace('］', '】');
        text = CJK_COMMA.matcher(text).replaceAll("，");
        text = CJK_QUESTION.matcher(text).replaceAll("？");
        text = CJK_BANG.matcher(text).replaceAll("！");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    /** Whether {@link #chinese} changed more than spaces: counted for the import summary. */
    static boolean changed(String raw, String normalised) {
        return !SPACES.matcher(raw).replaceAll(" ").strip().equals(normalised);
    }
}
