package dev.seedance4j.emulator.internal.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.emulator.RenderedClip;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One generation task. The resolved output (size, ratio, duration, seed) is fixed at creation; the status and its
 * results change under the task's monitor. Result URLs are made when the task is shown, from the file names and
 * their expiry, so that they follow the address the emulator serves on now (it may restart on another port).
 */
public final class Task {

    /** Makes the signed URL of a result file. */
    interface Links {
        String url(String taskId, String fileName, long expiresAt);
    }

    /** The six statuses of contract §4.1. */
    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED,
        EXPIRED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean terminal() {
            return this != QUEUED && this != RUNNING;
        }

        public static Status fromWire(String value) {
            for (Status status : values()) if (status.wire().equals(value)) return status;
            return null;
        }
    }

    final String id;
    final long sequence;
    final GenerationRequest request;
    final List<MediaFetcher.FetchedMedia> media;
    final Path directory;
    final Instant createdAt;
    final String resolution;
    final String ratio;
    final int width;
    final int height;
    final int duration;
    final long seed;
    private final Links links;

    private Status status = Status.QUEUED;
    private Instant updatedAt;
    private Instant startedAt;
    private String errorCode;
    private String errorMessage;
    private long tokens;
    private long resultExpiresAt;
    private RenderedClip clip;
    /** Set (under the monitor) when the record is deleted: nothing is stored for it any more. */
    boolean removed;
    /** Callbacks of one task go out in order, one after the other. */
    CompletableFuture<Void> callbacks = CompletableFuture.completedFuture(null);

    Task(
            String id,
            long sequence,
            GenerationRequest request,
            List<MediaFetcher.FetchedMedia> media,
            Path directory,
            Instant createdAt,
            String resolution,
            String ratio,
            int width,
            int height,
            int duration,
            long seed,
            Links links) {
        this.id = id;
        this.sequence = sequence;
        this.request = request;
        this.media = List.copyOf(media);
        this.directory = directory;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.resolution = resolution;
        this.ratio = ratio;
        this.width = width;
        this.height = height;
        this.duration = duration;
        this.seed = seed;
        this.links = links;
    }

    /** Puts back the state a task had when it was stored (see {@link TaskStore}). */
    synchronized void restore(
            Status restoredStatus,
            Instant restoredUpdatedAt,
            Instant restoredStartedAt,
            String code,
            String message,
            long billedTokens,
            long expiresAt,
            RenderedClip result) {
        status = restoredStatus;
        updatedAt = restoredUpdatedAt;
        startedAt = restoredStartedAt;
        errorCode = code;
        errorMessage = message;
        tokens = billedTokens;
        resultExpiresAt = expiresAt;
        clip = result;
    }

    public String id() {
        return id;
    }

    public synchronized Status status() {
        return status;
    }

    synchronized Instant updatedAt() {
        return updatedAt;
    }

    synchronized RenderedClip clip() {
        return clip;
    }

    /** When the task started running, or null while it has not. */
    synchronized Instant startedAt() {
        return startedAt;
    }

    synchronized String errorCode() {
        return errorCode;
    }

    synchronized String errorMessage() {
        return errorMessage;
    }

    synchronized long resultExpiresAt() {
        return resultExpiresAt;
    }

    /** Moves to {@code next} when the task is currently in {@code expected}; false when someone else moved it. */
    synchronized boolean transition(Status expected, Status next, Instant now) {
        if (status != expected) return false;
        status = next;
        updatedAt = now;
        if (next == Status.RUNNING) startedAt = now;
        return true;
    }

    synchronized boolean fail(Status expected, String code, String message, Instant now) {
        if (!transition(expected, Status.FAILED, now)) return false;
        errorCode = code;
        errorMessage = message;
        return true;
    }

    synchronized boolean succeed(RenderedClip result, long billedTokens, long urlsExpireAt, Instant now) {
        if (!transition(Status.RUNNING, Status.SUCCEEDED, now)) return false;
        clip = result;
        tokens = billedTokens;
        resultExpiresAt = urlsExpireAt;
        return true;
    }

    /** The task object of contract §4 for the current status. */
    synchronized ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        json.put("model", request.model().id());
        json.put("status", status.wire());
        // UNCERTAIN (contract §4.2): the running/queued/cancelled/expired shapes are the observed minimal ones; a
        // failed task adds `error`; only a succeeded task carries content, usage and the resolved parameters.
        if (status == Status.FAILED) {
            ObjectNode error = json.putObject("error");
            error.put("code", errorCode);
            error.put("message", errorMessage);
        }
        if (status == Status.SUCCEEDED) {
            json.putNull("error");
            ObjectNode content = json.putObject("content");
            content.put("video_url", links.url(id, clip.video().getFileName().toString(), resultExpiresAt));
            if (clip.lastFrame() != null) {
                content.put(
                        "last_frame_url",
                        links.url(id, clip.lastFrame().getFileName().toString(), resultExpiresAt));
            }
            ObjectNode usage = json.putObject("usage");
            usage.put("completion_tokens", tokens);
            usage.put("total_tokens", tokens);
            if (request.webSearch()) usage.putObject("tool_usage").put("web_search", 1);
        }
        json.put("created_at", createdAt.getEpochSecond());
        json.put("updated_at", updatedAt.getEpochSecond());
        if (status == Status.SUCCEEDED) {
            json.put("seed", seed);
            json.put("resolution", resolution);
            json.put("ratio", ratio);
            if (request.frames() != null) json.put("frames", request.frames());
            else json.put("duration", duration);
            json.put("framespersecond", 24);
            if (request.model().generateAudio()) json.put("generate_audio", request.generateAudio());
            if (request.model().generateAudio()) json.put("draft", request.draft());
            if (request.draftTaskId() != null) json.put("draft_task_id", request.draftTaskId());
            if (request.webSearch()) json.putArray("tools").addObject().put("type", "web_search");
            json.put("priority", request.priority());
            if (request.model().outputFormats().size() > 1) json.put("output_format", request.outputFormat());
        }
        if (request.safetyIdentifier() != null) json.put("safety_identifier", request.safetyIdentifier());
        json.put("service_tier", request.serviceTier());
        json.put("execution_expires_after", request.executionExpiresAfter());
        return json;
    }

    synchronized long tokens() {
        return tokens;
    }
}
