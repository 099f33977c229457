package dev.seedance4j.client;

import dev.seedance4j.client.internal.HttpTransport;
import dev.seedance4j.client.internal.WireFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Chat completions ({@code POST /chat/completions}, OpenAI-compatible), e.g. for breaking a script into shots
 * with a JSON Schema. Obtain it from {@link SeedanceClient#chat()}; thread-safe.
 *
 * <pre>{@code
 * ChatResponse answer = client.chat().create(ChatRequest.builder(Model.SEED_1_6)
 *         .system("只输出 JSON。").user(prompt)
 *         .responseFormat(ResponseFormat.jsonSchema("storyboard", schema, true))
 *         .thinking(Thinking.DISABLED).build());
 * if (answer.isTruncated()) { ... ask again in smaller parts ... }
 * BigDecimal cny = CostEstimator.defaults().chatCost(answer).orElse(null);
 * }</pre>
 *
 * <p>The request is validated first ({@link RequestValidator#validate(ChatRequest, Model, ModelTable)}); nothing
 * is sent when a rule is broken. Refused connections and 429s are retried (nothing was answered, nothing billed).
 * A send whose outcome is unknown (timeout, dropped connection, 408, 5xx) is resent by default, because a lost
 * answer is needed again anyway; each such send may have been billed and is counted in
 * {@link ChatResponse#unansweredAttempts()}. Turn that off with
 * {@link SeedanceClient.Builder#resendChatAfterUnknownOutcome}: then {@link ChatOutcomeUnknownException} is thrown.
 * Errors are the {@link ApiException} types of the video API.
 */
public final class Chat {
    private static final String PATH = "chat/completions";

    private final HttpTransport transport;
    private final HttpTransport.PostPolicy policy;
    private final ModelTable models;
    private final Executor executor;
    private final Runnable ensureOpen;

    Chat(
            HttpTransport transport,
            ModelTable models,
            boolean resendAfterUnknownOutcome,
            long maxResponseBytes,
            Executor executor,
            Runnable ensureOpen) {
        this.transport = transport;
        this.policy = new HttpTransport.PostPolicy(true, resendAfterUnknownOutcome, maxResponseBytes);
        this.models = models;
        this.executor = executor;
        this.ensureOpen = ensureOpen;
    }

    /**
     * Validates {@code request} and asks for a completion.
     *
     * @throws ValidationException         when the request breaks a rule (nothing sent)
     * @throws ApiException                when the service refused it
     * @throws ChatOutcomeUnknownException when no answer came back and it was not resent
     * @throws SeedanceIOException         when nothing could be sent
     */
    public ChatResponse create(ChatRequest request) {
        return create(request, CreateOptions.defaults());
    }

    /** {@link #create(ChatRequest)}, validating as {@code options} say (e.g. an endpoint id as a known model). */
    public ChatResponse create(ChatRequest request, CreateOptions options) {
        Objects.requireNonNull(request, "request");
        ensureOpen.run();
        if (options.validate()) {
            RequestValidator.throwIfAny(RequestValidator.validate(
                    request, options.rulesOf() == null ? request.model() : options.rulesOf(), models));
        }
        HttpTransport.Response response = transport.post(
                PATH,
                WireFormat.bytes(WireFormat.chatBody(request)),
                null,
                policy,
                options.gate(),
                e -> new ChatOutcomeUnknownException(request, e.sentAt(), e.failedAt(), e.attempts(), e.getCause()));
        return WireFormat.chatResponse(transport.json(response, "chat completion"), response.unansweredAttempts());
    }

    /** {@link #create(ChatRequest)} on the client's executor. */
    public CompletableFuture<ChatResponse> createAsync(ChatRequest request) {
        return CompletableFuture.supplyAsync(() -> create(request), executor);
    }
}
