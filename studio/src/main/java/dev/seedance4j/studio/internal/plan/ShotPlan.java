package dev.seedance4j.studio.internal.plan;

import dev.seedance4j.client.CostEstimate;
import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Ratio;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.Role;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.ShotKey;
import java.util.List;
import java.util.function.Function;

/**
 * A shot compiled into everything its create request needs. Inputs that only exist later (another shot's last
 * frame or clip, a published local video) stay {@link Source}s until {@link #toRequest} resolves them.
 *
 * @param identity SHA-256 of the request (with every file's bytes and every dependency's identity in it): a shot
 *     whose identity already has a verified clip is never generated again
 * @param seconds the requested duration, or null for the service default
 */
public record ShotPlan(
        Shot shot,
        int position,
        Mode mode,
        Model model,
        String prompt,
        List<PlannedInput> inputs,
        Integer seconds,
        Resolution resolution,
        Ratio ratio,
        Long seed,
        Boolean generateAudio,
        Boolean watermark,
        List<ShotKey> dependencies,
        String identity,
        CostEstimate estimate) {

    public ShotPlan {
        inputs = List.copyOf(inputs);
        dependencies = List.copyOf(dependencies);
    }

    public ShotKey key() {
        return shot.key();
    }

    /** This plan with its identity and cost estimate, which the planner adds once the draft has passed its checks. */
    public ShotPlan withIdentity(String identity, CostEstimate estimate) {
        return new ShotPlan(
                shot,
                position,
                mode,
                model,
                prompt,
                inputs,
                seconds,
                resolution,
                ratio,
                seed,
                generateAudio,
                watermark,
                dependencies,
                identity,
                estimate);
    }

    /** The seconds the clip should last (the service's default of 5 when none was set). */
    public int expectedSeconds() {
        return seconds == null || seconds < 0 ? 5 : seconds;
    }

    /** The exact create request, with each source resolved to what the service receives, without the last frame. */
    public CreateTaskRequest toRequest(Function<Source, Media> resolve, Long seedOverride) {
        return toRequest(resolve, seedOverride, false, null, null);
    }

    /**
     * The request with {@code return_last_frame} asked when {@code returnLastFrame} (the engine asks for every shot's:
     * the service's frame costs a small download, one taken from the clip a decode on this machine), and
     * {@code execution_expires_after} and {@code callback_url} set when given. None of the three is part of the
     * identity: they never change the clip.
     */
    public CreateTaskRequest toRequest(
            Function<Source, Media> resolve,
            Long seedOverride,
            boolean returnLastFrame,
            java.time.Duration executionExpiresAfter,
            String callbackUrl) {
        CreateTaskRequest.Builder b = CreateTaskRequest.builder(model);
        if (!prompt.isBlank()) {
            b.text(prompt);
        }
        for (PlannedInput input : inputs) {
            Media media = resolve.apply(input.source());
            switch (input.type()) {
                case "image" -> {
                    if (input.role().equals(Role.FIRST_FRAME)) {
                        b.firstFrame(media);
                    } else if (input.role().equals(Role.LAST_FRAME)) {
                        b.lastFrame(media);
                    } else {
                        b.referenceImage(media);
                    }
                }
                case "video" -> b.referenceVideo(media);
                case "audio" -> b.referenceAudio(media);
                default -> throw new IllegalStateException("unknown input type " + input.type());
            }
        }
        if (returnLastFrame) {
            b.returnLastFrame(true);
        }
        if (seconds != null) {
            b.duration(seconds);
        }
        if (resolution != null) {
            b.resolution(resolution);
        }
        if (ratio != null) {
            b.ratio(ratio);
        }
        Long effectiveSeed = seedOverride != null ? seedOverride : seed;
        if (effectiveSeed != null) {
            b.seed(effectiveSeed);
        }
        if (generateAudio != null) {
            b.generateAudio(generateAudio);
        }
        if (watermark != null) {
            b.watermark(watermark);
        }
        if (executionExpiresAfter != null) {
            b.executionExpiresAfter(executionExpiresAfter);
        }
        if (callbackUrl != null) {
            b.callbackUrl(callbackUrl);
        }
        return b.build();
    }

    /** How the shot is generated; the service's scenes, named for people. */
    public enum Mode {
        TEXT("text"),
        FIRST_FRAME("first_frame"),
        FIRST_LAST("first_last"),
        REFERENCE("reference"),
        EDIT("edit"),
        EXTEND("extend");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
