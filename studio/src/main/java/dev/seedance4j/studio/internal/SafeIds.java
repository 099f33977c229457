package dev.seedance4j.studio.internal;

import java.util.regex.Pattern;

/**
 * The one rule for ids that name files and folders (episode and shot ids): the project parser checks it before
 * anything is sent, and the assembler checks it again before it writes a file.
 */
public final class SafeIds {
    /** Long enough for any real id, short enough that every file name built from one stays far below 255 bytes. */
    public static final int MAX_LENGTH = 64;

    /** The rule in words, for messages. */
    public static final String RULE =
            "ASCII letters, digits, '.', '_' or '-', not starting with '.', at most " + MAX_LENGTH + " characters";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    private SafeIds() {}

    /** Whether {@code id} is a safe file name on every system ({@code ..}, {@code .} and hidden names are not). */
    public static boolean isSafe(String id) {
        return id.length() <= MAX_LENGTH
                && !id.startsWith(".")
                && SAFE.matcher(id).matches();
    }
}
