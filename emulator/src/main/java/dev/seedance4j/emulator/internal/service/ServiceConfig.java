package dev.seedance4j.emulator.internal.service;

import dev.seedance4j.emulator.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the service model, as the public builder collected it.
 *
 * @param timeScale          multiplies the realistic run time of a task (1 = realistic, 0 = as fast as rendering)
 * @param concurrency        running tasks per model when {@code concurrencyByModel} has no entry
 * @param rpm                creates per minute per model when {@code rpmByModel} has no entry; 0 = the model's
 *                           documented default
 * @param queueLimit         queued tasks per account before creates get 429 {@code QuotaExceeded}
 * @param resultUrlTtl       lifetime of result URLs
 * @param assetDirectory     where {@code asset://<id>} files live, or null
 * @param moderatedWords     prompts containing one of these fail input moderation
 * @param endpoints          accepted endpoint ids mapped to model ids
 * @param callbackTimeout    how long a callback receiver has to answer
 * @param callbackRetryDelay pause between callback attempts
 * @param fetchTimeout       connect and read timeout for reference media URLs
 * @param renderThreads      renders that may run at the same time (ffmpeg processes)
 */
public record ServiceConfig(
        double timeScale,
        Faults faults,
        int concurrency,
        Map<String, Integer> concurrencyByModel,
        int rpm,
        Map<String, Integer> rpmByModel,
        int queueLimit,
        Duration resultUrlTtl,
        Path assetDirectory,
        Set<String> moderatedWords,
        Map<String, String> endpoints,
        Duration callbackTimeout,
        Duration callbackRetryDelay,
        Duration fetchTimeout,
        int renderThreads) {

    public ServiceConfig {
        concurrencyByModel = Map.copyOf(concurrencyByModel);
        rpmByModel = Map.copyOf(rpmByModel);
        moderatedWords = Set.copyOf(moderatedWords);
        endpoints = Map.copyOf(endpoints);
    }

    public int concurrencyOf(String model) {
        return concurrencyByModel.getOrDefault(model, concurrency);
    }

    /**
     * RPM of a model: the 1.x values are documented (1.0 pro / pro fast 600, 1.0 lite 300); the 2.0 series and
     * 1.5 pro values are UNCERTAIN and default to 600.
     */
    public int rpmOf(String model) {
        Integer configured = rpmByModel.get(model);
        if (configured != null) return configured;
        if (rpm > 0) return rpm;
        return model.contains("1-0-lite") ? 300 : 600;
    }
}
