package dev.seedance4j.client;

/**
 * 401: the API key is missing or invalid ({@code AuthenticationError}).
 */
public class AuthenticationException extends ApiException {
    public AuthenticationException(ApiError error) {
        super(error);
    }
}
