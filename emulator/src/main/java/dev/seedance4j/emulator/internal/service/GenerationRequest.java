package dev.seedance4j.emulator.internal.service;

import java.util.List;

/**
 * A create request that passed the structural checks, with text commands folded in and defaults not yet applied
 * where they depend on the media (ratio {@code adaptive}, duration {@code -1}, seed {@code -1}).
 *
 * @param requestedModel the {@code model} value as sent (a model id or a configured endpoint id)
 * @param model          the model it resolved to
 * @param prompt         the text prompt without text commands, possibly empty
 * @param media          image/video/audio items in content order
 * @param draftTaskId    the {@code draft_task.id}, or null
 * @param resolution     concrete resolution
 * @param ratio          a table ratio or {@code adaptive}
 * @param duration       seconds, or -1
 * @param frames         1.0 {@code frames}, or null
 * @param seed           seed, or -1
 * @param outputFormat   container of the result ({@code mp4} or {@code mov})
 */
public record GenerationRequest(
        String requestedModel,
        ModelSpec model,
        String prompt,
        List<MediaItem> media,
        String draftTaskId,
        String callbackUrl,
        boolean returnLastFrame,
        String serviceTier,
        long executionExpiresAfter,
        boolean generateAudio,
        boolean draft,
        boolean webSearch,
        String safetyIdentifier,
        int priority,
        String resolution,
        String ratio,
        int duration,
        Integer frames,
        long seed,
        boolean cameraFixed,
        boolean watermark,
        String outputFormat) {

    public GenerationRequest {
        media = List.copyOf(media);
    }

    /** One media item of {@code content}. */
    public record MediaItem(int index, Kind kind, String role, String url) {

        /** The content item types that carry media. */
        public enum Kind {
            IMAGE,
            VIDEO,
            AUDIO
        }

        /** Where an error about this item points, e.g. {@code content[2].image_url.url}. */
        public String param() {
            return "content[" + index + "]." + kind.name().toLowerCase(java.util.Locale.ROOT) + "_url.url";
        }
    }

    public List<MediaItem> media(MediaItem.Kind kind) {
        return media.stream().filter(m -> m.kind() == kind).toList();
    }

    public boolean hasVideoInput() {
        return !media(MediaItem.Kind.VIDEO).isEmpty();
    }
}
