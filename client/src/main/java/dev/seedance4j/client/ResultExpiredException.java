package dev.seedance4j.client;

/**
 * A result link ({@code video_url} or {@code last_frame_url}, valid 24 hours) answered 403 or 404, and reading
 * the task again gave no working link (or the task is gone). The result cannot be recovered; generate it again.
 */
public class ResultExpiredException extends SeedanceException {
    private final String taskId;
    private final int httpStatus;

    public ResultExpiredException(String taskId, int httpStatus, String message) {
        super(message);
        this.taskId = taskId;
        this.httpStatus = httpStatus;
    }

    public String taskId() {
        return taskId;
    }

    /** The status the result link answered with (403 or 404), or the status of the failed task read. */
    public int httpStatus() {
        return httpStatus;
    }
}
