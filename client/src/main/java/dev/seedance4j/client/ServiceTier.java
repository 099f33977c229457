package dev.seedance4j.client;

import java.util.Objects;

/**
 * Service tier of a task: an open value type. {@link #FLEX} runs offline at half the price (Seedance 1.x only).
 *
 * @param value the raw value of {@code service_tier}
 */
public record ServiceTier(String value) {
    public static final ServiceTier DEFAULT = new ServiceTier("default");
    public static final ServiceTier FLEX = new ServiceTier("flex");

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
