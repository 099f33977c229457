package dev.seedance4j.client;

import java.util.Objects;

/**
 * Ark's {@code thinking: {"type": ...}}: whether the model reasons before answering. Support and default differ per
 * model ({@link ChatModelSpec#thinkingDefault()}); for JSON output {@link #DISABLED} is several times faster.
 * An open value type.
 *
 * @param type the raw value of {@code thinking.type}
 */
public record Thinking(String type) {
    public static final Thinking ENABLED = new Thinking("enabled");
    public static final Thinking DISABLED = new Thinking("disabled");
    public static final Thinking AUTO = new Thinking("auto");

    public Thinking {
        Objects.requireNonNull(type, "thinking type");
    }

    public static Thinking of(String type) {
        return new Thinking(type);
    }

    @Override
    public String toString() {
        return type;
    }
}
