package dev.seedance4j.storyboard;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One chat completion the LLM breakdown sent, for the ledger: what it cost and how it ended.
 *
 * @param model              the chat model
 * @param requestId          the response's {@code id}, or {@code ""} when the call got no answer
 * @param purpose            what it asked for ({@code 1-1 第9–16行, attempt 2})
 * @param format             the {@code response_format} sent: {@code json_schema}, {@code json_object} or {@code prompt}
 * @param promptTokens       prompt tokens reported by the service
 * @param completionTokens   completion tokens reported by the service
 * @param cny                the cost by the model table, if it knows the model's price
 * @param unansweredAttempts earlier sends of this request without an answer (each may have been billed)
 * @param outcome            {@code ok}, or why the answer was not used ({@code truncated}, {@code invalid JSON}, …)
 */
public record ChatCall(
        String model,
        String requestId,
        String purpose,
        String format,
        long promptTokens,
        long completionTokens,
        Optional<BigDecimal> cny,
        int unansweredAttempts,
        String outcome) {}
