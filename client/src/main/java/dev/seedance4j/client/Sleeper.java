package dev.seedance4j.client;

import java.time.Duration;

/**
 * How the client waits between retries and polls. The default really sleeps; tests inject one that records the
 * pauses (and advances a fake clock) so that backoffs take no time.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits for {@code duration}; must honour interruption. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
