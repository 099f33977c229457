package dev.seedance4j.cli.internal;

/** A problem the user can fix, printed as its message alone (no stack trace) with a chosen exit code. */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
