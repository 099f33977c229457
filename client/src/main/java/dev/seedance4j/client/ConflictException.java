package dev.seedance4j.client;

/**
 * 409: the operation does not fit the task's status, e.g. deleting a running or cancelled task.
 */
public class ConflictException extends ApiException {
    public ConflictException(ApiError error) {
        super(error);
    }
}
