package dev.seedance4j.emulator.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The part of JSON Schema the reply generator and its checker share: local {@code $ref}s ({@code #/$defs/...},
 * {@code #/definitions/...}), {@code allOf} merged into one schema, and the type a schema asks for. Remote
 * references and {@code if}/{@code then}/{@code else}, {@code dependentSchemas} and {@code not} are outside what the
 * generator understands (it treats them as absent; the README says so).
 */
final class Schemas {

    static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Schemas() {}

    /** The schema with its {@code $ref} chain followed and {@code allOf} merged in. */
    static JsonNode resolve(JsonNode root, JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 32 && current != null && current.isObject() && current.has("$ref"); hops++) {
            JsonNode target = reference(root, current.get("$ref").asText());
            if (current.size() == 1) {
                current = target;
            } else { // siblings of $ref apply too (2019-09 and later)
                ObjectNode merged = ((ObjectNode) current).deepCopy();
                merged.remove("$ref");
                current = merge(merged, resolve(root, target));
            }
        }
        if (current == null) return NODES.objectNode();
        if (current.isObject() && current.has("allOf") && current.get("allOf").isArray()) {
            ObjectNode merged = ((ObjectNode) current).deepCopy();
            merged.remove("allOf");
            for (JsonNode part : current.get("allOf")) merged = merge(merged, resolve(root, part));
            return merged;
        }
        return current;
    }

    /** A local reference; anything else (a remote schema) as the empty schema. */
    static JsonNode reference(JsonNode root, String ref) {
        if (ref.equals("#")) return root;
        if (!ref.startsWith("#/")) return NODES.objectNode();
        StringBuilder pointer = new StringBuilder();
        for (String token : ref.substring(2).split("/", -1)) {
            pointer.append('/').append(java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8));
        }
        JsonNode target = root.at(pointer.toString());
        return target.isMissingNode() ? NODES.objectNode() : target;
    }

    /** Two schemas that must both hold, as one: properties and required joined, bounds tightened. */
    static ObjectNode merge(ObjectNode into, JsonNode other) {
        if (!other.isObject()) return into;
        for (Iterator<Map.Entry<String, JsonNode>> it = other.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            JsonNode existing = into.get(key);
            if (existing == null) {
                into.set(key, value.deepCopy());
                continue;
            }
            switch (key) {
                case "properties" -> {
                    ObjectNode properties = ((ObjectNode) existing).deepCopy();
                    for (Iterator<Map.Entry<String, JsonNode>> p = value.fields(); p.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = p.next();
                        JsonNode mine = properties.get(property.getKey());
                        if (mine == null) properties.set(property.getKey(), property.getValue());
                        else properties.set(property.getKey(), both(mine, property.getValue()));
                    }
                    into.set(key, properties);
                }
                case "required" -> {
                    Set<String> names = new LinkedHashSet<>();
                    existing.forEach(n -> names.add(n.asText()));
                    value.forEach(n -> names.add(n.asText()));
                    ArrayNode required = into.putArray(key);
                    names.forEach(required::add);
                }
                case "minimum", "exclusiveMinimum", "minItems", "minLength", "minProperties" -> {
                    if (value.isNumber() && existing.isNumber() && value.doubleValue() > existing.doubleValue())
                        into.set(key, value);
                }
                case "maximum", "exclusiveMaximum", "maxItems", "maxLength", "maxProperties" -> {
                    if (value.isNumber() && existing.isNumber() && value.doubleValue() < existing.doubleValue())
                        into.set(key, value);
                }
                default -> into.set(key, both(existing, value));
            }
        }
        return into;
    }

    private static JsonNode both(JsonNode a, JsonNode b) {
        if (a.equals(b)) return a;
        ObjectNode all = NODES.objectNode();
        all.putArray("allOf").add(a).add(b);
        return all;
    }

    /** The type to generate: the first non-null one named, else the one the keywords imply. */
    static String type(JsonNode schema) {
        if (schema == null || !schema.isObject()) return "string";
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) return type.asText();
        if (type != null && type.isArray()) {
            for (JsonNode t : type) if (!t.asText().equals("null")) return t.asText();
            if (!type.isEmpty()) return "null";
        }
        if (schema.has("const")) return kind(schema.get("const"));
        if (schema.has("enum")
                && schema.get("enum").isArray()
                && !schema.get("enum").isEmpty()) return kind(schema.get("enum").get(0));
        if (schema.has("properties") || schema.has("required") || schema.has("additionalProperties")) return "object";
        if (schema.has("items") || schema.has("prefixItems") || schema.has("minItems") || schema.has("maxItems"))
            return "array";
        if (schema.has("minimum") || schema.has("maximum") || schema.has("multipleOf")) return "number";
        return "string";
    }

    /** The JSON Schema type name of a value ({@code integer} for whole numbers). */
    static String kind(JsonNode value) {
        if (value.isObject()) return "object";
        if (value.isArray()) return "array";
        if (value.isTextual()) return "string";
        if (value.isBoolean()) return "boolean";
        if (value.isNull()) return "null";
        if (value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())))
            return "integer";
        return "number";
    }

    /** Whether a schema (a {@code type} name or list) allows a type. */
    static boolean allows(JsonNode schema, String kind) {
        JsonNode type = schema.get("type");
        if (type == null) return true;
        if (type.isTextual()) return matches(type.asText(), kind);
        for (JsonNode t : type) if (matches(t.asText(), kind)) return true;
        return false;
    }

    private static boolean matches(String declared, String kind) {
        return declared.equals(kind) || (declared.equals("number") && kind.equals("integer"));
    }
}
