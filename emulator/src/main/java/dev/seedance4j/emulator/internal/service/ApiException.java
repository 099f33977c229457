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

    /** The error table's type column for the status ({@code BadRequest}, {@code NotFound}, ...). */
    public String type() {
        return typeOf(status);
    }

    private static String typeOf(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            // UNCERTAIN: 409 is observed for DELETE of a running task, its type string is not documented.
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            default -> "InternalServerError";
        };
    }
}
