package dev.seedance4j.client;

/**
 * 403: the account may not do this: no permission ({@code AccessDenied}), the service is not open, or the
 * account is overdue ({@code AccountOverdueError}, {@code OperationDenied.ServiceOverdue}): top up before retrying.
 */
public class PermissionDeniedException extends ApiException {
    public PermissionDeniedException(ApiError error) {
        super(error);
    }

    /** True when the account's balance is overdue; nothing succeeds until it is topped up. */
    public boolean isAccountOverdue() {
        return code() != null && (code().equals("AccountOverdueError") || code().endsWith("ServiceOverdue"));
    }
}
