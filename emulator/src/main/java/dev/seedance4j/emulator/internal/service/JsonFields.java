package dev.seedance4j.emulator.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reading request fields the way the service does: JSON {@code null} is "absent" (the Python SDK sends every
 * optional field), a value of the wrong type or out of range is 400 {@code InvalidParameter} naming the field.
 */
public final class JsonFields {

    private JsonFields() {}

    /**
     * The model a request names, resolved through the configured endpoint ids: 400 when the body is not an object
     * or has no {@code model}, 404 {@code InvalidEndpointOrModel.NotFound} (as for video) when no table knows it.
     */
    public static <M> M model(JsonNode body, Function<String, Optional<M>> models, Map<String, String> endpoints) {
        if (body == null || !body.isObject()) throw ApiException.invalid("", "The request body must be a JSON object.");
        String requested = string(body, "model");
        if (requested == null) throw ApiException.missing("model", "The parameter `model` is required.");
        return models.apply(endpoints.getOrDefault(requested, requested))
                .orElseThrow(() -> new ApiException(
                        404,
                        "InvalidEndpointOrModel.NotFound",
                        "The model or endpoint " + requested + " does not exist or you do not have access to it.",
                        "model"));
    }

    public static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    public static String string(JsonNode node, String field) {
        return string(node, field, field);
    }

    /** @param param the field's name in errors, e.g. {@code response_format.type} */
    public static String string(JsonNode node, String field, String param) {
        JsonNode value = present(node, field);
        if (value == null) return null;
        if (!value.isTextual()) throw ApiException.invalid(param, "The parameter `" + param + "` must be a string.");
        return value.asText();
    }

    public static boolean bool(JsonNode node, String field, String param, boolean fallback) {
        JsonNode value = present(node, field);
        if (value == null) return fallback;
        if (!value.isBoolean()) throw ApiException.invalid(param, "The parameter `" + param + "` must be a boolean.");
        return value.booleanValue();
    }

    /** An integer within [min, max], or null when absent. */
    public static Long integer(JsonNode node, String field, String param, long min, long max) {
        JsonNode value = present(node, field);
        if (value == null) return null;
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < min
                || value.longValue() > max) {
            throw ApiException.invalid(
                    param, "The parameter `" + param + "` must be an integer within [" + min + ", " + max + "].");
        }
        return value.longValue();
    }

    /** Checks a number within [min, max] when present. */
    public static void number(JsonNode node, String field, double min, double max) {
        JsonNode value = present(node, field);
        if (value == null) return;
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            throw ApiException.invalid(
                    field,
                    "The parameter `" + field + "` must be a number within [" + text(min) + ", " + text(max) + "].");
        }
    }

    private static String text(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
