package dev.seedance4j.studio.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.ContentItem;
import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.internal.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The request as stored in {@code tasks.request_json}: the wire field names and values, with inline files
 * (data URLs, possibly megabytes) replaced by their type and SHA-256 so the database stays small and readable.
 */
final class RequestJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestJson() {}

    static String describe(CreateTaskRequest r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", r.model().id());
        ArrayNode content = root.putArray("content");
        for (ContentItem item : r.content()) {
            ObjectNode node = content.addObject().put("type", item.type());
            if (item instanceof ContentItem.Text t) {
                node.put("text", t.text());
            } else if (item instanceof ContentItem.Image i) {
                node.putObject("image_url").put("url", url(i.media()));
                node.put("role", i.role() == null ? null : i.role().value());
            } else if (item instanceof ContentItem.Video v) {
                node.putObject("video_url").put("url", url(v.media()));
                node.put("role", v.role() == null ? null : v.role().value());
            } else if (item instanceof ContentItem.Audio a) {
                node.putObject("audio_url").put("url", url(a.media()));
                node.put("role", a.role() == null ? null : a.role().value());
            }
        }
        put(root, "return_last_frame", r.returnLastFrame());
        put(root, "generate_audio", r.generateAudio());
        put(root, "resolution", r.resolution() == null ? null : r.resolution().value());
        put(root, "ratio", r.ratio() == null ? null : r.ratio().value());
        put(root, "duration", r.duration());
        put(root, "seed", r.seed());
        put(root, "watermark", r.watermark());
        return root.toString();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new StudioException("unreadable request_json in the state database: " + e.getMessage(), e);
        }
    }

    private static String url(Media media) {
        if (!media.isInline()) {
            return media.url();
        }
        String url = media.url();
        int comma = url.indexOf(',');
        return url.substring(0, comma) + ";sha256=" + Hashing.sha256(url.getBytes(StandardCharsets.US_ASCII));
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.putPOJO(field, value);
        }
    }
}
