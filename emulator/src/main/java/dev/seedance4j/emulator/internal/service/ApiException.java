package dev.seedance4j.emulator.internal.service;

/**
 * An error the API answers with {@code {"error":{"code","message","param","type"}}}. The HTTP layer appends
 * "Request ID: ..." to the message.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String param;

    public ApiException(int status, String code, String message, String param) {
        super(message);
        this.status = status;
        this.code = code;
        this.param = param == null ? "" : param;
    }

    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "InvalidParameter", message, param);
    }

    public static ApiException missing(String param, String message) {
        return new ApiException(400, "MissingParameter", message, param);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    /**
     * The error table's type column for the status: only the documented {@code BadRequest}, {@code Unauthorized},
     * {@code Forbidden}, {@code NotFound}, {@code TooManyRequests} and {@code InternalServerError}. UNCERTAIN: the
     * table has no type for 405 and 409 (a DELETE of a running task, observed on 2.5); both are a request that cannot
     * be done as asked, so {@code BadRequest}.
     */
    public String type() {
        return switch (status) {
            case 400, 405, 409 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 429 -> "TooManyRequests";
            default -> "InternalServerError";
        };
    }
}
