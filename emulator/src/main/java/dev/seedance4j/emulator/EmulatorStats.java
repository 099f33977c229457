package dev.seedance4j.emulator;

import java.util.Map;

/**
 * A snapshot of what the emulator received and did since it started (or was last reset). Served as JSON at
 * {@code GET /emulator/stats} with the same names in snake_case.
 *
 * @param createsByModel     tasks created, by the model id the task resolved to
 * @param queued             tasks waiting now
 * @param running            tasks running now
 * @param tasksByStatus      live task records by status (records that retention removed are not counted)
 * @param tokensBilled       sum of {@code usage.completion_tokens} of succeeded tasks
 * @param faultsInjected     injected faults by kind ({@code 5xx}, {@code 429}, {@code slow}, {@code drop}, {@code drop-after},
 *                           {@code truncate}, {@code moderation}, {@code stuck}, {@code input-moderation},
 *                           {@code chat-invalid-json}, {@code chat-truncate}, {@code chat-schema}, and
 *                           {@code real-face} for refused reference images)
 * @param requestsByEndpoint requests by endpoint ({@code create}, {@code get}, {@code list}, {@code delete},
 *                           {@code chat}, {@code images}, {@code files}, {@code other})
 * @param callbacksDelivered callback POSTs answered 2xx
 * @param callbacksFailed    callback POSTs that failed or timed out (each attempt counts)
 * @param chatCompletionsByModel chat completions answered (and billed), by model
 * @param chatPromptTokens   {@code usage.prompt_tokens} summed over those completions
 * @param chatCompletionTokens {@code usage.completion_tokens} summed over those completions
 * @param imagesByModel      images generated (and billed: {@code usage.generated_images}), by model
 */
public record EmulatorStats(
        Map<String, Long> createsByModel,
        int queued,
        int running,
        Map<String, Long> tasksByStatus,
        long tokensBilled,
        Map<String, Long> faultsInjected,
        Map<String, Long> requestsByEndpoint,
        long callbacksDelivered,
        long callbacksFailed,
        Map<String, Long> chatCompletionsByModel,
        long chatPromptTokens,
        long chatCompletionTokens,
        Map<String, Long> imagesByModel) {

    public EmulatorStats {
        createsByModel = Map.copyOf(createsByModel);
        tasksByStatus = Map.copyOf(tasksByStatus);
        faultsInjected = Map.copyOf(faultsInjected);
        requestsByEndpoint = Map.copyOf(requestsByEndpoint);
        chatCompletionsByModel = Map.copyOf(chatCompletionsByModel);
        imagesByModel = Map.copyOf(imagesByModel);
    }

    /** The video task counters alone (no chat completions or images yet). */
    public EmulatorStats(
            Map<String, Long> createsByModel,
            int queued,
            int running,
            Map<String, Long> tasksByStatus,
            long tokensBilled,
            Map<String, Long> faultsInjected,
            Map<String, Long> requestsByEndpoint,
            long callbacksDelivered,
            long callbacksFailed) {
        this(
                createsByModel,
                queued,
                running,
                tasksByStatus,
                tokensBilled,
                faultsInjected,
                requestsByEndpoint,
                callbacksDelivered,
                callbacksFailed,
                Map.of(),
                0,
                0,
                Map.of());
    }

    /** Total tasks created over all models. */
    public long creates() {
        return createsByModel.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Chat completions answered over all models. */
    public long chatCompletions() {
        return chatCompletionsByModel.values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Images generated over all models. */
    public long imagesGenerated() {
        return imagesByModel.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests counted for one endpoint name, 0 when none. */
    public long requests(String endpoint) {
        return requestsByEndpoint.getOrDefault(endpoint, 0L);
    }

    /** Faults injected of one kind, 0 when none. */
    public long faults(String kind) {
        return faultsInjected.getOrDefault(kind, 0L);
    }
}
