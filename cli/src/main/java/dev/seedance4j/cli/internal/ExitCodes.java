package dev.seedance4j.cli.internal;

/** The exit codes of the seedance command; scripts rely on them, so they never change meaning. */
public final class ExitCodes {
    /** Everything asked for was delivered. */
    public static final int OK = 0;
    /** Some shots or tasks failed; each failure carries a reason code. */
    public static final int SOME_FAILED = 1;
    /** Usage error or bad input (a project file, a flag, a request that fails validation). */
    public static final int BAD_INPUT = 2;
    /** Refused by admission or by the budget; nothing was spent. */
    public static final int REFUSED = 3;
    /** Authentication or configuration problem (no API key, a key the service rejects). */
    public static final int AUTH_OR_CONFIG = 4;

    private ExitCodes() {}
}
