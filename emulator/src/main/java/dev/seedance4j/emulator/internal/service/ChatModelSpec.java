package dev.seedance4j.emulator.internal.service;

import java.util.List;
import java.util.Set;

/**
 * What one chat model accepts (ark-chat-images-api.md, chat completions), as the model table ({@code models.json})
 * gives it. JSON names are these names in snake_case.
 *
 * @param id                   model id as sent in {@code model}
 * @param name                 human name, e.g. "Seed 1.6"
 * @param aliases              other ids of the same model
 * @param sources              where the facts come from
 * @param uncertain            which facts no official source confirms
 * @param jsonSchema           {@code response_format: json_schema} accepted (else 400 {@code InvalidParameter})
 * @param jsonObject           {@code response_format: json_object} accepted
 * @param thinking             accepted {@code thinking.type} values ({@code enabled}, {@code disabled}, {@code auto})
 * @param thinkingDefault      the thinking type of a request that sends none
 * @param reasoningEffort      {@code reasoning_effort} accepted
 * @param maxTokens            upper bound of {@code max_tokens} (the answer only)
 * @param maxCompletionTokens  upper bound of {@code max_completion_tokens} (answer plus reasoning)
 * @param vision               {@code image_url} message parts accepted
 * @param rpm                  requests per minute (429 beyond)
 * @param tpm                  tokens per minute (429 beyond)
 */
public record ChatModelSpec(
        String id,
        String name,
        List<String> aliases,
        List<String> sources,
        String uncertain,
        boolean jsonSchema,
        boolean jsonObject,
        List<String> thinking,
        String thinkingDefault,
        boolean reasoningEffort,
        long maxTokens,
        long maxCompletionTokens,
        boolean vision,
        int rpm,
        long tpm)
        implements ModelTable.Entry<ChatModelSpec> {

    /** Every {@code thinking.type} the API knows. */
    public static final Set<String> THINKING_TYPES = Set.of("enabled", "disabled", "auto");

    public ChatModelSpec {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        sources = sources == null ? List.of() : List.copyOf(sources);
        thinking = thinking == null ? List.of() : List.copyOf(thinking);
    }

    @Override
    public ChatModelSpec withId(String otherId) {
        return new ChatModelSpec(
                otherId,
                name,
                List.of(),
                sources,
                uncertain,
                jsonSchema,
                jsonObject,
                thinking,
                thinkingDefault,
                reasoningEffort,
                maxTokens,
                maxCompletionTokens,
                vision,
                rpm,
                tpm);
    }
}
