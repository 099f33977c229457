package dev.seedance4j.client;

import java.util.List;
import java.util.Objects;

/**
 * What a Seedance video model accepts, as the {@link ModelTable} says (contract §2.1, §2.4, §3). Used by
 * {@link RequestValidator} before a request is sent and by {@link CostEstimator} for output sizes.
 *
 * @param id                the model id the entry is keyed by
 * @param family            a short name for messages, e.g. {@code seedance-2.0-fast}
 * @param aliases           other ids with the same rules (e.g. the BytePlus ids)
 * @param source            where the facts come from (tags of the contract)
 * @param uncertain         what of this entry could not be confirmed ({@code ""} when nothing)
 * @param resolutions       accepted {@code resolution} values
 * @param defaultResolution what the service uses when none is sent
 * @param sizeTable         which pixel table applies: {@code seedance-2} (2.x and 1.5 pro) or {@code seedance-1}
 * @param minDuration       shortest {@code duration} in seconds
 * @param maxDuration       longest {@code duration} in seconds
 * @param autoDuration      whether {@code duration: -1} (the model chooses) is accepted
 * @param scenes            which scenes the model takes
 * @param references        limits of reference videos and audio clips
 * @param features          which optional parameters the model takes
 */
public record VideoModelSpec(
        String id,
        String family,
        List<String> aliases,
        String source,
        String uncertain,
        List<String> resolutions,
        String defaultResolution,
        String sizeTable,
        int minDuration,
        int maxDuration,
        boolean autoDuration,
        Scenes scenes,
        References references,
        Features features) {

    public VideoModelSpec {
        Objects.requireNonNull(id, "id");
        aliases = List.copyOf(aliases);
        resolutions = List.copyOf(resolutions);
    }

    /**
     * The scenes of the model.
     *
     * @param textToVideo          a prompt alone
     * @param firstFrame           the first-frame scene
     * @param firstAndLastFrame    the first+last frame scene
     * @param maxReferenceImages   most reference images (0: no reference-image scene)
     * @param referenceImages1080p whether the reference-image scene may be 1080p (not on 1.0 lite i2v)
     */
    public record Scenes(
            boolean textToVideo,
            boolean firstFrame,
            boolean firstAndLastFrame,
            int maxReferenceImages,
            boolean referenceImages1080p) {}

    /**
     * Reference media limits. Clip lengths are counted in the whole seconds the service reports and bills:
     * {@link Media#countedSeconds()}.
     *
     * @param maxVideos       most reference videos (0: videos not accepted)
     * @param maxAudios       most reference audio clips (0: audio not accepted)
     * @param maxFiles        most reference files of all kinds together
     * @param minClipSeconds  shortest video or audio clip
     * @param maxClipSeconds  longest video or audio clip
     * @param maxVideoSeconds most seconds of reference video in total
     * @param maxAudioSeconds most seconds of reference audio in total
     * @param audioOnly       whether audio may be the only reference (2.5: lip-sync to supplied audio)
     * @param assets          whether {@code asset://} ids are accepted
     */
    public record References(
            int maxVideos,
            int maxAudios,
            int maxFiles,
            int minClipSeconds,
            int maxClipSeconds,
            int maxVideoSeconds,
            int maxAudioSeconds,
            boolean audioOnly,
            boolean assets) {}

    /**
     * Optional parameters.
     *
     * @param frames                 {@code frames} (1.0 only)
     * @param cameraFixed            {@code camera_fixed: true} ({@code false}, the default, is accepted everywhere)
     * @param generateAudio          {@code generate_audio}
     * @param flex                   {@code service_tier: flex}
     * @param draft                  {@code draft} and {@code draft_task} (1.5 pro)
     * @param priority               {@code priority}
     * @param tools                  accepted {@code tools[].type} values
     * @param webSearchTextOnly      whether {@code web_search} is accepted only with text-only input
     * @param outputFormats          accepted {@code output_format} values (empty: the field is not accepted)
     * @param omniReferenceTaskTypes accepted {@code omni_reference_task_type} values (empty: not accepted)
     */
    public record Features(
            boolean frames,
            boolean cameraFixed,
            boolean generateAudio,
            boolean flex,
            boolean draft,
            boolean priority,
            List<String> tools,
            boolean webSearchTextOnly,
            List<String> outputFormats,
            List<String> omniReferenceTaskTypes) {
        public Features {
            tools = List.copyOf(tools);
            outputFormats = List.copyOf(outputFormats);
            omniReferenceTaskTypes = List.copyOf(omniReferenceTaskTypes);
        }
    }

    /** True when the model takes reference videos (and bills input video seconds). */
    public boolean acceptsVideo() {
        return references.maxVideos() > 0;
    }

    /** True when the model takes reference audio. */
    public boolean acceptsAudio() {
        return references.maxAudios() > 0;
    }

    /** True when the output sizes follow the Seedance 1.0 pixel table. */
    public boolean seedance1Sizes() {
        return sizeTable.equals("seedance-1");
    }
}
