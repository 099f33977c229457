package dev.seedance4j.client;

/**
 * 400 Bad Request or 422: the request was refused as invalid (e.g. {@code InvalidParameter}, {@code
 * MissingParameter}). Fix the request; resending it unchanged fails again.
 */
public class BadRequestException extends ApiException {
    public BadRequestException(ApiError error) {
        super(error);
    }
}
