package dev.seedance4j.emulator.internal.genai;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of the chat and image endpoints, as the public builder collected them.
 *
 * @param endpoints      endpoint ids ({@code ep-...}) mapped to model ids (shared with video)
 * @param moderatedWords prompts and messages containing one of these fail input moderation (shared with video)
 * @param rpmByModel     per-model overrides of the tables' RPM (chat) and IPM (images)
 * @param resultUrlTtl   lifetime of image URLs (shared with video results)
 * @param chatModels     a chat model table over the shipped one, or null
 * @param imageModels    an image model table over the shipped one, or null
 * @param chatFaultPlan  the faults of the first chat completions, in order ({@code ok} for none)
 * @param imageFaultPlan the faults of the first image generations, in order
 * @param realFaces      SHA-256 (hex) of images to refuse as photographs of real people
 */
public record GenAiConfig(
        Map<String, String> endpoints,
        Set<String> moderatedWords,
        Map<String, Integer> rpmByModel,
        Duration resultUrlTtl,
        Path chatModels,
        Path imageModels,
        List<String> chatFaultPlan,
        List<String> imageFaultPlan,
        Set<String> realFaces) {

    public GenAiConfig {
        endpoints = Map.copyOf(endpoints);
        moderatedWords = Set.copyOf(moderatedWords);
        rpmByModel = Map.copyOf(rpmByModel);
        chatFaultPlan = List.copyOf(chatFaultPlan);
        imageFaultPlan = List.copyOf(imageFaultPlan);
        realFaces = Set.copyOf(realFaces);
    }
}
