package dev.seedance4j.client;

/**
 * One answer of a chat completion ({@code choices[]}).
 *
 * @param index            {@code index}
 * @param role             {@code message.role}, normally {@code assistant}
 * @param content          {@code message.content}, or {@code null}
 * @param reasoningContent {@code message.reasoning_content}: the model's reasoning when thinking was on, or
 *                         {@code null}
 * @param finishReason     {@code finish_reason}, or {@code null} if absent
 */
public record ChatChoice(int index, String role, String content, String reasoningContent, FinishReason finishReason) {
    /** True when the answer was cut at the token limit ({@code finish_reason: length}). */
    public boolean isTruncated() {
        return FinishReason.LENGTH.equals(finishReason);
    }
}
