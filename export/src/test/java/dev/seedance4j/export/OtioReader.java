package dev.seedance4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reader of OpenTimelineIO JSON written from OTIO's own schema definitions (the C++ {@code read_from}/
 * {@code write_to} of each class, schema versions of OTIO 0.15 to 0.18), independent of the writer: every object
 * must name a known schema and carry exactly that schema's fields, times are {@code RationalTime.1} with a rate, and
 * an item's place on its track is the sum of the durations before it, as OTIO computes it.
 */
final class OtioReader {

    /** Each schema's fields, the ones OTIO's {@code write_to} writes, in its order. */
    static final Map<String, List<String>> SCHEMAS = Map.of(
            "Timeline.1", List.of("OTIO_SCHEMA", "metadata", "name", "global_start_time", "tracks"),
            "Stack.1",
                    List.of(
                            "OTIO_SCHEMA",
                            "metadata",
                            "name",
                            "source_range",
                            "effects",
                            "markers",
                            "enabled",
                            "children"),
            "Track.1",
                    List.of(
                            "OTIO_SCHEMA",
                            "metadata",
                            "name",
                            "source_range",
                            "effects",
                            "markers",
                            "enabled",
                            "children",
                            "kind"),
            "Clip.2",
                    List.of(
                            "OTIO_SCHEMA",
                            "metadata",
                            "name",
                            "source_range",
                            "effects",
                            "markers",
                            "enabled",
                            "media_references",
                            "active_media_reference_key"),
            "Gap.1", List.of("OTIO_SCHEMA", "metadata", "name", "source_range", "effects", "markers", "enabled"),
            "ExternalReference.1",
                    List.of(
                            "OTIO_SCHEMA",
                            "metadata",
                            "name",
                            "available_range",
                            "available_image_bounds",
                            "target_url"),
            "Marker.2", List.of("OTIO_SCHEMA", "metadata", "name", "color", "marked_range", "comment"),
            "TimeRange.1", List.of("OTIO_SCHEMA", "duration", "start_time"),
            "RationalTime.1", List.of("OTIO_SCHEMA", "rate", "value"));

    private static final Set<String> COLORS =
            Set.of("PINK", "RED", "ORANGE", "YELLOW", "GREEN", "CYAN", "BLUE", "PURPLE", "MAGENTA", "BLACK", "WHITE");

    record Range(double rate, long start, long duration) {}

    record Marker(String name, String color, Range range, String comment, JsonNode metadata) {}

    /**
     * An item on a track.
     *
     * @param at        where it starts on its track (the durations before it)
     * @param targetUrl the active media reference's URL; null for a gap
     */
    record Item(
            String schema,
            String name,
            Range source,
            long at,
            String targetUrl,
            Range available,
            List<Marker> markers,
            JsonNode metadata) {}

    record Track(String name, String kind, List<Item> items) {}

    record Timeline(String name, double rate, List<Track> tracks, List<Marker> markers, JsonNode metadata) {}

    private OtioReader() {}

    static Timeline read(String json) throws IOException {
        JsonNode root = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .readTree(json);
        checkSchemas(root, "$");
        assertThat(schema(root)).isEqualTo("Timeline.1");
        JsonNode stack = root.get("tracks");
        assertThat(schema(stack)).isEqualTo("Stack.1");
        List<Track> tracks = new ArrayList<>();
        for (JsonNode track : stack.get("children")) {
            assertThat(schema(track)).isEqualTo("Track.1");
            List<Item> items = new ArrayList<>();
            long at = 0;
            for (JsonNode item : track.get("children")) {
                Range source = range(item.get("source_range"));
                String url = null;
                Range available = null;
                if (schema(item).equals("Clip.2")) {
                    String key = item.get("active_media_reference_key").asText();
                    JsonNode reference = item.get("media_references").get(key);
                    assertThat(reference)
                            .as("the active media reference %s", key)
                            .isNotNull();
                    assertThat(schema(reference)).isEqualTo("ExternalReference.1");
                    url = reference.get("target_url").asText();
                    available = range(reference.get("available_range"));
                } else {
                    assertThat(schema(item)).isEqualTo("Gap.1");
                }
                items.add(new Item(
                        schema(item),
                        item.get("name").asText(),
                        source,
                        at,
                        url,
                        available,
                        markers(item),
                        item.get("metadata")));
                at += source.duration();
            }
            tracks.add(new Track(track.get("name").asText(), track.get("kind").asText(), items));
        }
        JsonNode start = root.get("global_start_time");
        return new Timeline(
                root.get("name").asText(), start.get("rate").asDouble(), tracks, markers(stack), root.get("metadata"));
    }

    private static List<Marker> markers(JsonNode owner) {
        List<Marker> markers = new ArrayList<>();
        for (JsonNode m : owner.get("markers")) {
            assertThat(schema(m)).isEqualTo("Marker.2");
            assertThat(COLORS).contains(m.get("color").asText());
            markers.add(new Marker(
                    m.get("name").asText(),
                    m.get("color").asText(),
                    range(m.get("marked_range")),
                    m.get("comment").asText(),
                    m.get("metadata")));
        }
        return markers;
    }

    private static Range range(JsonNode range) {
        assertThat(schema(range)).isEqualTo("TimeRange.1");
        JsonNode start = range.get("start_time");
        JsonNode duration = range.get("duration");
        assertThat(start.get("rate").asDouble()).isEqualTo(duration.get("rate").asDouble());
        return new Range(start.get("rate").asDouble(), frames(start), frames(duration));
    }

    private static long frames(JsonNode time) {
        assertThat(schema(time)).isEqualTo("RationalTime.1");
        double value = time.get("value").asDouble();
        assertThat(value).as("a whole frame").isEqualTo(Math.rint(value));
        assertThat(time.get("rate").asDouble()).isPositive();
        return (long) value;
    }

    private static String schema(JsonNode node) {
        return node.get("OTIO_SCHEMA").asText();
    }

    /** Every object with OTIO_SCHEMA is a known schema with exactly its fields (metadata is free). */
    private static void checkSchemas(JsonNode node, String where) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) checkSchemas(node.get(i), where + "[" + i + "]");
            return;
        }
        if (!node.isObject()) return;
        if (node.has("OTIO_SCHEMA")) {
            String schema = schema(node);
            assertThat(SCHEMAS).as("schema at %s", where).containsKey(schema);
            Set<String> fields = new TreeSet<>();
            node.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as("fields of %s at %s", schema, where).isEqualTo(new TreeSet<>(SCHEMAS.get(schema)));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("metadata")) checkSchemas(field.getValue(), where + "." + field.getKey());
        }
    }
}
