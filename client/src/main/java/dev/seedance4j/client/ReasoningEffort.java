package dev.seedance4j.client;

import java.util.Objects;

/**
 * {@code reasoning_effort}: how hard a reasoning model thinks. An open value type.
 *
 * @param value the raw value
 */
public record ReasoningEffort(String value) {
    public static final ReasoningEffort MINIMAL = new ReasoningEffort("minimal");
    public static final ReasoningEffort LOW = new ReasoningEffort("low");
    public static final ReasoningEffort MEDIUM = new ReasoningEffort("medium");
    public static final ReasoningEffort HIGH = new ReasoningEffort("high");

    public ReasoningEffort {
        Objects.requireNonNull(value, "reasoning effort");
    }

    public static ReasoningEffort of(String value) {
        return new ReasoningEffort(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
