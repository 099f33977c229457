package dev.seedance4j.cli.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Several API keys of one account pooled from the command line: {@code --keys} (or {@code SEEDANCE_KEYS}) lists the
 * NAMES of environment variables that hold the keys, each with its own limits, as
 * {@code VARIABLE[:CONCURRENCY[:RPM]]} separated by commas ({@code ARK_KEY_A:10:60,ARK_KEY_B:5}); a limit left out is
 * {@code --concurrency} or {@code --rpm}. A key is never written in a file or on a command line, and never printed:
 * messages name the variable.
 */
final class ApiKeys {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    private ApiKeys() {}

    /** A key of the pool: the variable that holds it, its value and its limits. {@code toString} hides the key. */
    record Key(String variable, String value, int concurrency, int requestsPerMinute) {
        @Override
        public String toString() {
            return variable + " (" + concurrency + " in flight, " + requestsPerMinute + " per minute)";
        }
    }

    /**
     * Reads a keys setting.
     *
     * @param source the flag or variable it came from, for messages ({@code --keys} or {@code SEEDANCE_KEYS})
     * @throws UserError naming the entry, the field and {@code source}; never a key
     */
    static List<Key> parse(
            String text, String source, int exitCode, int concurrency, int requestsPerMinute, Map<String, String> env) {
        List<Key> keys = new ArrayList<>();
        Map<String, String> variableOfKey = new HashMap<>();
        String[] entries = text.strip().split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            String where = source + ": entry " + (i + 1);
            if (entry.isEmpty()) {
                throw new UserError(
                        exitCode,
                        where + " is empty; write VARIABLE[:CONCURRENCY[:RPM]] entries separated by commas, e.g."
                                + " ARK_KEY_A:10:60,ARK_KEY_B:5");
            }
            String[] fields = entry.split(":", -1);
            if (!NAME.matcher(fields[0].strip()).matches()) {
                // not echoed: it may be a key pasted by mistake
                throw new UserError(
                        exitCode,
                        where + " does not start with the name of an environment variable (letters, digits and _):"
                                + " list the variables that hold the keys, never a key itself");
            }
            String variable = fields[0].strip();
            if (fields.length > 3) {
                throw new UserError(
                        exitCode,
                        source + ": " + variable + " has " + fields.length
                                + " fields; write VARIABLE[:CONCURRENCY[:RPM]]");
            }
            int keyConcurrency = fields.length > 1
                    ? limit(fields[1], source, variable, "concurrency", "tasks in flight at once", exitCode)
                    : concurrency;
            int keyRpm = fields.length > 2
                    ? limit(fields[2], source, variable, "rpm", "creates per minute", exitCode)
                    : requestsPerMinute;
            String value = env.get(variable);
            if (value == null || value.isBlank()) {
                throw new UserError(
                        ExitCodes.AUTH_OR_CONFIG,
                        source + " names " + variable + ", which is not set: export " + variable
                                + "=... with one of the account's API keys (nothing was sent)");
            }
            if (keys.stream().anyMatch(k -> k.variable().equals(variable))) {
                throw new UserError(exitCode, source + ": " + variable + " is listed twice; list each key once");
            }
            String same = variableOfKey.putIfAbsent(value.strip(), variable);
            if (same != null) {
                throw new UserError(
                        exitCode,
                        source + ": " + same + " and " + variable + " hold the same key; list each key once (its"
                                + " limits are the account's for that key)");
            }
            keys.add(new Key(variable, value.strip(), keyConcurrency, keyRpm));
        }
        return keys;
    }

    private static int limit(String text, String source, String variable, String field, String meaning, int code) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            // echoed only when it is a number: anything else may be a key written in the wrong place
            String got = text.strip().matches("[-+]?\\d{1,12}") ? "got " + text.strip() : "got something else";
            throw new UserError(
                    code,
                    source + ": " + variable + ": " + field + " must be a whole number of at least 1 (" + meaning
                            + "), " + got);
        }
        return value;
    }
}
