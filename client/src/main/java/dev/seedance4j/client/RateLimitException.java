package dev.seedance4j.client;

import java.time.Duration;
import java.util.Optional;

/**
 * 429: too many requests (RPM/TPM limits, {@code ServerOverloaded}, concurrency for the top-up level). Reads are
 * retried automatically after {@link #retryAfter()}; a create is not (the caller's scheduler decides), but a 429
 * on create is a definite answer: no task was made.
 */
public class RateLimitException extends ApiException {
    private final Duration retryAfter;

    public RateLimitException(ApiError error, Duration retryAfter) {
        super(error);
        this.retryAfter = retryAfter;
    }

    /** How long the service asked to wait ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
