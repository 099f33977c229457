package dev.seedance4j.storyboard;

/**
 * How the LLM breakdown asks for JSON: {@code response_format: json_schema} (strict), {@code json_object}, or in
 * the prompt only. The first the model accepts (by the client's model table, or after the service refused a
 * format) is used; every answer is validated locally whichever it is.
 */
public enum AnswerFormat {
    JSON_SCHEMA("json_schema"),
    JSON_OBJECT("json_object"),
    PROMPT("prompt");

    private final String label;

    AnswerFormat(String label) {
        this.label = label;
    }

    /** {@code json_schema}, {@code json_object} or {@code prompt}, as the ledger and the CLI flag write it. */
    public String label() {
        return label;
    }

    /** By label ({@code json_schema}, {@code json_object}, {@code prompt}). */
    public static AnswerFormat of(String label) {
        for (AnswerFormat f : values()) if (f.label.equals(label)) return f;
        throw new IllegalArgumentException(
                "unknown answer format '" + label + "' (json_schema, json_object or prompt)");
    }

    /** The next weaker format, or {@code null} after {@link #PROMPT}. */
    AnswerFormat weaker() {
        return this == JSON_SCHEMA ? JSON_OBJECT : this == JSON_OBJECT ? PROMPT : null;
    }
}
