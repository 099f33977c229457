package dev.seedance4j.client.internal;

import dev.seedance4j.client.Model;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each known model accepts, from the contract's capability matrix (§2.1, §2.4, §3). One record per model id.
 *
 * @param family             short name used in messages and price/size tables
 * @param resolutions        accepted {@code resolution} values
 * @param defaultResolution  what the service uses when none is sent
 * @param minDuration        shortest {@code duration}
 * @param maxDuration        longest {@code duration}
 * @param autoDuration       whether {@code duration: -1} (model chooses) is accepted
 * @param frames             whether {@code frames} is accepted (1.0 only)
 * @param cameraFixed        whether {@code camera_fixed} is accepted
 * @param audioOutput        whether {@code generate_audio} is accepted
 * @param flex               whether {@code service_tier: flex} is accepted
 * @param draft              whether {@code draft} and {@code draft_task} are accepted (1.5 pro)
 * @param seriesTwo          the 2.0 series: tools, priority, videos, audio, asset ids, price tiers by video input
 * @param textToVideo        whether a prompt alone is accepted
 * @param firstFrame         whether the first-frame scene is accepted
 * @param firstAndLastFrame  whether the first+last frame scene is accepted
 * @param maxReferenceImages most reference images (0: no reference scene)
 * @param referenceNo1080p   whether the reference-image scene refuses 1080p (1.0 lite i2v)
 * @param v1Sizes            whether output sizes follow the Seedance 1.0 table
 */
public record ModelRules(
        String family,
        Set<String> resolutions,
        String defaultResolution,
        int minDuration,
        int maxDuration,
        boolean autoDuration,
        boolean frames,
        boolean cameraFixed,
        boolean audioOutput,
        boolean flex,
        boolean draft,
        boolean seriesTwo,
        boolean textToVideo,
        boolean firstFrame,
        boolean firstAndLastFrame,
        int maxReferenceImages,
        boolean referenceNo1080p,
        boolean v1Sizes) {

    public static final int MAX_VIDEOS = 3;
    public static final int MAX_AUDIOS = 3;
    public static final int MAX_MEDIA_SECONDS = 15;
    public static final List<String> RATIOS = List.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive");

    private static final Set<String> ALL_RES = Set.of("480p", "720p", "1080p");

    private static final Map<String, ModelRules> KNOWN = Map.of(
            Model.SEEDANCE_2_0.id(),
                    new ModelRules(
                            "seedance-2.0",
                            Set.of("480p", "720p", "1080p", "4k"),
                            "720p",
                            4,
                            15,
                            true,
                            false,
                            false,
                            true,
                            false,
                            false,
                            true,
                            true,
                            true,
                            true,
                            9,
                            false,
                            false),
            Model.SEEDANCE_2_0_FAST.id(),
                    new ModelRules(
                            "seedance-2.0-fast",
                            Set.of("480p", "720p"),
                            "720p",
                            4,
                            15,
                            true,
                            false,
                            false,
                            true,
                            false,
                            false,
                            true,
                            true,
                            true,
                            true,
                            9,
                            false,
                            false),
            Model.SEEDANCE_1_5_PRO.id(),
                    new ModelRules(
                            "seedance-1.5-pro",
                            ALL_RES,
                            "720p",
                            4,
                            12,
                            true,
                            false,
                            true,
                            true,
                            true,
                            true,
                            false,
                            true,
                            true,
                            true,
                            0,
                            false,
                            false),
            Model.SEEDANCE_1_0_PRO.id(),
                    new ModelRules(
                            "seedance-1.0-pro",
                            ALL_RES,
                            "1080p",
                            2,
                            12,
                            false,
                            true,
                            true,
                            false,
                            true,
                            false,
                            false,
                            true,
                            true,
                            true,
                            0,
                            false,
                            true),
            Model.SEEDANCE_1_0_PRO_FAST.id(),
                    new ModelRules(
                            "seedance-1.0-pro-fast",
                            ALL_RES,
                            "1080p",
                            2,
                            12,
                            false,
                            true,
                            true,
                            false,
                            true,
                            false,
                            false,
                            true,
                            true,
                            false,
                            0,
                            false,
                            true),
            Model.SEEDANCE_1_0_LITE_T2V.id(),
                    new ModelRules(
                            "seedance-1.0-lite-t2v",
                            ALL_RES,
                            "720p",
                            2,
                            12,
                            false,
                            true,
                            true,
                            false,
                            true,
                            false,
                            false,
                            true,
                            false,
                            false,
                            0,
                            false,
                            true),
            Model.SEEDANCE_1_0_LITE_I2V.id(),
                    new ModelRules(
                            "seedance-1.0-lite-i2v",
                            ALL_RES,
                            "720p",
                            2,
                            12,
                            false,
                            true,
                            true,
                            false,
                            true,
                            false,
                            false,
                            false,
                            true,
                            true,
                            4,
                            true,
                            true));

    /** The rules of a model id, or {@code null} for a model (or endpoint id) this library does not know. */
    public static ModelRules of(Model model) {
        return KNOWN.get(model.id());
    }
}
