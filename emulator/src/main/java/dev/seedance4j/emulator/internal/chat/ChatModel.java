package dev.seedance4j.emulator.internal.chat;

import dev.seedance4j.emulator.internal.genai.ModelTable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What one chat model accepts, a row of {@code chat-models.txt} (see that file for the columns and their sources).
 */
public record ChatModel(
        String id,
        boolean jsonSchema,
        boolean jsonObject,
        Set<String> thinking,
        String thinkingDefault,
        boolean reasoningEffort,
        long maxTokens,
        long maxCompletionTokens,
        boolean vision,
        long rpm,
        long tpm) {

    static final Set<String> THINKING_TYPES = Set.of("enabled", "disabled", "auto");

    /** The shipped table with the user's file (or null) over it. */
    public static Map<String, ChatModel> table(Path override) {
        return ModelTable.load(ChatModel.class, "chat-models.txt", override, ChatModel::of);
    }

    private static ChatModel of(ModelTable.Row row) {
        Set<String> thinking = row.set("thinking");
        if (!THINKING_TYPES.containsAll(thinking)) throw row.bad("has thinking types outside enabled,disabled,auto");
        String thinkingDefault = row.text("thinking_default");
        if (!thinking.contains(thinkingDefault)) throw row.bad("has a thinking_default it does not accept");
        return new ChatModel(
                row.text("id"),
                row.yes("json_schema"),
                row.yes("json_object"),
                thinking,
                thinkingDefault,
                row.yes("reasoning_effort"),
                row.number("max_tokens"),
                row.number("max_completion_tokens"),
                row.yes("vision"),
                row.number("rpm"),
                row.number("tpm"));
    }
}
