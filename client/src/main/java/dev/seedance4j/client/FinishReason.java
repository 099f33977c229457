package dev.seedance4j.client;

import java.util.Objects;

/**
 * Why a chat choice ended ({@code finish_reason}). An open value type.
 *
 * @param value the raw value
 */
public record FinishReason(String value) {
    /** The model finished its answer. */
    public static final FinishReason STOP = new FinishReason("stop");
    /** The answer hit the token limit: it is truncated (a JSON answer is broken; ask again in smaller parts). */
    public static final FinishReason LENGTH = new FinishReason("length");
    /** Moderation cut the answer. */
    public static final FinishReason CONTENT_FILTER = new FinishReason("content_filter");

    public static final FinishReason TOOL_CALLS = new FinishReason("tool_calls");

    public FinishReason {
        Objects.requireNonNull(value, "finish reason");
    }

    public static FinishReason of(String value) {
        return new FinishReason(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
