package dev.seedance4j.client;

/**
 * A result link the service answered cannot be fetched: its scheme is not http(s) ({@code file:}, {@code ftp:}),
 * or it has no valid host. Nothing was fetched; the result cannot be saved from this link. A broken or hostile
 * answer, not a network failure: it is not retried.
 */
public class InvalidResultLinkException extends SeedanceException {
    private final String taskId;

    public InvalidResultLinkException(String taskId, String message) {
        super(message);
        this.taskId = taskId;
    }

    /** The task whose link it is, or {@code null} for an image link. */
    public String taskId() {
        return taskId;
    }
}
