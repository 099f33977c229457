package dev.seedance4j.cli.internal;

/** Checks of flag values, with messages that name the flag (not the setting of the library it becomes). */
final class Flags {

    private Flags() {}

    static void atLeast(String flag, long value, long min, String meaning) {
        if (value < min) {
            throw new UserError(
                    ExitCodes.BAD_INPUT, flag + " must be at least " + min + " (" + meaning + "), got " + value);
        }
    }

    /** A duration such as {@code 90s}, {@code 5m}, {@code 1h} (or ISO-8601 {@code PT5M}), more than zero. */
    static java.time.Duration duration(String flag, String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)")
                .matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
        java.time.Duration d = null;
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> java.time.Duration.ofMillis(amount);
                case "s" -> java.time.Duration.ofSeconds(amount);
                case "m" -> java.time.Duration.ofMinutes(amount);
                default -> java.time.Duration.ofHours(amount);
            };
        } else {
            try {
                d = java.time.Duration.parse(value.trim());
            } catch (java.time.format.DateTimeParseException e) {
                // reported below with the flag's name
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new UserError(
                    ExitCodes.BAD_INPUT, flag + " needs a duration above zero such as 90s, 5m or 1h, got " + value);
        }
        return d;
    }

    static void notNegative(String flag, double value, String meaning) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UserError(
                    ExitCodes.BAD_INPUT, flag + " must be a number of at least 0 (" + meaning + "), got " + value);
        }
    }
}
