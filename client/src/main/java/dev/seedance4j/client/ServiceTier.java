package dev.seedance4j.client;

import java.util.Objects;

/**
 * Service tier: an open value type. For video tasks {@link #DEFAULT} or {@link #FLEX} (offline at half the price,
 * Seedance 1.x only); for chat completions {@link #AUTO} or {@link #DEFAULT}.
 *
 * @param value the raw value of {@code service_tier}
 */
public record ServiceTier(String value) {
    public static final ServiceTier DEFAULT = new ServiceTier("default");
    public static final ServiceTier FLEX = new ServiceTier("flex");
    /** Chat completions only. */
    public static final ServiceTier AUTO = new ServiceTier("auto");

    public ServiceTier {
        Objects.requireNonNull(value, "service tier");
    }

    public static ServiceTier of(String value) {
        return new ServiceTier(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
