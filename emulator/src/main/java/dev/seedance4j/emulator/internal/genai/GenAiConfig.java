package dev.seedance4j.emulator.internal.genai;

import dev.seedance4j.emulator.internal.service.ModelTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of the chat and image endpoints, as the public builder collected them.
 *
 * @param endpoints      endpoint ids ({@code ep-...}) mapped to model ids (shared with video)
 * @param moderatedWords prompts and messages containing one of these fail input moderation (shared with video)
 * @param rpmByModel     per-model overrides of the model table's RPM (chat) and images per minute
 * @param resultUrlTtl   lifetime of image URLs (shared with video results)
 * @param models         the model table (shared with video): image models' limits and prices, chat models'
 *                       capabilities
 * @param chatFaultPlan  the faults of the first chat completions, in order ({@code ok} for none)
 * @param imageFaultPlan the faults of the first image generations, in order
 * @param renderThreads  images rendered at once (shared setting with video renders)
 */
public record GenAiConfig(
        Map<String, String> endpoints,
        Set<String> moderatedWords,
        Map<String, Integer> rpmByModel,
        Duration resultUrlTtl,
        ModelTable models,
        List<String> chatFaultPlan,
        List<String> imageFaultPlan,
        int renderThreads) {

    public GenAiConfig {
        endpoints = Map.copyOf(endpoints);
        moderatedWords = Set.copyOf(moderatedWords);
        rpmByModel = Map.copyOf(rpmByModel);
        chatFaultPlan = List.copyOf(chatFaultPlan);
        imageFaultPlan = List.copyOf(imageFaultPlan);
    }
}
