package dev.seedance4j.client;

import java.time.Instant;
import java.util.List;

/**
 * A chat completion ({@code object: chat.completion}). A field the response did not carry is {@code null}.
 *
 * <p>{@link #unansweredAttempts()} counts the earlier sends of the same request that got no answer (a timeout, a
 * dropped connection, a 5xx) before this one was answered: the service may have billed each of them, so a ledger
 * should record them (see {@link SeedanceClient.Builder#resendChatAfterUnknownOutcome}).
 *
 * @param id                 {@code id}
 * @param model              {@code model} that answered
 * @param created            {@code created}
 * @param choices            {@code choices}
 * @param usage              {@code usage}, or {@code null}
 * @param serviceTier        {@code service_tier}, or {@code null}
 * @param unansweredAttempts earlier sends of this request that may have been billed without an answer
 */
public record ChatResponse(
        String id,
        Model model,
        Instant created,
        List<ChatChoice> choices,
        ChatUsage usage,
        ServiceTier serviceTier,
        int unansweredAttempts) {

    public ChatResponse {
        choices = List.copyOf(choices);
    }

    /** The first choice, or {@code null} when there is none. */
    public ChatChoice choice() {
        return choices.isEmpty() ? null : choices.get(0);
    }

    /** The first choice's content, or {@code null}. */
    public String content() {
        ChatChoice first = choice();
        return first == null ? null : first.content();
    }

    /** The first choice's reasoning, or {@code null}. */
    public String reasoningContent() {
        ChatChoice first = choice();
        return first == null ? null : first.reasoningContent();
    }

    /** The first choice's finish reason, or {@code null}. */
    public FinishReason finishReason() {
        ChatChoice first = choice();
        return first == null ? null : first.finishReason();
    }

    /** True when the first answer was cut at the token limit: a JSON answer is then broken, never repair it. */
    public boolean isTruncated() {
        ChatChoice first = choice();
        return first != null && first.isTruncated();
    }
}
