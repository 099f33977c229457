package dev.seedance4j.client;

/**
 * Tokens a chat completion used ({@code usage}); what it is billed by.
 *
 * @param promptTokens     {@code usage.prompt_tokens}
 * @param completionTokens {@code usage.completion_tokens}: the answer plus the reasoning
 * @param totalTokens      {@code usage.total_tokens}
 * @param reasoningTokens  {@code usage.completion_tokens_details.reasoning_tokens}, or {@code null} if not reported
 */
public record ChatUsage(long promptTokens, long completionTokens, long totalTokens, Long reasoningTokens) {}
