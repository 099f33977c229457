package dev.seedance4j.client;

import java.util.Objects;

/**
 * A tool the model may use (Seedance 2.0 series): an open value type.
 *
 * @param type the raw value of {@code tools[].type}
 */
public record Tool(String type) {
    /** Lets the model search the web; the number of searches comes back in {@link Usage#webSearchCalls()}. */
    public static final Tool WEB_SEARCH = new Tool("web_search");

    public Tool {
        Objects.requireNonNull(type, "tool type");
    }

    public static Tool of(String type) {
        return new Tool(type);
    }
}
