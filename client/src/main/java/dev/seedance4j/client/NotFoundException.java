package dev.seedance4j.client;

/**
 * 404: the task, model or endpoint does not exist, is not activated, or is older than the 7 days the service
 * keeps.
 */
public class NotFoundException extends ApiException {
    public NotFoundException(ApiError error) {
        super(error);
    }
}
