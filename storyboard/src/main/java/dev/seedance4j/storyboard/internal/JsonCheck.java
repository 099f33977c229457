package dev.seedance4j.storyboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a JSON value against the part of JSON Schema the breakdown's schema uses (type, required,
 * additionalProperties, properties, items, enum, minimum, maximum, minItems, minLength); each violation names its
 * path, as the re-ask to the model quotes them.
 */
public final class JsonCheck {
    private JsonCheck() {}

    public static List<String> violations(JsonNode schema, JsonNode value) {
        List<String> v = new ArrayList<>();
        check(schema, value, "$", v);
        return v;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> v) {
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    v.add(path + " must be an object");
                    return;
                }
                for (JsonNode r : schema.path("required")) {
                    if (!value.has(r.asText())) v.add(path + "." + r.asText() + " is missing");
                }
                JsonNode props = schema.path("properties");
                Set<String> allowed = new HashSet<>();
                props.fieldNames().forEachRemaining(allowed::add);
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (allowed.contains(field.getKey())) {
                        check(props.get(field.getKey()), field.getValue(), path + "." + field.getKey(), v);
                    } else if (schema.path("additionalProperties").isBoolean()
                            && !schema.path("additionalProperties").asBoolean()) {
                        v.add(path + "." + field.getKey() + " is not allowed (allowed: " + allowed + ")");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    v.add(path + " must be an array");
                    return;
                }
                if (value.size() < schema.path("minItems").asInt(0)) {
                    v.add(path + " must have at least "
                            + schema.path("minItems").asInt() + " item(s)");
                }
                for (int i = 0; i < value.size(); i++)
                    check(schema.path("items"), value.get(i), path + "[" + i + "]", v);
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    v.add(path + " must be an integer (got " + shorten(value) + ")");
                    return;
                }
                bounds(schema, value, path, v);
            }
            case "string" -> {
                if (!value.isTextual()) {
                    v.add(path + " must be a string (got " + shorten(value) + ")");
                    return;
                }
                if (value.asText().length() < schema.path("minLength").asInt(0)) v.add(path + " must not be empty");
            }
            default -> {
                // no type: anything goes
            }
        }
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null) {
            boolean found = false;
            for (JsonNode e : enumeration) found |= e.equals(value);
            if (!found) v.add(path + " must be one of " + enumeration + " (got " + shorten(value) + ")");
        }
    }

    private static void bounds(JsonNode schema, JsonNode value, String path, List<String> v) {
        if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
            v.add(path + " must be at least " + schema.get("minimum").asLong() + " (got " + value.asLong() + ")");
        }
        if (schema.has("maximum") && value.asLong() > schema.get("maximum").asLong()) {
            v.add(path + " must be at most " + schema.get("maximum").asLong() + " (got " + value.asLong() + ")");
        }
    }

    private static String shorten(JsonNode value) {
        String s = value.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
