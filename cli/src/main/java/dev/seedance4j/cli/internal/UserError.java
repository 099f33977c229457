package dev.seedance4j.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A problem the user can fix, printed as its message alone (no stack trace) with a chosen exit code. With
 * {@code --json} it is also printed as a document, with {@link #details()} (what the command had created and what
 * the project had spent when it stopped, the problems of a project file).
 */
public final class UserError extends RuntimeException {
    private final int exitCode;
    private final Map<String, Object> details = new LinkedHashMap<>();

    public UserError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the JSON document says besides the message; commands add to it on the way out. */
    public Map<String, Object> details() {
        return details;
    }

    public UserError with(String key, Object value) {
        details.put(key, value);
        return this;
    }
}
