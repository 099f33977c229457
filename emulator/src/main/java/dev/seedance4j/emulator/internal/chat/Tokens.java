package dev.seedance4j.emulator.internal.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's tokenizer: documented and deterministic rather than the service's (which nobody here can run), so
 * that tests can predict usage exactly. A CJK, kana, hangul or full-width character is one token; a run of other
 * letters and digits is one token per 4 characters; any other visible character (punctuation, symbols, emoji) is
 * one token; white space is free and travels with the token after it. Cutting a text after n tokens gives a prefix
 * of the text, so a reply truncated by {@code max_tokens} is the start of the full reply.
 */
final class Tokens {

    private Tokens() {}

    /** Tokens of a text. */
    static int count(String text) {
        int count = 0;
        for (String piece : pieces(text)) if (!piece.isBlank()) count++;
        return count;
    }

    /** The text cut after {@code tokens} tokens (the whole text when it has no more). */
    static String prefix(String text, long tokens) {
        StringBuilder out = new StringBuilder();
        long used = 0;
        for (String piece : pieces(text)) {
            if (!piece.isBlank() && used++ >= tokens) break;
            out.append(piece);
        }
        return out.toString();
    }

    /**
     * The text split into pieces whose concatenation is the text: one piece per token, each with the white space
     * before it; trailing white space is a last piece of its own (0 tokens).
     */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int runLength = 0; // letters/digits in the current word-like piece
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c)) {
                if (runLength > 0) flush(pieces, piece);
                runLength = 0;
                piece.appendCodePoint(c);
                continue;
            }
            boolean word = Character.isLetterOrDigit(c) && !wide(c);
            if (word && runLength > 0 && runLength < 4) {
                piece.appendCodePoint(c);
                runLength++;
                continue;
            }
            if (runLength > 0 || hasVisible(piece)) flush(pieces, piece);
            piece.appendCodePoint(c);
            runLength = word ? 1 : 0;
            if (!word) flush(pieces, piece);
        }
        if (piece.length() > 0) pieces.add(piece.toString());
        return pieces;
    }

    private static boolean hasVisible(StringBuilder piece) {
        return !piece.toString().isBlank();
    }

    private static void flush(List<String> pieces, StringBuilder piece) {
        pieces.add(piece.toString());
        piece.setLength(0);
    }

    /** CJK ideographs, kana, hangul and full-width forms: one token each. */
    static boolean wide(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL
                || (c >= 0xFF00 && c <= 0xFFEF);
    }
}
