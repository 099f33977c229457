package dev.seedance4j.client;

/**
 * The parts of an HTTP error response: status, the {@code {"error":{code,message,param,type}}} body and the
 * request ids. Every {@link ApiException} is built from one.
 *
 * @param httpStatus      HTTP status code
 * @param code            {@code error.code} or {@code null}
 * @param message         {@code error.message} (or the raw body when it was not JSON), never containing the key
 * @param param           {@code error.param} or {@code null}
 * @param type            {@code error.type} or {@code null}
 * @param requestId       the server's {@code X-Request-Id} or {@code null}
 * @param clientRequestId the {@code X-Client-Request-Id} this client sent
 */
public record ApiError(
        int httpStatus,
        String code,
        String message,
        String param,
        String type,
        String requestId,
        String clientRequestId) {}
