package dev.seedance4j.client;

/**
 * 5xx: the service failed. Reads are retried automatically; a create that got a 5xx surfaces as {@link
 * CreateOutcomeUnknownException} instead, because the task may exist.
 */
public class ServerException extends ApiException {
    public ServerException(ApiError error) {
        super(error);
    }
}
