package dev.seedance4j.studio.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A token bucket of {@code perMinute} creates per minute, and a pause after the service answered 429. */
final class RateLimiter {
    private final Clock clock;
    private final double perMilli;
    private final double capacity;
    private double tokens;
    private Instant last;
    private Instant pausedUntil = Instant.EPOCH;
    private int consecutive429;

    RateLimiter(int perMinute, Clock clock) {
        this.clock = clock;
        this.perMilli = perMinute / 60_000.0;
        this.capacity = Math.max(1, perMinute / 6.0); // a burst of at most 10 s worth of requests
        this.tokens = capacity;
        this.last = clock.instant();
    }

    /** Takes a token if one is available and no back-off is running. */
    boolean tryAcquire() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return false;
        }
        tokens = Math.min(capacity, tokens + Duration.between(last, now).toMillis() * perMilli);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** The service said 429: pause for its Retry-After or an exponentially growing time (1 s … 60 s). */
    Duration backOff(Duration retryAfter) {
        consecutive429++;
        Duration wait = retryAfter != null
                ? retryAfter
                : Duration.ofMillis(Math.min(60_000, 1000L << Math.min(6, consecutive429 - 1)));
        pausedUntil = clock.instant().plus(wait);
        return wait;
    }

    void succeeded() {
        consecutive429 = 0;
    }
}
