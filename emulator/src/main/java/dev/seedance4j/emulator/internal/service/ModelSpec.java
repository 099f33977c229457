package dev.seedance4j.emulator.internal.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one model accepts (contract §2.4 and §3). The 1.0 models use their own pixel table.
 *
 * @param id                   model id as sent in {@code model}
 * @param series2              2.0 / 2.0 fast: reference videos and audios, tools, priority, no flex
 * @param resolutions          accepted {@code resolution} values
 * @param defaultResolution    resolution when none is given
 * @param minDuration          shortest {@code duration}
 * @param maxDuration          longest {@code duration}
 * @param autoDuration         {@code duration = -1} (model chooses) accepted
 * @param audio                {@code generate_audio} supported (defaults to true)
 * @param frames               {@code frames} supported (1.0 only)
 * @param cameraFixed          {@code camera_fixed} supported
 * @param flex                 {@code service_tier = flex} supported
 * @param draft                {@code draft} and {@code draft_task} supported (1.5 pro)
 * @param textToVideo          text-only requests accepted
 * @param firstFrame           first-frame scene accepted
 * @param firstLastFrame       first+last-frame scene accepted
 * @param maxReferenceImages   reference-image scene: at most this many images (0: scene not supported)
 * @param seedance1Sizes       use the Seedance 1.0 pixel table
 */
public record ModelSpec(
        String id,
        boolean series2,
        Set<String> resolutions,
        String defaultResolution,
        int minDuration,
        int maxDuration,
        boolean autoDuration,
        boolean audio,
        boolean frames,
        boolean cameraFixed,
        boolean flex,
        boolean draft,
        boolean textToVideo,
        boolean firstFrame,
        boolean firstLastFrame,
        int maxReferenceImages,
        boolean seedance1Sizes) {

    public static final String SEEDANCE_2_0 = "doubao-seedance-2-0-260128";
    public static final String SEEDANCE_2_0_FAST = "doubao-seedance-2-0-fast-260128";
    public static final String SEEDANCE_1_5_PRO = "doubao-seedance-1-5-pro-251215";
    public static final String SEEDANCE_1_0_PRO = "doubao-seedance-1-0-pro-250528";
    public static final String SEEDANCE_1_0_PRO_FAST = "doubao-seedance-1-0-pro-fast-251015";
    public static final String SEEDANCE_1_0_LITE_T2V = "doubao-seedance-1-0-lite-t2v-250428";
    public static final String SEEDANCE_1_0_LITE_I2V = "doubao-seedance-1-0-lite-i2v-250428";

    private static final Set<String> RES_2_0 = Set.of("480p", "720p", "1080p", "4k");
    private static final Set<String> RES_FAST = Set.of("480p", "720p");
    private static final Set<String> RES_STANDARD = Set.of("480p", "720p", "1080p");

    /** Every model the emulator serves, by id. */
    public static final Map<String, ModelSpec> ALL = List.of(
                    // 4k for 2.0 comes from the later doc (contract §2.1); accepted here because it is cheap to allow.
                    new ModelSpec(
                            SEEDANCE_2_0,
                            true,
                            RES_2_0,
                            "720p",
                            4,
                            15,
                            true,
                            true,
                            false,
                            false,
                            false,
                            false,
                            true,
                            true,
                            true,
                            9,
                            false),
                    new ModelSpec(
                            SEEDANCE_2_0_FAST,
                            true,
                            RES_FAST,
                            "720p",
                            4,
                            15,
                            true,
                            true,
                            false,
                            false,
                            false,
                            false,
                            true,
                            true,
                            true,
                            9,
                            false),
                    // BytePlus spells the 2.0 ids differently (contract §1.1); same capabilities.
                    new ModelSpec(
                            "dreamina-seedance-2-0-260128",
                            true,
                            RES_2_0,
                            "720p",
                            4,
                            15,
                            true,
                            true,
                            false,
                            false,
                            false,
                            false,
                            true,
                            true,
                            true,
                            9,
                            false),
                    new ModelSpec(
                            "dreamina-seedance-2-0-fast-260128",
                            true,
                            RES_FAST,
                            "720p",
                            4,
                            15,
                            true,
                            true,
                            false,
                            false,
                            false,
                            false,
                            true,
                            true,
                            true,
                            9,
                            false),
                    new ModelSpec(
                            SEEDANCE_1_5_PRO,
                            false,
                            RES_STANDARD,
                            "720p",
                            4,
                            12,
                            true,
                            true,
                            false,
                            true,
                            true,
                            true,
                            true,
                            true,
                            true,
                            0,
                            false),
                    new ModelSpec(
                            SEEDANCE_1_0_PRO,
                            false,
                            RES_STANDARD,
                            "1080p",
                            2,
                            12,
                            false,
                            false,
                            true,
                            true,
                            true,
                            false,
                            true,
                            true,
                            true,
                            0,
                            true),
                    new ModelSpec(
                            SEEDANCE_1_0_PRO_FAST,
                            false,
                            RES_STANDARD,
                            "1080p",
                            2,
                            12,
                            false,
                            false,
                            true,
                            true,
                            true,
                            false,
                            true,
                            true,
                            false,
                            0,
                            true),
                    new ModelSpec(
                            SEEDANCE_1_0_LITE_T2V,
                            false,
                            RES_STANDARD,
                            "720p",
                            2,
                            12,
                            false,
                            false,
                            true,
                            true,
                            true,
                            false,
                            true,
                            false,
                            false,
                            0,
                            true),
                    new ModelSpec(
                            SEEDANCE_1_0_LITE_I2V,
                            false,
                            RES_STANDARD,
                            "720p",
                            2,
                            12,
                            false,
                            false,
                            true,
                            true,
                            true,
                            false,
                            false,
                            true,
                            true,
                            4,
                            true))
            .stream()
            .collect(Collectors.toUnmodifiableMap(ModelSpec::id, Function.identity()));

    /** The {@code ratio} default when the request has none (contract §2.1). */
    public String defaultRatio(boolean textOnly, boolean referenceImageScene) {
        if (!seedance1Sizes) return "adaptive";
        if (referenceImageScene || textOnly) return "16:9";
        return "adaptive";
    }
}
