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

    static void notNegative(String flag, double value, String meaning) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new UserError(
                    ExitCodes.BAD_INPUT, flag + " must be a number of at least 0 (" + meaning + "), got " + value);
        }
    }
}
