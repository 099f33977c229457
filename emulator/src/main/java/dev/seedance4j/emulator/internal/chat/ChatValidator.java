package dev.seedance4j.emulator.internal.chat;

import static dev.seedance4j.emulator.internal.service.JsonFields.bool;
import static dev.seedance4j.emulator.internal.service.JsonFields.integer;
import static dev.seedance4j.emulator.internal.service.JsonFields.number;
import static dev.seedance4j.emulator.internal.service.JsonFields.present;
import static dev.seedance4j.emulator.internal.service.JsonFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.emulator.internal.service.ApiException;
import dev.seedance4j.emulator.internal.service.ChatModelSpec;
import dev.seedance4j.emulator.internal.service.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The chat request's rules (contract: {@code ark-chat-images-api.md}), checked as the service checks them: JSON
 * {@code null} is "absent", unknown fields are ignored, every error names its field ({@code param}) and the rule.
 * Whether a model accepts {@code json_schema}, which thinking types, and the token bounds come from the model table.
 */
final class ChatValidator {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private static final Set<String> EFFORTS = Set.of("minimal", "low", "medium", "high");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    /** Auto thinking thinks when the last user message is at least this long (UNCERTAIN: the service decides). */
    static final int AUTO_THINKING_TOKENS = 64;

    private final Function<String, Optional<ChatModelSpec>> models;
    private final Map<String, String> endpoints;

    ChatValidator(Function<String, Optional<ChatModelSpec>> models, Map<String, String> endpoints) {
        this.models = models;
        this.endpoints = endpoints;
    }

    ChatRequest validate(JsonNode body) {
        ChatModelSpec model = JsonFields.model(body, models, endpoints);
        String requestedModel = string(body, "model");
        List<ChatRequest.Message> messages = messages(body, model);
        number(body, "temperature", 0, 2);
        number(body, "top_p", 0, 1);
        Long maxTokens = integer(body, "max_tokens", "max_tokens", 1, model.maxTokens());
        Long maxCompletionTokens =
                integer(body, "max_completion_tokens", "max_completion_tokens", 0, model.maxCompletionTokens());
        if (maxTokens != null && maxCompletionTokens != null) {
            throw ApiException.invalid(
                    "max_completion_tokens",
                    "The parameters `max_tokens` and `max_completion_tokens` cannot both be set.");
        }
        List<String> stop = stop(body);
        boolean stream = bool(body, "stream", "stream", false);
        boolean includeUsage = false;
        JsonNode streamOptions = present(body, "stream_options");
        if (streamOptions != null) {
            if (!stream)
                throw ApiException.invalid("stream_options", "The parameter `stream_options` needs `stream: true`.");
            if (!streamOptions.isObject())
                throw ApiException.invalid("stream_options", "The parameter `stream_options` must be an object.");
            includeUsage = bool(streamOptions, "include_usage", "stream_options.include_usage", false);
        }
        String serviceTier = string(body, "service_tier");
        if (serviceTier != null && !serviceTier.equals("auto") && !serviceTier.equals("default"))
            throw ApiException.invalid("service_tier", "The parameter `service_tier` must be auto or default.");

        String responseType = "text";
        JsonNode schema = null;
        JsonNode format = present(body, "response_format");
        if (format != null) {
            if (!format.isObject())
                throw ApiException.invalid("response_format", "The parameter `response_format` must be an object.");
            responseType = string(format, "type", "response_format.type");
            if (responseType == null)
                throw ApiException.missing("response_format.type", "The parameter `response_format.type` is required.");
            switch (responseType) {
                case "text" -> {}
                case "json_object" -> {
                    unsupported(model.jsonObject(), model, responseType);
                    boolean mentionsJson = messages.stream()
                            .anyMatch(m -> m.text().toLowerCase(Locale.ROOT).contains("json"));
                    if (!mentionsJson) {
                        throw ApiException.invalid(
                                "messages",
                                "The word `json` must appear in the messages to use response_format type json_object.");
                    }
                }
                case "json_schema" -> {
                    unsupported(model.jsonSchema(), model, responseType);
                    schema = jsonSchema(format);
                }
                default ->
                    throw ApiException.invalid(
                            "response_format.type",
                            "The response_format type `" + responseType
                                    + "` is not one of text, json_object, json_schema.");
            }
        }
        List<ChatRequest.Tool> tools = tools(body);
        String toolChoice = tools.isEmpty() ? "none" : "auto";
        String toolChoiceName = null;
        JsonNode choice = present(body, "tool_choice");
        if (choice != null) {
            if (tools.isEmpty())
                throw ApiException.invalid("tool_choice", "The parameter `tool_choice` needs `tools`.");
            if (choice.isTextual() && Set.of("none", "auto", "required").contains(choice.asText())) {
                toolChoice = choice.asText();
            } else if (choice.isObject()
                    && "function".equals(choice.path("type").asText(null))) {
                toolChoiceName = choice.path("function").path("name").asText(null);
                String named = toolChoiceName;
                if (named == null || tools.stream().noneMatch(t -> t.name().equals(named))) {
                    throw ApiException.invalid(
                            "tool_choice.function.name", "The tool_choice names a function that is not in `tools`.");
                }
                toolChoice = "function";
            } else {
                throw ApiException.invalid(
                        "tool_choice",
                        "The parameter `tool_choice` must be none, auto, required or {\"type\":\"function\",...}.");
            }
        }
        String thinking = thinking(body, model, messages);
        String effort = string(body, "reasoning_effort");
        if (effort != null) {
            if (!EFFORTS.contains(effort))
                throw ApiException.invalid(
                        "reasoning_effort", "The parameter `reasoning_effort` must be minimal, low, medium or high.");
            if (!model.reasoningEffort())
                throw ApiException.invalid(
                        "reasoning_effort", "The model " + model.id() + " does not support reasoning_effort.");
        }
        return new ChatRequest(
                requestedModel,
                model,
                messages,
                maxTokens,
                maxCompletionTokens,
                stop,
                stream,
                includeUsage,
                responseType,
                schema,
                tools,
                toolChoice,
                toolChoiceName,
                thinking,
                effort,
                serviceTier == null ? "default" : serviceTier,
                body);
    }

