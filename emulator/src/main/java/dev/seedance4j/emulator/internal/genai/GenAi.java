package dev.seedance4j.emulator.internal.genai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.emulator.EmulatorClock;
import dev.seedance4j.emulator.EmulatorStats;
import dev.seedance4j.emulator.internal.chat.ChatModel;
import dev.seedance4j.emulator.internal.chat.ChatService;
import dev.seedance4j.emulator.internal.images.ImageService;
import dev.seedance4j.emulator.internal.render.ImageRenderer;
import dev.seedance4j.emulator.internal.service.MediaFetcher;
import dev.seedance4j.emulator.internal.service.RealFaces;
import dev.seedance4j.emulator.internal.service.TaskService;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chat and image endpoints next to the video task service: one object for the HTTP layer to call, whose
 * counters join the task service's in {@code /emulator/stats} and whose state a reset clears with the tasks'.
 * Faults come from the task service's injector, so one seed and one reset govern every endpoint.
 */
public final class GenAi {

    private final ChatService chat;
    private final ImageService images;
    private final RealFaces realFaces;

    public GenAi(
            GenAiConfig config,
            EmulatorClock clock,
            Path dataDirectory,
            TaskService tasks,
            MediaFetcher fetcher,
            RealFaces realFaces) {
        this.realFaces = realFaces;
        this.chat = new ChatService(
                ChatModel.table(config.chatModels()),
                config.endpoints(),
                config.moderatedWords(),
                config.rpmByModel(),
                clock,
                tasks.faults(),
                new FaultPlan("chat", config.chatFaultPlan(), ChatService.FAULTS),
                tasks::countFault);
        this.images = new ImageService(
                config,
                clock,
                dataDirectory.resolve("images"),
                tasks.faults(),
                tasks::countFault,
                fetcher,
                realFaces,
                new ImageRenderer());
    }

    public void publicBaseUrl(String url) {
        images.publicBaseUrl(url);
    }

    public GenAiReply chat(JsonNode body, String faultHeader, String requestId) {
        return chat.complete(body, faultHeader, requestId);
    }

    public GenAiReply images(JsonNode body, String faultHeader, String requestId) {
        return images.generate(body, faultHeader, requestId);
    }

    /** The file behind a signed image URL; 403 or 404 as for video results. */
    public Path imageFile(String id, String name, String expires, String signature) {
        return images.file(id, name, expires, signature);
    }

    /** The task service's stats with the chat and image counters, and real-face refusals as a fault kind. */
    public EmulatorStats stats(EmulatorStats tasks) {
        Map<String, Long> faults = new TreeMap<>(tasks.faultsInjected());
        if (realFaces.refusals() > 0) faults.merge("real-face", realFaces.refusals(), Long::sum);
        return new EmulatorStats(
                tasks.createsByModel(),
                tasks.queued(),
                tasks.running(),
                tasks.tasksByStatus(),
                tasks.tokensBilled(),
                faults,
                tasks.requestsByEndpoint(),
                tasks.callbacksDelivered(),
                tasks.callbacksFailed(),
                chat.completionsByModel(),
                chat.promptTokens(),
                chat.completionTokens(),
                images.generatedByModel());
    }

    /** Forgets counters, plans, windows and image files (the task service resets itself). */
    public void reset() {
        chat.reset();
        images.reset();
        realFaces.resetCount();
    }
}
