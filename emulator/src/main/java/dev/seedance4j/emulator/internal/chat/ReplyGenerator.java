package dev.seedance4j.emulator.internal.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.emulator.internal.chat.SourceText.Unit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deterministic "model": the same request gives the same reply. The reply is built from the last user message
 * ({@link SourceText}) and honours the request: {@code json_schema} gets an instance of the schema
 * ({@link InstanceGenerator}); {@code json_object} gets an instance of a JSON Schema written in the messages, else
 * an object shaped like a JSON example in the system messages, else {@code {"summary", "items"}}; text gets prose
 * (or a fenced JSON block when the messages ask for JSON and show a schema or an example, as models do in
 * prompt-only mode); {@code tool_choice} {@code required} or a named function, or {@code auto} with a function
 * whose name the last user message mentions, gets a tool call with generated arguments. With thinking enabled a
 * short {@code reasoning_content} comes first, longer with a higher {@code reasoning_effort}.
 */
final class ReplyGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A generated reply before limits and faults. {@code schema} is what the JSON content must conform to. */
    record Reply(String content, String reasoning, ToolCall toolCall, JsonNode schema, boolean fenced, long seed) {

        boolean json() {
            return schema != null || fenced;
        }
    }

    /** A function call: its name and its arguments as a JSON string. */
    record ToolCall(String id, String name, String arguments) {}

    Reply generate(ChatRequest request) {
        SourceText source = SourceText.of(request.lastUserText());
        long seed = seed(request.body());
        String reasoning = request.thinking().equals("enabled") && !"minimal".equals(request.reasoningEffort())
                ? reasoning(request, source)
                : null;
        ChatRequest.Tool tool = tool(request, source);
        if (tool != null) {
            JsonNode arguments = tool.parameters() == null
                    ? NODES.objectNode()
                    : new InstanceGenerator(tool.parameters(), source, seed).generate();
            String id = "call_" + Long.toHexString(seed & 0xFFFFFFFFFFFFL);
            return new Reply(
                    "", reasoning, new ToolCall(id, tool.name(), write(arguments)), tool.parameters(), false, seed);
        }
        switch (request.responseType()) {
            case "json_schema" -> {
                JsonNode instance = new InstanceGenerator(request.schema(), source, seed).generate();
                return new Reply(write(instance), reasoning, null, request.schema(), false, seed);
            }
            case "json_object" -> {
                JsonNode schema = schemaInMessages(request);
                if (schema == null) schema = defaultObjectSchema();
                JsonNode instance = new InstanceGenerator(schema, source, seed).generate();
                return new Reply(write(instance), reasoning, null, schema, false, seed);
            }
            default -> {
                JsonNode schema = mentionsJson(request) ? schemaInMessages(request) : null;
                if (schema != null) {
                    JsonNode instance = new InstanceGenerator(schema, source, seed).generate();
                    return new Reply("```json\n" + pretty(instance) + "\n```", reasoning, null, schema, true, seed);
                }
                return new Reply(prose(source), reasoning, null, null, false, seed);
            }
        }
    }

    /** The function to call, or null for a normal answer. */
    private static ChatRequest.Tool tool(ChatRequest request, SourceText source) {
        List<ChatRequest.Tool> tools = request.tools();
        return switch (request.toolChoice()) {
            case "required" -> tools.get(0);
            case "function" ->
                tools.stream()
                        .filter(t -> t.name().equals(request.toolChoiceName()))
                        .findFirst()
                        .orElseThrow();
            case "auto" ->
                tools.stream()
                        .filter(t -> source.message.contains(t.name()))
                        .findFirst()
                        .orElse(null);
            default -> null;
        };
    }

    /** A JSON Schema written in the messages (latest first), else one inferred from a JSON example in them. */
    private static JsonNode schemaInMessages(ChatRequest request) {
        List<ChatRequest.Message> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            for (JsonNode value : SourceText.embeddedJson(messages.get(i).text())) {
                if (SourceText.isSchema(value)) return value;
            }
        }
        // An example of the answer's shape sits with the instructions, not in the input (the last user message).
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) if (messages.get(i).role().equals("user")) lastUser = i;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (i == lastUser) continue;
            List<JsonNode> values = SourceText.embeddedJson(messages.get(i).text());
            if (!values.isEmpty()) return schemaOf(values.get(0));
        }
        return null;
    }

    /** A schema every value of the example's shape conforms to; all properties required, as the example shows. */
    static JsonNode schemaOf(JsonNode example) {
        ObjectNode schema = NODES.objectNode();
        switch (Schemas.kind(example)) {
            case "object" -> {
                schema.put("type", "object");
                ObjectNode properties = schema.putObject("properties");
                ArrayNode required = schema.putArray("required");
                for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    properties.set(field.getKey(), schemaOf(field.getValue()));
                    required.add(field.getKey());
                }
            }
            case "array" -> {
                schema.put("type", "array");
                schema.set("items", example.isEmpty() ? NODES.objectNode() : schemaOf(example.get(0)));
            }
            case "null" -> schema.put("type", "string");
            default -> schema.put("type", Schemas.kind(example));
        }
        return schema;
    }

    private static JsonNode defaultObjectSchema() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("summary").put("type", "string");
        properties.putObject("items").put("type", "array").putObject("items").put("type", "string");
        schema.putArray("required").add("summary").add("items");
        return schema;
    }

    private static boolean mentionsJson(ChatRequest request) {
        return request.messages().stream()
                .anyMatch(m -> m.text().toLowerCase(Locale.ROOT).contains("json"));
    }

    private static String prose(SourceText source) {
        StringBuilder text = new StringBuilder(source.cjk ? "好的，以下是对输入的逐条整理：" : "Here is the input, item by item:");
        if (source.units.isEmpty()) return source.cjk ? "好的。" : "OK.";
        for (Unit unit : source.units) {
            String item = unit.full();
            if (item.codePointCount(0, item.length()) > 80)
                item = item.substring(0, item.offsetByCodePoints(0, 80)) + "…";
            text.append('\n').append(unit.index() + 1).append(". ").append(item);
        }
        return text.toString();
    }

    /** One sentence at low effort, two at medium (the default), four at high. */
    private static String reasoning(ChatRequest request, SourceText source) {
        String effort = request.reasoningEffort() == null ? "medium" : request.reasoningEffort();
        int sentences = switch (effort) {
            case "low" -> 1;
            case "high" -> 4;
            default -> 2;
        };
        String task = switch (request.responseType()) {
            case "json_schema" ->
                source.cjk ? "输出符合给定 JSON Schema 的 JSON" : "answer with JSON that fits the given schema";
            case "json_object" -> source.cjk ? "输出一个 JSON 对象" : "answer with a JSON object";
            default -> source.cjk ? "逐条整理输入" : "go through the input item by item";
        };
        List<String> parts = new ArrayList<>();
        parts.add(
                source.cjk
                        ? "用户给出了" + source.units.size() + "条输入，需要" + task + "。"
                        : "The user gave " + source.units.size() + " items and wants me to " + task + ".");
        parts.add(source.cjk ? "我按顺序处理每一条，保留编号、说话人和原文。" : "I keep their order, ids, speakers and wording.");
        parts.add(source.cjk ? "每一条输入都要出现在输出里，不遗漏也不重复。" : "Every item must appear once in the answer.");
        parts.add(source.cjk ? "最后检查字段的类型和取值范围。" : "Finally I check each field's type and range.");
        return String.join(source.cjk ? "" : " ", parts.subList(0, sentences));
    }

    /** A seed from everything in the request that shapes the reply, but not its limits or transport. */
    static long seed(JsonNode body) {
        ObjectNode shape = ((ObjectNode) body).deepCopy();
        shape.remove(List.of("stream", "stream_options", "max_tokens", "max_completion_tokens", "stop"));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonical(shape).getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 8; i++) seed = (seed << 8) | (digest[i] & 0xFF);
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** JSON text with object keys sorted, so that key order does not change the seed. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
            StringBuilder text = new StringBuilder("{");
            sorted.forEach((key, value) -> text.append(NODES.textNode(key))
                    .append(':')
                    .append(canonical(value))
                    .append(','));
            return text.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder("[");
            node.forEach(item -> text.append(canonical(item)).append(','));
            return text.append(']').toString();
        }
        return node.toString();
    }

    static String write(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pretty(JsonNode value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
