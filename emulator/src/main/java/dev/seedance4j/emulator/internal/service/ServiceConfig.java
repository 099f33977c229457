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
 * @param concurrency        running tasks per model when {@code concurrencyByModel} has no entry; 0 = the model
 *                           table's value
 * @param rpm                creates per minute per model when {@code rpmByModel} has no entry; 0 = the model
 *                           table's value
 * @param queueLimit         queued tasks per account before creates get 429 {@code QuotaExceeded}
 * @param resultUrlTtl       lifetime of result URLs
 * @param assetDirectory     where {@code asset://<id>} files live, or null
 * @param moderatedWords     prompts containing one of these fail input moderation
 * @param endpoints          accepted endpoint ids mapped to model ids
 * @param callbackTimeout    how long a callback receiver has to answer
 * @param callbackRetryDelay pause between callback attempts
 * @param fetchTimeout       the whole fetch of one reference medium (connect, headers and body) must end within it
 * @param renderThreads      renders that may run at the same time (ffmpeg processes)
 * @param models             the model table: limits, defaults and prices per model
 * @param persistent         tasks are kept in the data directory and restored on start
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
        int renderThreads,
        ModelTable models,
        boolean persistent) {

    public ServiceConfig {
        concurrencyByModel = Map.copyOf(concurrencyByModel);
        rpmByModel = Map.copyOf(rpmByModel);
        moderatedWords = Set.copyOf(moderatedWords);
        endpoints = Map.copyOf(endpoints);
    }

    public int concurrencyOf(ModelSpec model) {
        Integer configured = concurrencyByModel.get(model.id());
        if (configured != null) return configured;
        return concurrency > 0 ? concurrency : model.concurrency();
    }

    /** RPM of a model: set per model, else for all models, else the model table's (documented for 1.x only). */
    public int rpmOf(ModelSpec model) {
        Integer configured = rpmByModel.get(model.id());
        if (configured != null) return configured;
        return rpm > 0 ? rpm : model.rpm();
    }
}
