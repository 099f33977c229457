package dev.seedance4j.client;

/**
 * What a chat model is known to accept, as the {@link ModelTable} says. Which models take {@code json_schema}
 * moves faster than a library ships (contract: UNCERTAIN): a caller that wants JSON should fall back
 * {@code json_schema} → {@code json_object} → prompt-only and validate the answer every time.
 *
 * @param id              the model id or id pattern ({@code doubao-seed-1-6-*}) the entry is keyed by
 * @param source          where the facts come from
 * @param uncertain       what of this entry could not be confirmed ({@code ""} when nothing)
 * @param jsonSchema      whether {@code response_format: json_schema} is accepted
 * @param jsonObject      whether {@code response_format: json_object} is accepted
 * @param thinkingDefault the {@code thinking.type} the model uses when none is sent, or {@code null} if unknown
 */
public record ChatModelSpec(
        String id, String source, String uncertain, boolean jsonSchema, boolean jsonObject, String thinkingDefault) {}
