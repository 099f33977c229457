package dev.seedance4j.studio.assembly.internal;

/**
 * Breaks a subtitle into lines that fit the picture, for burning in (a player wraps soft subtitles itself).
 * Width is counted in half-em units: a CJK or other wide character takes two, anything else one.
 */
public final class TextWrap {

    private TextWrap() {}

    public static String wrap(String text, int maxUnits) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : Srt.cueText(text).split("\n")) {
            if (out.length() > 0) out.append('\n');
            wrapParagraph(paragraph, Math.max(2, maxUnits), out);
        }
        return out.toString();
    }

    private static void wrapParagraph(String text, int maxUnits, StringBuilder out) {
        int lineStart = out.length();
        int units = 0;
        int lastSpace = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int w = units(cp);
            if (units + w > maxUnits && out.length() > lineStart) {
                if (lastSpace > lineStart && cp != ' ') {
                    out.setCharAt(lastSpace, '\n');
                    lineStart = lastSpace + 1;
                } else {
                    out.append('\n');
                    lineStart = out.length();
                }
                units = unitsOf(out, lineStart);
                lastSpace = -1;
                if (cp == ' ') continue;
            }
            if (cp == ' ') lastSpace = out.length();
            out.appendCodePoint(cp);
            units += w;
        }
    }

    private static int unitsOf(StringBuilder out, int from) {
        return out.substring(from).codePoints().map(TextWrap::units).sum();
    }

    static int units(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        boolean wide = script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL
                || (codePoint >= 0x3000 && codePoint <= 0x303F)
                || (codePoint >= 0xFF00 && codePoint <= 0xFFEF);
        return wide ? 2 : 1;
    }
}
