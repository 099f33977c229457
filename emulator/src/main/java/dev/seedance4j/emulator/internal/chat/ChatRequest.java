package dev.seedance4j.emulator.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A chat completion request that passed validation.
 *
 * @param requestedModel      {@code model} as sent (a model id or a configured endpoint id)
 * @param model               the model it resolved to
 * @param messages            the conversation
 * @param maxTokens           {@code max_tokens} (the answer only), or null
 * @param maxCompletionTokens {@code max_completion_tokens} (answer plus reasoning), or null
 * @param stop                stop sequences, possibly empty
 * @param responseType        {@code text}, {@code json_object} or {@code json_schema}
 * @param schema              the {@code json_schema.schema}, or null
 * @param tools               function tools, possibly empty
 * @param toolChoice          {@code none}, {@code auto}, {@code required} or {@code function}
 * @param toolChoiceName      the function {@code tool_choice} names, or null
 * @param thinking            the effective thinking type ({@code enabled} or {@code disabled})
 * @param reasoningEffort     {@code reasoning_effort}, or null
 * @param serviceTier         {@code auto} or {@code default} as asked
 * @param body                the request body, for the seed of the reply
 */
record ChatRequest(
        String requestedModel,
        ChatModel model,
        List<Message> messages,
        Long maxTokens,
        Long maxCompletionTokens,
        List<String> stop,
        boolean stream,
        boolean includeUsage,
        String responseType,
        JsonNode schema,
        List<Tool> tools,
        String toolChoice,
        String toolChoiceName,
        String thinking,
        String reasoningEffort,
        String serviceTier,
        JsonNode body) {

    /** One message: its role, its text parts joined, and how many image parts it had. */
    record Message(String role, String text, int images) {}

    /** A function tool. {@code parameters} may be null. */
    record Tool(String name, String description, JsonNode parameters) {}

    ChatRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
        tools = List.copyOf(tools);
    }

    /** The last user message, or the last message of any role when there is no user message. */
    String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) return messages.get(i).text();
        }
        return messages.get(messages.size() - 1).text();
    }
}
