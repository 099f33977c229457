package dev.seedance4j.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.client.internal.WireFormat;
import java.util.List;
import java.util.Objects;

/**
 * {@code response_format} of a chat request: plain text, any JSON object ({@code json_object}; the word "json"
 * must appear in the messages), or JSON that conforms to a schema ({@code json_schema}, labelled beta by Ark).
 * Which models accept which is in {@link ChatModelSpec}; validate the answer locally every time.
 *
 * <pre>{@code
 * ResponseFormat.jsonSchema("storyboard", """
 *     {"type":"object","properties":{"shots":{"type":"array"}},"required":["shots"],"additionalProperties":false}
 *     """, true);
 * }</pre>
 *
 * @param type   {@code text}, {@code json_object} or {@code json_schema}
 * @param name   {@code json_schema.name} (json_schema only)
 * @param schema {@code json_schema.schema} as JSON text (json_schema only)
 * @param strict {@code json_schema.strict}, or {@code null} to leave it out
 */
public record ResponseFormat(String type, String name, String schema, Boolean strict) {
    public ResponseFormat {
        Objects.requireNonNull(type, "type");
        if (schema != null) {
            JsonNode tree;
            try {
                tree = WireFormat.MAPPER.readTree(schema);
            } catch (JsonProcessingException e) {
                tree = null;
            }
            if (tree == null || !tree.isObject()) {
                throw new ValidationException(List.of(new Violation(
                        "response_format.json_schema.schema",
                        schema.length() > 80 ? schema.substring(0, 80) + "…" : schema,
                        "must be a JSON object (a JSON Schema)")));
            }
        }
    }

    /** Free text (the default). */
    public static ResponseFormat text() {
        return new ResponseFormat("text", null, null, null);
    }

    /** Any JSON object; the messages must say "json". */
    public static ResponseFormat jsonObject() {
        return new ResponseFormat("json_object", null, null, null);
    }

    /** JSON conforming to {@code schemaJson}; {@code strict} asks the service to enforce it. */
    public static ResponseFormat jsonSchema(String name, String schemaJson, boolean strict) {
        return new ResponseFormat(
                "json_schema",
                Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(schemaJson, "schema"),
                strict);
    }
}
