package dev.seedance4j.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable chat completion request ({@code POST /chat/completions}, OpenAI-compatible). A {@code null}
 * parameter is not sent, so the service default applies.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder(Model.of("doubao-seed-1-6-250615"))
 *         .system("你是分镜师。只输出 JSON。")
 *         .user("把这一场拆成镜头：……")
 *         .responseFormat(ResponseFormat.jsonSchema("storyboard", schema, true))
 *         .thinking(Thinking.DISABLED)          // several times faster for JSON
 *         .maxCompletionTokens(8000)
 *         .build();
 * }</pre>
 *
 * <p>Streaming, tools and {@code tool_choice} are not part of this typed API.
 *
 * @param model               {@code model}: model id or endpoint id ({@code ep-…})
 * @param messages            {@code messages}
 * @param temperature         {@code temperature} within [0, 2] (service default 1)
 * @param topP                {@code top_p} within [0, 1] (service default 0.7)
 * @param maxTokens           {@code max_tokens}: the answer (service default 4096); not with
 *                            {@code maxCompletionTokens}
 * @param maxCompletionTokens {@code max_completion_tokens} within [0, 65 536]: answer plus reasoning
 * @param stop                {@code stop} sequences
 * @param responseFormat      {@code response_format}
 * @param thinking            {@code thinking.type} (Ark)
 * @param reasoningEffort     {@code reasoning_effort} (Ark)
 * @param serviceTier         {@code service_tier}: {@code auto} or {@code default}
 */
public record ChatRequest(
        Model model,
        List<ChatMessage> messages,
        Double temperature,
        Double topP,
        Integer maxTokens,
        Integer maxCompletionTokens,
        List<String> stop,
        ResponseFormat responseFormat,
        Thinking thinking,
        ReasoningEffort reasoningEffort,
        ServiceTier serviceTier) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = stop == null ? null : List.copyOf(stop);
    }

    /** A builder for {@code model}. */
    public static Builder builder(Model model) {
        return new Builder(model);
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.messages.addAll(messages);
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.maxCompletionTokens = maxCompletionTokens;
        b.stop = stop == null ? null : new ArrayList<>(stop);
        b.responseFormat = responseFormat;
        b.thinking = thinking;
        b.reasoningEffort = reasoningEffort;
        b.serviceTier = serviceTier;
        return b;
    }

    /** Builds a {@link ChatRequest}; messages keep the order they were added in. */
    public static final class Builder {
        private Model model;
        private final List<ChatMessage> messages = new ArrayList<>();
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private Integer maxCompletionTokens;
        private List<String> stop;
        private ResponseFormat responseFormat;
        private Thinking thinking;
        private ReasoningEffort reasoningEffort;
        private ServiceTier serviceTier;

        private Builder(Model model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Adds a message. */
        public Builder message(ChatMessage message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /** Adds a {@code system} message. */
        public Builder system(String content) {
            return message(ChatMessage.system(content));
        }

        /** Adds a {@code user} message. */
        public Builder user(String content) {
            return message(ChatMessage.user(content));
        }

        /** Adds an {@code assistant} message (an earlier answer, e.g. before asking for a repair). */
        public Builder assistant(String content) {
            return message(ChatMessage.assistant(content));
        }

        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(double topP) {
            this.topP = topP;
            return this;
        }

        /** The most answer tokens; clears {@link #maxCompletionTokens} (the two may not be sent together). */
        public Builder maxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            this.maxCompletionTokens = null;
            return this;
        }

        /** The most answer plus reasoning tokens; clears {@link #maxTokens}. */
        public Builder maxCompletionTokens(int maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            this.maxTokens = null;
            return this;
        }

        public Builder stop(String... stop) {
            this.stop = new ArrayList<>(Arrays.asList(stop));
            return this;
        }

        public Builder responseFormat(ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder thinking(Thinking thinking) {
            this.thinking = thinking;
            return this;
        }

        public Builder reasoningEffort(ReasoningEffort reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        public Builder serviceTier(ServiceTier serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(
                    model,
                    messages,
                    temperature,
                    topP,
                    maxTokens,
                    maxCompletionTokens,
                    stop,
                    responseFormat,
                    thinking,
                    reasoningEffort,
                    serviceTier);
        }
    }
}
