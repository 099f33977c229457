package dev.seedance4j.export.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The one place that names every field of a Jianying/CapCut draft: {@code jianying-draft.json} in this module's
 * resources. Objects are copied from it and only fields it already has may be set, so a field that the file does
 * not name can never reach a draft.
 */
final class DraftTemplate {

    private static final String RESOURCE = "/dev/seedance4j/export/jianying-draft.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode ROOT = load();

    private DraftTemplate() {}

    private static ObjectNode load() {
        try (InputStream in = DraftTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A fresh copy of the object {@code name} (e.g. {@code video_material}). */
    static ObjectNode copy(String name) {
        return (ObjectNode) node(name).deepCopy();
    }

    /** A segment of {@code kind} ({@code video}, {@code audio}, {@code text}): the common fields and its own. */
    static ObjectNode segment(String kind) {
        ObjectNode segment = copy("segment");
        Iterator<Map.Entry<String, JsonNode>> own =
                node("segment_kinds").get(kind).deepCopy().fields();
        own.forEachRemaining(e -> segment.set(e.getKey(), e.getValue()));
        return segment;
    }

    /** A value of the template, e.g. {@code paths.media_folder}. */
    static JsonNode node(String path) {
        JsonNode node = ROOT;
        for (String part : path.split("\\.")) {
            node = node.get(part);
            if (node == null) throw new IllegalStateException(RESOURCE + " has no " + path);
        }
        return node;
    }

    static String text(String path) {
        return node(path).asText();
    }

    /** Sets {@code path} (dotted, inside {@code target}), which the template must already name. */
    static void set(ObjectNode target, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode parent = target;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (!(child instanceof ObjectNode object)) throw unnamed(path);
            parent = object;
        }
        String field = parts[parts.length - 1];
        if (!parent.has(field)) throw unnamed(path);
        parent.set(field, JSON.valueToTree(value));
    }

    private static IllegalStateException unnamed(String path) {
        return new IllegalStateException("the draft field " + path + " is not named in " + RESOURCE
                + "; add it there with its default value before writing it");
    }
}
