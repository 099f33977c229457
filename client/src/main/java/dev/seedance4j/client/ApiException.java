package dev.seedance4j.client;

import java.util.Optional;

/**
 * The service answered with an HTTP error. Carries what the error body and headers said: the HTTP status, the
 * {@code error.code} (e.g. {@code InvalidParameter}), {@code error.param}, {@code error.type}
 * (e.g. {@code BadRequest}), the message and the server's request id ({@code X-Request-Id}), plus the
 * {@code X-Client-Request-Id} this client sent, so that a support ticket can quote both.
 *
 * <p>Subtypes by cause: {@link BadRequestException} (400, 422) with {@link ContentModerationException};
 * {@link AuthenticationException} (401); {@link PermissionDeniedException} (403, including an overdue account);
 * {@link NotFoundException} (404); {@link ConflictException} (409); {@link RateLimitException} (429, with its
 * {@code Retry-After}); {@link QuotaExceededException} (429 quota or queue limit); {@link ServerException} (5xx).
 * Other statuses are thrown as this class itself.
 */
public class ApiException extends SeedanceException {
    private final int httpStatus;
    private final String code;
    private final String param;
    private final String type;
    private final String serverMessage;
    private final String requestId;
    private final String clientRequestId;

    public ApiException(ApiError error) {
        super(describe(error));
        this.httpStatus = error.httpStatus();
        this.code = error.code();
        this.param = error.param();
        this.type = error.type();
        this.serverMessage = error.message();
        this.requestId = error.requestId();
        this.clientRequestId = error.clientRequestId();
    }

    /** The HTTP status code of the response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** {@code error.code}, e.g. {@code InvalidParameter.Duration}; {@code null} if the body had none. */
    public String code() {
        return code;
    }

    /** {@code error.param}: the request field the service complained about, if it said. */
    public Optional<String> param() {
        return Optional.ofNullable(param).filter(p -> !p.isEmpty());
    }

    /** {@code error.type}, e.g. {@code BadRequest}, if the body had one. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** {@code error.message} as the service wrote it. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The server's request id ({@code X-Request-Id} header), if the response had one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The {@code X-Client-Request-Id} this client sent with the request. */
    public String clientRequestId() {
        return clientRequestId;
    }

    private static String describe(ApiError e) {
        StringBuilder text = new StringBuilder("HTTP ").append(e.httpStatus());
        if (e.code() != null) {
            text.append(' ').append(e.code());
        }
        if (e.param() != null && !e.param().isEmpty()) {
            text.append(" (param ").append(e.param()).append(')');
        }
        if (e.message() != null) {
            text.append(": ").append(e.message());
        }
        text.append(" [request id ")
                .append(e.requestId() == null ? "-" : e.requestId())
                .append(", client request id ")
                .append(e.clientRequestId())
                .append(']');
        return text.toString();
    }
}
