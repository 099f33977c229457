package dev.seedance4j.storyboard;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the importer or the breakdown says about one place of a script.
 *
 * @param severity how bad it is
 * @param file     the script file
 * @param line     the 1-based line it is about, or 0 for the whole file
 * @param original the line as written (before normalisation), or {@code ""}
 * @param message  what is wrong or what was assumed, and what to change
 */
public record Diagnostic(Severity severity, Path file, int line, String original, String message) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        original = original == null ? "" : original;
        Objects.requireNonNull(message, "message");
    }

    /** {@code script.md:12: needs review: message} and the original line below it. */
    @Override
    public String toString() {
        String where = file.getFileName() + (line > 0 ? ":" + line : "");
        String text = original.strip();
        return where + ": " + severity.label() + ": " + message
                + (text.isEmpty() ? "" : System.lineSeparator() + "    | " + abbreviate(text));
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
