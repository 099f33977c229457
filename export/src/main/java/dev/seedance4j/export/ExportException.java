package dev.seedance4j.export;

/** An export that could not be made, with why, so that a caller can tell a wrong request from a state to fix. */
public final class ExportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an export failed. */
    public enum Reason {
        /** The project has no episode of that id. */
        UNKNOWN_EPISODE,
        /** The episode has not been assembled (or not by a version that records its timeline). */
        NOT_ASSEMBLED,
        /** The episode was assembled from other takes or shots than the project uses now. */
        OUT_OF_DATE,
        /** A file or draft the export would replace was changed after an export wrote it, or no export wrote it. */
        WOULD_OVERWRITE,
        /** A file could not be read or written. */
        IO
    }

    private final Reason reason;

    public ExportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ExportException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
