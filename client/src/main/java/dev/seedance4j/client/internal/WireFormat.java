package dev.seedance4j.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.ChatChoice;
import dev.seedance4j.client.ChatMessage;
import dev.seedance4j.client.ChatRequest;
import dev.seedance4j.client.ChatResponse;
import dev.seedance4j.client.ChatUsage;
import dev.seedance4j.client.ContentItem;
import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.FinishReason;
import dev.seedance4j.client.GeneratedImage;
import dev.seedance4j.client.ImageRequest;
import dev.seedance4j.client.ImageResponse;
import dev.seedance4j.client.ImageUsage;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Ratio;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.ResponseFormat;
import dev.seedance4j.client.ServiceTier;
import dev.seedance4j.client.Task;
import dev.seedance4j.client.TaskError;
import dev.seedance4j.client.TaskPage;
import dev.seedance4j.client.TaskStatus;
import dev.seedance4j.client.Tool;
import dev.seedance4j.client.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Maps between the public types and the wire JSON of the contract. Written by hand on Jackson's tree model so that
 * the JSON is exactly the contract's (unset fields omitted, field order stable) and the public types carry no
 * Jackson annotations. Reading is lenient: unknown fields are ignored, {@code null} and absent are the same.
 */
public final class WireFormat {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private WireFormat() {}