    private static void unsupported(boolean supported, ChatModelSpec model, String type) {
        if (!supported) {
            throw ApiException.invalid(
                    "response_format.type",
                    "The response_format type " + type + " is not supported by model " + model.id() + ".");
        }
    }

    private static JsonNode jsonSchema(JsonNode format) {
        JsonNode spec = present(format, "json_schema");
        if (spec == null)
            throw ApiException.missing(
                    "response_format.json_schema", "The parameter `response_format.json_schema` is required.");
        if (!spec.isObject())
            throw ApiException.invalid(
                    "response_format.json_schema", "The parameter `response_format.json_schema` must be an object.");
        String name = string(spec, "name", "response_format.json_schema.name");
        if (name == null)
            throw ApiException.missing(
                    "response_format.json_schema.name",
                    "The parameter `response_format.json_schema.name` is required.");
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw ApiException.invalid(
                    "response_format.json_schema.name",
                    "The json_schema name must be 1 to 64 letters, digits, underscores or dashes.");
        }
        string(spec, "description", "response_format.json_schema.description");
        bool(spec, "strict", "response_format.json_schema.strict", false);
        JsonNode schema = present(spec, "schema");
        if (schema == null)
            throw ApiException.missing(
                    "response_format.json_schema.schema",
                    "The parameter `response_format.json_schema.schema` is required.");
        if (!schema.isObject())
            throw ApiException.invalid(
                    "response_format.json_schema.schema", "The json_schema schema must be a JSON Schema object.");
        JsonNode type = schema.get("type");
        if (type != null && !(type.isTextual() && Schemas.TYPES.contains(type.asText())) && !type.isArray()) {
            throw ApiException.invalid(
                    "response_format.json_schema.schema",
                    "The json_schema schema has an invalid `type`: " + type + ".");
        }
        return schema;
    }

    private static List<ChatRequest.Message> messages(JsonNode body, ChatModelSpec model) {
        JsonNode messages = present(body, "messages");
        if (messages == null) throw ApiException.missing("messages", "The parameter `messages` is required.");
        if (!messages.isArray() || messages.isEmpty())
            throw ApiException.invalid("messages", "The parameter `messages` must be a non-empty array.");
        List<ChatRequest.Message> result = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "messages[" + i + "]";
            if (!message.isObject()) throw ApiException.invalid(at, "Each message must be an object.");
            String role = string(message, "role", at + ".role");
            if (role == null) throw ApiException.missing(at + ".role", "The parameter `" + at + ".role` is required.");
            if (!ROLES.contains(role))
                throw ApiException.invalid(
                        at + ".role", "The role `" + role + "` is not one of system, user, assistant, tool.");
            if (role.equals("tool") && string(message, "tool_call_id", at + ".tool_call_id") == null)
                throw ApiException.missing(at + ".tool_call_id", "A tool message needs `tool_call_id`.");
            JsonNode content = present(message, "content");
            boolean toolCalls = present(message, "tool_calls") != null;
            if (content == null) {
                if (role.equals("assistant") && toolCalls) {
                    result.add(new ChatRequest.Message(role, "", 0));
                    continue;
                }
                throw ApiException.missing(at + ".content", "The parameter `" + at + ".content` is required.");
            }
            if (content.isTextual()) {
                result.add(new ChatRequest.Message(role, content.asText(), 0));
                continue;
            }
            if (!content.isArray())
                throw ApiException.invalid(at + ".content", "The content must be a string or an array of parts.");
            StringBuilder text = new StringBuilder();
            int images = 0;
            for (int p = 0; p < content.size(); p++) {
                JsonNode part = content.get(p);
                String partAt = at + ".content[" + p + "]";
                String type = part.isObject() ? string(part, "type", partAt + ".type") : null;
                if ("text".equals(type)) {
                    String partText = string(part, "text", partAt + ".text");
                    if (partText == null)
                        throw ApiException.missing(
                                partAt + ".text", "The parameter `" + partAt + ".text` is required.");
                    text.append(text.length() == 0 ? "" : "\n").append(partText);
                } else if ("image_url".equals(type)) {
                    if (!model.vision())
                        throw ApiException.invalid(
                                partAt + ".type", "The model " + model.id() + " does not accept images.");
                    String url = string(
                            present(part, "image_url") == null ? part : part.get("image_url"),
                            "url",
                            partAt + ".image_url.url");
                    if (url == null)
                        throw ApiException.missing(
                                partAt + ".image_url.url", "The parameter `" + partAt + ".image_url.url` is required.");
                    images++;
                } else {
                    throw ApiException.invalid(partAt + ".type", "The content part type must be text or image_url.");
                }
            }
            result.add(new ChatRequest.Message(role, text.toString(), images));
        }
        return result;
    }

    private static List<String> stop(JsonNode body) {
        JsonNode stop = present(body, "stop");
        if (stop == null) return List.of();
        if (stop.isTextual()) return stop.asText().isEmpty() ? List.of() : List.of(stop.asText());
        if (!stop.isArray() || stop.size() > 4)
            throw ApiException.invalid(
                    "stop", "The parameter `stop` must be a string or an array of at most 4 strings.");
        List<String> sequences = new ArrayList<>();
        for (JsonNode sequence : stop) {
            if (!sequence.isTextual()) throw ApiException.invalid("stop", "Each stop sequence must be a string.");
            if (!sequence.asText().isEmpty()) sequences.add(sequence.asText());
        }
        return sequences;
    }

    private static List<ChatRequest.Tool> tools(JsonNode body) {
        JsonNode tools = present(body, "tools");
        if (tools == null) return List.of();
        if (!tools.isArray()) throw ApiException.invalid("tools", "The parameter `tools` must be an array.");
        List<ChatRequest.Tool> result = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools[" + i + "]";
            if (!tool.isObject() || !"function".equals(tool.path("type").asText(null)))
                throw ApiException.invalid(at + ".type", "The only supported tool type is function.");
            JsonNode function = present(tool, "function");
            if (function == null || !function.isObject())
                throw ApiException.missing(at + ".function", "The parameter `" + at + ".function` is required.");
            String name = string(function, "name", at + ".function.name");
            if (name == null || !FUNCTION_NAME.matcher(name).matches())
                throw ApiException.invalid(
                        at + ".function.name",
                        "A function name must be 1 to 64 letters, digits, underscores or dashes.");
            JsonNode parameters = present(function, "parameters");
            if (parameters != null && !parameters.isObject())
                throw ApiException.invalid(
                        at + ".function.parameters", "The function parameters must be a JSON Schema object.");
            result.add(new ChatRequest.Tool(
                    name, string(function, "description", at + ".function.description"), parameters));
        }
        return result;
    }

    /** The effective thinking: as asked (when the model accepts it) or the model's default; auto decides here. */
    private static String thinking(JsonNode body, ChatModelSpec model, List<ChatRequest.Message> messages) {
        JsonNode thinking = present(body, "thinking");
        String type = model.thinkingDefault();
        if (thinking != null) {
            if (!thinking.isObject())
                throw ApiException.invalid("thinking", "The parameter `thinking` must be an object.");
            type = string(thinking, "type", "thinking.type");
            if (type == null) throw ApiException.missing("thinking.type", "The parameter `thinking.type` is required.");
            if (!ChatModelSpec.THINKING_TYPES.contains(type))
                throw ApiException.invalid("thinking.type", "The thinking type must be enabled, disabled or auto.");
            if (!model.thinking().contains(type))
                throw ApiException.invalid(
                        "thinking.type", "The model " + model.id() + " does not support thinking type " + type + ".");
        }
        if (!type.equals("auto")) return type;
        String last = messages.get(messages.size() - 1).text();
        return Tokens.count(last) >= AUTO_THINKING_TOKENS ? "enabled" : "disabled";
    }
}
