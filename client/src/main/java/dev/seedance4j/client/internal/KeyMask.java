package dev.seedance4j.client.internal;

/**
 * Masks an API key in text that came from elsewhere (a server echoing the Authorization header, an exception of
 * the HTTP stack). A key of realistic length is masked wherever it occurs, even inside other text: no such key
 * ever appears. A short key (the emulator accepts {@code x}) is masked only as a whole token, never inside other
 * words, so that {@code InputTextSensitiveContentDetected} stays readable with the key {@code x}.
 */
public final class KeyMask {
    /**
     * Keys at least this long are masked everywhere. Ark keys are UUID-like (36 characters); a random string of 12
     * or more characters does not occur inside the words of a message by chance.
     */
    public static final int REALISTIC_LENGTH = 12;

    public static final String MASK = "****";

    private KeyMask() {}

    public static String mask(String text, String key) {
        if (text == null || key == null || key.isEmpty()) {
            return text;
        }
        if (key.length() >= REALISTIC_LENGTH) {
            return text.replace(key, MASK);
        }
        StringBuilder out = null;
        int copied = 0;
        for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
            int end = at + key.length();
            boolean whole = (at == 0 || !isWordChar(text.charAt(at - 1)))
                    && (end == text.length() || !isWordChar(text.charAt(end)));
            if (whole && at >= copied) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, at).append(MASK);
                copied = end;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