    /** The create body of {@code request}. */
    public static ObjectNode createBody(CreateTaskRequest r) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", r.model().id());
        ArrayNode content = body.putArray("content");
        for (ContentItem item : r.content()) {
            content.add(contentItem(item));
        }
        putIfSet(body, "callback_url", r.callbackUrl());
        putIfSet(body, "return_last_frame", r.returnLastFrame());
        putIfSet(
                body,
                "service_tier",
                r.serviceTier() == null ? null : r.serviceTier().value());
        if (r.executionExpiresAfter() != null) {
            body.put("execution_expires_after", r.executionExpiresAfter().getSeconds());
        }
        putIfSet(body, "generate_audio", r.generateAudio());
        putIfSet(body, "draft", r.draft());
        if (r.tools() != null) {
            ArrayNode tools = body.putArray("tools");
            r.tools().forEach(t -> tools.addObject().put("type", t.type()));
        }
        putIfSet(body, "safety_identifier", r.safetyIdentifier());
        if (r.priority() != null) {
            body.put("priority", r.priority());
        }
        putIfSet(
                body,
                "resolution",
                r.resolution() == null ? null : r.resolution().value());
        putIfSet(body, "ratio", r.ratio() == null ? null : r.ratio().value());
        if (r.duration() != null) {
            body.put("duration", r.duration());
        }
        if (r.frames() != null) {
            body.put("frames", r.frames());
        }
        if (r.seed() != null) {
            body.put("seed", r.seed());
        }
        putIfSet(body, "camera_fixed", r.cameraFixed());
        putIfSet(body, "watermark", r.watermark());
        putIfSet(body, "output_format", r.outputFormat());
        putIfSet(body, "omni_reference_task_type", r.omniReferenceTaskType());
        return body;
    }

    private static ObjectNode contentItem(ContentItem item) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", item.type());
        if (item instanceof ContentItem.Text text) {
            node.put("text", text.text());
        } else if (item instanceof ContentItem.Image image) {
            media(
                    node,
                    "image_url",
                    image.media(),
                    image.role() == null ? null : image.role().value());
        } else if (item instanceof ContentItem.Video video) {
            media(
                    node,
                    "video_url",
                    video.media(),
                    video.role() == null ? null : video.role().value());
        } else if (item instanceof ContentItem.Audio audio) {
            media(
                    node,
                    "audio_url",
                    audio.media(),
                    audio.role() == null ? null : audio.role().value());
        } else if (item instanceof ContentItem.DraftTask draft) {
            node.putObject("draft_task").put("id", draft.taskId());
        }
        return node;
    }

    private static void media(ObjectNode node, String key, Media media, String role) {
        node.putObject(key).put("url", media.url());
        putIfSet(node, "role", role);
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void putIfSet(ObjectNode node, String key, Boolean value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    /** The body of a chat completion request (never streamed). */
    public static ObjectNode chatBody(ChatRequest r) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", r.model().id());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : r.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        if (r.temperature() != null) {
            body.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            body.put("top_p", r.topP());
        }
        if (r.maxTokens() != null) {
            body.put("max_tokens", r.maxTokens());
        }
        if (r.maxCompletionTokens() != null) {
            body.put("max_completion_tokens", r.maxCompletionTokens());
        }
        if (r.stop() != null) {
            ArrayNode stop = body.putArray("stop");
            r.stop().forEach(stop::add);
        }
        ResponseFormat format = r.responseFormat();
        if (format != null) {
            ObjectNode node = body.putObject("response_format").put("type", format.type());
            if (format.schema() != null) {
                ObjectNode schema = node.putObject("json_schema");
                putIfSet(schema, "name", format.name());
                try {
                    schema.set("schema", MAPPER.readTree(format.schema()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a ResponseFormat checked its schema when it was made", e);
                }
                putIfSet(schema, "strict", format.strict());
            }
        }
        if (r.thinking() != null) {
            body.putObject("thinking").put("type", r.thinking().type());
        }
        putIfSet(
                body,
                "reasoning_effort",
                r.reasoningEffort() == null ? null : r.reasoningEffort().value());
        putIfSet(
                body,
                "service_tier",
                r.serviceTier() == null ? null : r.serviceTier().value());
        return body;
    }

    /** Parses a chat completion. */
    public static ChatResponse chatResponse(JsonNode n, int unansweredAttempts) {
        List<ChatChoice> choices = new ArrayList<>();
        JsonNode array = n.get("choices");
        if (array != null && array.isArray()) {
            for (JsonNode c : array) {
                JsonNode message = c.path("message");
                Integer index = intValue(c, "index");
                choices.add(new ChatChoice(
                        index == null ? choices.size() : index,
                        text(message, "role"),
                        text(message, "content"),
                        text(message, "reasoning_content"),
                        map(text(c, "finish_reason"), FinishReason::of)));
            }
        }
        JsonNode u = n.get("usage");
        ChatUsage usage = null;
        if (u != null && u.isObject()) {
            usage = new ChatUsage(
                    orZero(longValue(u, "prompt_tokens")),
                    orZero(longValue(u, "completion_tokens")),
                    orZero(longValue(u, "total_tokens")),
                    longValue(u.path("completion_tokens_details"), "reasoning_tokens"));
        }
        return new ChatResponse(
                text(n, "id"),
                map(text(n, "model"), Model::of),
                instant(n, "created"),
                choices,
                usage,
                map(text(n, "service_tier"), ServiceTier::of),
                unansweredAttempts);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /**
     * The body of an image generation request. {@code image} is a string for one reference and an array for
     * several; {@code max_images} goes into {@code sequential_image_generation_options} under that name (the
     * official Java SDK's field lacks its {@code @JsonProperty}); {@code size} and {@code watermark} are always sent.
     */
    public static ObjectNode imageBody(ImageRequest r) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", r.model().id());
        body.put("prompt", r.prompt());
        if (r.images().size() == 1) {
            body.put("image", r.images().get(0).url());
        } else if (!r.images().isEmpty()) {
            ArrayNode images = body.putArray("image");
            r.images().forEach(m -> images.add(m.url()));
        }
        body.put("size", r.size().value());
        putIfSet(body, "sequential_image_generation", r.sequentialGeneration());
        if (r.maxImages() != null) {
            body.putObject("sequential_image_generation_options").put("max_images", r.maxImages());
        }
        putIfSet(
                body,
                "response_format",
                r.responseFormat() == null ? null : r.responseFormat().value());
        if (r.seed() != null) {
            body.put("seed", r.seed());
        }
        body.put("watermark", r.watermark());
        if (r.guidanceScale() != null) {
            body.put("guidance_scale", r.guidanceScale());
        }
        if (r.optimizePromptMode() != null) {
            body.putObject("optimize_prompt_options").put("mode", r.optimizePromptMode());
        }
        putIfSet(body, "output_format", r.outputFormat());
        return body;
    }

    /** Parses an image generation answer. */
    public static ImageResponse imageResponse(JsonNode n, int unansweredAttempts) {
        List<GeneratedImage> data = new ArrayList<>();
        JsonNode array = n.get("data");
        if (array != null && array.isArray()) {
            for (JsonNode d : array) {
                data.add(new GeneratedImage(
                        text(d, "url"), text(d, "b64_json"), text(d, "size"), error(d.get("error"))));
            }
        }
        JsonNode u = n.get("usage");
        ImageUsage usage = u == null || !u.isObject()
                ? null
                : new ImageUsage(
                        (int) orZero(longValue(u, "generated_images")),
                        orZero(longValue(u, "output_tokens")),
                        orZero(longValue(u, "total_tokens")));
        return new ImageResponse(
                map(text(n, "model"), Model::of),
                instant(n, "created"),
                data,
                usage,
                error(n.get("error")),
                unansweredAttempts);
    }

    /** Serialises a body. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Parses a task object. */
    public static Task task(JsonNode n) {
        JsonNode content = n.path("content");
        return new Task(
                text(n, "id"),
                map(text(n, "model"), Model::of),
                map(text(n, "status"), TaskStatus::of),
                error(n.get("error")),
                instant(n, "created_at"),
                instant(n, "updated_at"),
                text(content, "video_url"),
                text(content, "last_frame_url"),
                text(content, "file_url"),
                longValue(n, "seed"),
                map(text(n, "resolution"), Resolution::of),
                map(text(n, "ratio"), Ratio::of),
                intValue(n, "duration"),
                intValue(n, "frames"),
                intValue(n, "framespersecond"),
                bool(n, "generate_audio"),
                bool(n, "draft"),
                text(n, "draft_task_id"),
                tools(n.get("tools")),
                text(n, "safety_identifier"),
                map(text(n, "service_tier"), ServiceTier::of),
                longValue(n, "execution_expires_after"),
                intValue(n, "priority"),
                text(n, "output_format"),
                usage(n.get("usage")),
                text(n, "revised_prompt"),
                text(n, "subdivisionlevel"),
                text(n, "fileformat"));
    }

    /** Parses a list response. */
    public static TaskPage page(JsonNode n) {
        List<Task> items = new ArrayList<>();
        JsonNode array = n.get("items");
        if (array != null && array.isArray()) {
            array.forEach(item -> items.add(task(item)));
        }
        Long total = longValue(n, "total");
        return new TaskPage(total == null ? items.size() : total, items);
    }

    private static TaskError error(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        return new TaskError(text(n, "code"), text(n, "message"));
    }

    private static Usage usage(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        Long completion = longValue(n, "completion_tokens");
        Long total = longValue(n, "total_tokens");
        JsonNode tools = n.get("tool_usage");
        Integer webSearch = tools == null ? null : intValue(tools, "web_search");
        return new Usage(completion == null ? 0 : completion, total == null ? 0 : total, webSearch);
    }

    private static List<Tool> tools(JsonNode n) {
        if (n == null || !n.isArray()) {
            return null;
        }
        List<Tool> tools = new ArrayList<>();
        n.forEach(t -> {
            String type = text(t, "type");
            if (type != null) {
                tools.add(Tool.of(type));
            }
        });
        return tools;
    }

    private static <T> T map(String value, Function<String, T> of) {
        return value == null || value.isEmpty() ? null : of.apply(value);
    }

    /** A text field, or {@code null} when absent or null. */
    public static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Long longValue(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || !v.isNumber() ? null : v.asLong();
    }

    private static Integer intValue(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asInt();
    }

    private static Boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isBoolean() ? null : v.asBoolean();
    }

    private static Instant instant(JsonNode n, String field) {
        Long seconds = longValue(n, field);
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }
}
