package dev.seedance4j.emulator.internal.service;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one video model accepts and costs (contract §2.4, §3, §6.1, §7.2), as the model table ({@code models.json})
 * gives it. JSON names are these names in snake_case.
 *
 * @param id                             model id as sent in {@code model}
 * @param name                           human name, e.g. "Seedance 2.0"
 * @param aliases                        other ids of the same model (BytePlus spells the 2.0 ids differently)
 * @param sources                        the contract's source tags behind the facts
 * @param uncertain                      which facts no official source confirms
 * @param resolutions                    accepted {@code resolution} values
 * @param referenceSceneResolutions      resolutions of the reference-image scene when narrower, else null
 * @param defaultResolution              resolution when none is given
 * @param pixelTable                     {@code seedance-2} or {@code seedance-1}: which pixel table of §3.6 applies
 * @param minDuration                    shortest {@code duration}
 * @param maxDuration                    longest {@code duration}
 * @param autoDuration                   {@code duration = -1} (model chooses) accepted
 * @param frames                         {@code frames} supported (1.0)
 * @param generateAudio                  {@code generate_audio} supported (defaults to true)
 * @param cameraFixed                    {@code camera_fixed: true} supported ({@code false} is accepted everywhere)
 * @param flex                           {@code service_tier = flex} supported
 * @param draft                          {@code draft} and {@code draft_task} supported (1.5 pro)
 * @param priority                       {@code priority} other than 0 supported
 * @param tools                          accepted tool types ({@code web_search})
 * @param webSearchTextOnly              {@code web_search} only with text-only input
 * @param textToVideo                    text-only requests accepted
 * @param firstFrame                     first-frame scene accepted
 * @param firstLastFrame                 first+last-frame scene accepted
 * @param referenceImages                reference-image scene: at most this many images (0: not supported)
 * @param referenceVideos                at most this many reference videos (0: no video input)
 * @param referenceAudios                at most this many reference audios (0: no audio input)
 * @param referenceFiles                 at most this many reference files of all kinds together (0: no such cap)
 * @param audioOnlyReference             reference audio may be the only medium
 * @param referenceMinSeconds            each reference video or audio lasts at least this many whole seconds
 * @param referenceMaxSeconds            ... and at most this many
 * @param referenceTotalSeconds          reference videos together (and audios together) at most this many
 * @param referenceVideoMaxMb            size limit of a reference video in MB
 * @param referenceVideoMinPixels        smallest width × height of a reference video
 * @param referenceVideoMaxPixels        largest width × height of a reference video
 * @param outputFormats                  accepted {@code output_format} values (the first is the default)
 * @param omniReferenceTaskType          {@code omni_reference_task_type} other than {@code auto} supported
 * @param rpm                            default creates per minute
 * @param concurrency                    default running tasks
 * @param videoInputMinimumExtraSeconds  with video input, at least the tokens of (output + this) seconds are billed
 * @param flexPriceFactor                price factor of {@code flex}, or null
 * @param prices                         CNY per million tokens; the first rule that matches applies
 */
public record ModelSpec(
        String id,
        String name,
        List<String> aliases,
        List<String> sources,
        String uncertain,
        List<String> resolutions,
        List<String> referenceSceneResolutions,
        String defaultResolution,
        String pixelTable,
        int minDuration,
        int maxDuration,
        boolean autoDuration,
        boolean frames,
        boolean generateAudio,
        boolean cameraFixed,
        boolean flex,
        boolean draft,
        boolean priority,
        List<String> tools,
        boolean webSearchTextOnly,
        boolean textToVideo,
        boolean firstFrame,
        boolean firstLastFrame,
        int referenceImages,
        int referenceVideos,
        int referenceAudios,
        int referenceFiles,
        boolean audioOnlyReference,
        int referenceMinSeconds,
        int referenceMaxSeconds,
        int referenceTotalSeconds,
        int referenceVideoMaxMb,
        long referenceVideoMinPixels,
        long referenceVideoMaxPixels,
        List<String> outputFormats,
        boolean omniReferenceTaskType,
        int rpm,
        int concurrency,
        int videoInputMinimumExtraSeconds,
        BigDecimal flexPriceFactor,
        List<Price> prices)
        implements ModelTable.Entry<ModelSpec> {

    public static final String SEEDANCE_1_TABLE = "seedance-1";
    public static final String SEEDANCE_2_TABLE = "seedance-2";

    public ModelSpec {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        sources = sources == null ? List.of() : List.copyOf(sources);
        resolutions = resolutions == null ? List.of() : List.copyOf(resolutions);
        referenceSceneResolutions = referenceSceneResolutions == null ? null : List.copyOf(referenceSceneResolutions);
        tools = tools == null ? List.of() : List.copyOf(tools);
        outputFormats = outputFormats == null || outputFormats.isEmpty() ? List.of("mp4") : List.copyOf(outputFormats);
        prices = prices == null ? List.of() : List.copyOf(prices);
    }

    /**
     * One price rule: CNY per million tokens when every condition that is set holds.
     *
     * @param resolutions        the resolutions it applies to, or null for all
     * @param videoInput         only with (true) or without (false) a reference video, or null for both
     * @param generateAudio      only with (true) or without (false) sound, or null for both
     * @param cnyPerMillionTokens the price
     */
    public record Price(
            List<String> resolutions, Boolean videoInput, Boolean generateAudio, BigDecimal cnyPerMillionTokens) {

        boolean matches(String resolution, boolean withVideo, boolean withAudio) {
            return (resolutions == null || resolutions.contains(resolution))
                    && (videoInput == null || videoInput == withVideo)
                    && (generateAudio == null || generateAudio == withAudio);
        }
    }

    /** The same model under another id. */
    @Override
    public ModelSpec withId(String otherId) {
        return new ModelSpec(
                otherId,
                name,
                List.of(),
                sources,
                uncertain,
                resolutions,
                referenceSceneResolutions,
                defaultResolution,
                pixelTable,
                minDuration,
                maxDuration,
                autoDuration,
                frames,
                generateAudio,
                cameraFixed,
                flex,
                draft,
                priority,
                tools,
                webSearchTextOnly,
                textToVideo,
                firstFrame,
                firstLastFrame,
                referenceImages,
                referenceVideos,
                referenceAudios,
                referenceFiles,
                audioOnlyReference,
                referenceMinSeconds,
                referenceMaxSeconds,
                referenceTotalSeconds,
                referenceVideoMaxMb,
                referenceVideoMinPixels,
                referenceVideoMaxPixels,
                outputFormats,
                omniReferenceTaskType,
                rpm,
                concurrency,
                videoInputMinimumExtraSeconds,
                flexPriceFactor,
                prices);
    }

    /** CNY per million tokens for a task of this model, or null when no rule matches. */
    public BigDecimal price(String resolution, boolean withVideo, boolean withAudio, boolean flexTier) {
        for (Price rule : prices) {
            if (rule.matches(resolution, withVideo, withAudio)) {
                BigDecimal price = rule.cnyPerMillionTokens();
                return flexTier && flexPriceFactor != null ? price.multiply(flexPriceFactor) : price;
            }
        }
        return null;
    }

    /** Whether this model uses the Seedance 1.0 pixel table. */
    public boolean seedance1Sizes() {
        return SEEDANCE_1_TABLE.equals(pixelTable);
    }

    /** The {@code ratio} default when the request has none (contract §2.1). */
    public String defaultRatio(boolean textOnly, boolean referenceImageScene) {
        if (!seedance1Sizes()) return "adaptive";
        if (referenceImageScene || textOnly) return "16:9";
        return "adaptive";
    }
}
