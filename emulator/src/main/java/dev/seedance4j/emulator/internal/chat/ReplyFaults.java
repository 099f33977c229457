package dev.seedance4j.emulator.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The broken replies a client must survive, made from a good one: JSON that does not parse (a trailing comma, an
 * unterminated document or a key without its closing quote, chosen by the seed) and JSON that parses but breaks the
 * schema (a required property missing in the first nested object that has one, else a value of the wrong type, else
 * a document of the wrong type), each confirmed by parsing or checking before it is sent.
 */
final class ReplyFaults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReplyFaults() {}

    /** The content with its JSON (the whole content, or the fenced block) made unparseable. */
    static String invalidJson(String content, long seed) {
        int start = content.indexOf("```json\n");
        if (start >= 0) {
            int from = start + "```json\n".length();
            int end = content.indexOf("\n```", from);
            return content.substring(0, from)
                    + invalidJson(content.substring(from, end), seed)
                    + content.substring(end);
        }
        String trimmed = content.stripTrailing();
        List<String> candidates = new ArrayList<>();
        int last = trimmed.length() - 1;
        switch ((int) Math.floorMod(seed, 3L)) {
            case 0 -> candidates.add(trimmed.substring(0, last) + "," + trimmed.charAt(last));
            case 1 -> {
                int keyEnd = trimmed.indexOf("\":");
                if (keyEnd > 0) candidates.add(trimmed.substring(0, keyEnd) + trimmed.substring(keyEnd + 1));
            }
            default -> {}
        }
        candidates.add(trimmed.substring(0, Math.max(1, trimmed.length() * 2 / 3)));
        candidates.add(trimmed.substring(0, last));
        for (String candidate : candidates) if (!parses(candidate)) return candidate;
        return "{" + trimmed; // cannot parse: an object cannot start with an object
    }

    private static boolean parses(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The document changed so that it violates the schema, or null when no change the emulator tries does. */
    static JsonNode violation(JsonNode schema, JsonNode document) {
        List<JsonNode> objects = new ArrayList<>();
        collect(document, objects);
        if (document.isObject()) objects.add(document);
        for (JsonNode object : objects) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode broken = edited(document, object, o -> o.remove(name));
                if (!SchemaCheck.violations(schema, broken).isEmpty()) return broken;
            }
        }
        for (JsonNode object : objects) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode wrong = object.get(name).isTextual() ? NODES.numberNode(42) : NODES.textNode("42");
                JsonNode broken = edited(document, object, o -> o.set(name, wrong));
                if (!SchemaCheck.violations(schema, broken).isEmpty()) return broken;
            }
        }
        for (JsonNode wrong : List.of(NODES.textNode("42"), NODES.arrayNode(), NODES.objectNode())) {
            if (!SchemaCheck.violations(schema, wrong).isEmpty()) return wrong;
        }
        return null;
    }

    /** Nested objects in document order (the items a model most often gets wrong); the caller adds the root last. */
    private static void collect(JsonNode node, List<JsonNode> objects) {
        for (JsonNode child : node) {
            if (child.isObject()) objects.add(child);
            if (child.isContainerNode()) collect(child, objects);
        }
    }

    /** A copy of the document with one object (found by identity) edited. */
    private static JsonNode edited(JsonNode document, JsonNode target, Consumer<ObjectNode> edit) {
        JsonNode copy = document.deepCopy();
        ObjectNode twin = (ObjectNode) twin(document, copy, target);
        edit.accept(twin);
        return copy;
    }

    private static JsonNode twin(JsonNode original, JsonNode copy, JsonNode target) {
        if (original == target) return copy;
        if (original.isObject()) {
            for (Iterator<String> names = original.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode found = twin(original.get(name), copy.get(name), target);
                if (found != null) return found;
            }
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                JsonNode found = twin(original.get(i), ((ArrayNode) copy).get(i), target);
                if (found != null) return found;
            }
        }
        return null;
    }
}
