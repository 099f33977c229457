package dev.seedance4j.client;

/**
 * 429 {@code QuotaExceeded} or {@code SetLimitExceeded}: the free quota is used up, the safe-experience cap is
 * reached, or too many tasks are queued in the account. Unlike {@link RateLimitException}, waiting a few seconds
 * does not help; never retried automatically.
 */
public class QuotaExceededException extends ApiException {
    public QuotaExceededException(ApiError error) {
        super(error);
    }
}
