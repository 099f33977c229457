package dev.seedance4j.client.internal;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before repeating a request that is safe to repeat: exponential backoff
 * ({@code initial·2^n}, capped) with up to 25 % jitter taken off, or exactly the server's {@code Retry-After};
 * {@code x-should-retry: true|false} overrides the status-based decision (contract §5.1).
 *
 * @param maxRetries     retries after the first attempt
 * @param initialBackoff first pause
 * @param maxBackoff     longest computed pause
 * @param maxRetryAfter  longest {@code Retry-After} honoured; a longer one ends the retries
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** Whether a response with this status (and headers) is worth repeating. */
    public boolean retryableStatus(int status, HttpHeaders headers, String errorCode) {
        Optional<String> shouldRetry = headers.firstValue("x-should-retry");
        if (shouldRetry.isPresent()) {
            return shouldRetry.get().trim().equalsIgnoreCase("true");
        }
        if (status == 429) {
            return !isQuotaCode(errorCode); // a used-up quota does not come back in seconds
        }
        return status == 408 || status >= 500;
    }

    /** 429 codes that mean "stop", not "slow down". */
    public static boolean isQuotaCode(String code) {
        return code != null && (code.startsWith("QuotaExceeded") || code.startsWith("SetLimitExceeded"));
    }

    /** The pause before retry number {@code retry} (0-based): jittered exponential backoff. */
    public Duration backoff(int retry) {
        long base = initialBackoff.toMillis() << Math.min(retry, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        double jitter = 1 - 0.25 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(capped * jitter));
    }

    /** {@code Retry-After} as seconds or an HTTP date, if present and parseable. */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        Optional<String> value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().trim();
        try {
            double seconds = Double.parseDouble(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
