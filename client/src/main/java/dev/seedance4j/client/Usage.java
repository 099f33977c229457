package dev.seedance4j.client;

/**
 * Tokens a task used ({@code usage}). {@code completionTokens} is the billing basis (for the 2.0 series with a
 * minimum applied when there was video input); {@code totalTokens} equals it (input tokens count as 0).
 *
 * @param completionTokens {@code usage.completion_tokens}
 * @param totalTokens      {@code usage.total_tokens}
 * @param webSearchCalls   {@code usage.tool_usage.web_search}, or {@code null} when web search was not enabled
 */
public record Usage(long completionTokens, long totalTokens, Integer webSearchCalls) {}
