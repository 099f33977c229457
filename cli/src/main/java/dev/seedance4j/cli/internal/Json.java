package dev.seedance4j.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.seedance4j.client.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON output for machines: one document, or one document per line with {@code --json-lines}. */
public final class Json {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {}

    public static String pretty(Object value) {
        return write(PRETTY, value);
    }

    public static String line(Object value) {
        return write(COMPACT, value);
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    /** A task in the service's own field names, leaving out what is absent. */
    public static Map<String, Object> task(Task task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", task.id());
        put(m, "model", task.model() == null ? null : task.model().id());
        put(m, "status", task.status() == null ? null : task.status().value());
        if (task.error() != null)
            m.put(
                    "error",
                    Map.of("code", task.error().code(), "message", task.error().message()));
        put(m, "created_at", task.createdAt() == null ? null : task.createdAt().getEpochSecond());
        put(m, "updated_at", task.updatedAt() == null ? null : task.updatedAt().getEpochSecond());
        if (task.videoUrl() != null || task.lastFrameUrl() != null) {
            Map<String, Object> content = new LinkedHashMap<>();
            put(content, "video_url", task.videoUrl());
            put(content, "last_frame_url", task.lastFrameUrl());
            m.put("content", content);
        }
        put(m, "seed", task.seed());
        put(
                m,
                "resolution",
                task.resolution() == null ? null : task.resolution().value());
        put(m, "ratio", task.ratio() == null ? null : task.ratio().value());
        put(m, "duration", task.duration());
        put(m, "generate_audio", task.generateAudio());
        put(
                m,
                "service_tier",
                task.serviceTier() == null ? null : task.serviceTier().value());
        if (task.usage() != null) {
            m.put(
                    "usage",
                    Map.of(
                            "completion_tokens",
                            task.usage().completionTokens(),
                            "total_tokens",
                            task.usage().totalTokens()));
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
