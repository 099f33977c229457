package dev.seedance4j.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules of a chat request (contract: chat completions), and what the model table says a model accepts. */
final class ChatRules {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final Set<String> THINKING = Set.of("enabled", "disabled", "auto");
    private static final Set<String> EFFORTS = Set.of("minimal", "low", "medium", "high");
    private static final Set<String> TIERS = Set.of("auto", "default");
    private static final Set<String> FORMATS = Set.of("text", "json_object", "json_schema");
    private static final int MAX_COMPLETION_TOKENS = 65_536;

    private ChatRules() {}

    static List<Violation> check(ChatRequest r, ChatModelSpec model) {
        List<Violation> v = new ArrayList<>();
        String on = " on " + r.model().id();
        if (r.messages().isEmpty()) {
            v.add(new Violation("messages", "[]", "must hold at least one message"));
        }
        for (int i = 0; i < r.messages().size(); i++) {
            ChatMessage m = r.messages().get(i);
            if (!ROLES.contains(m.role())) {
                v.add(new Violation("messages[" + i + "].role", m.role(), "must be system, user or assistant"));
            }
        }
        if (r.temperature() != null && !(r.temperature() >= 0 && r.temperature() <= 2)) {
            v.add(new Violation("temperature", String.valueOf(r.temperature()), "must be within [0, 2]"));
        }
        if (r.topP() != null && !(r.topP() >= 0 && r.topP() <= 1)) {
            v.add(new Violation("top_p", String.valueOf(r.topP()), "must be within [0, 1]"));
        }
        if (r.maxTokens() != null && r.maxCompletionTokens() != null) {
            v.add(new Violation(
                    "max_completion_tokens",
                    String.valueOf(r.maxCompletionTokens()),
                    "may not be sent together with max_tokens; give one of them"));
        }
        if (r.maxTokens() != null && r.maxTokens() < 1) {
            v.add(new Violation("max_tokens", String.valueOf(r.maxTokens()), "must be at least 1"));
        }
        if (r.maxCompletionTokens() != null
                && (r.maxCompletionTokens() < 0 || r.maxCompletionTokens() > MAX_COMPLETION_TOKENS)) {
            v.add(new Violation(
                    "max_completion_tokens",
                    String.valueOf(r.maxCompletionTokens()),
                    "must be within [0, " + MAX_COMPLETION_TOKENS + "]"));
        }
        if (r.stop() != null) {
            for (int i = 0; i < r.stop().size(); i++) {
                if (r.stop().get(i).isEmpty()) {
                    v.add(new Violation("stop[" + i + "]", "\"\"", "must not be empty"));
                }
            }
        }
        checkChoice(
                v, "thinking.type", r.thinking() == null ? null : r.thinking().type(), THINKING);
        checkChoice(
                v,
                "reasoning_effort",
                r.reasoningEffort() == null ? null : r.reasoningEffort().value(),
                EFFORTS);
        checkChoice(
                v,
                "service_tier",
                r.serviceTier() == null ? null : r.serviceTier().value(),
                TIERS);
        ResponseFormat format = r.responseFormat();
        if (format != null) {
            checkChoice(v, "response_format.type", format.type(), FORMATS);
            if (format.type().equals("json_schema")) {
                if (format.name() == null || format.name().isBlank() || format.schema() == null) {
                    v.add(new Violation("response_format.json_schema", format.type(), "needs a name and a schema"));
                }
                if (model != null && !model.jsonSchema()) {
                    v.add(new Violation(
                            "response_format.type",
                            "json_schema",
                            "is not accepted" + on + " (model table); use json_object"
                                    + (model.jsonObject() ? "" : " or prompt-only JSON")));
                }
            }
            if (format.type().equals("json_object")) {
                boolean saysJson = r.messages().stream()
                        .anyMatch(m -> m.content().toLowerCase(Locale.ROOT).contains("json"));
                if (!saysJson) {
                    v.add(new Violation(
                            "response_format.type",
                            "json_object",
                            "needs the word \"json\" in the messages (the service refuses it otherwise)"));
                }
                if (model != null && !model.jsonObject()) {
                    v.add(new Violation(
                            "response_format.type",
                            "json_object",
                            "is not accepted" + on + " (model table); ask for JSON in the prompt"));
                }
            }
        }
        return v;
    }

    private static void checkChoice(List<Violation> v, String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            v.add(new Violation(
                    field, value, "must be one of " + allowed.stream().sorted().toList()));
        }
    }
}
