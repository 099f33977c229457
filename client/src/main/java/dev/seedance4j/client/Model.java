package dev.seedance4j.client;

import java.util.Objects;

/**
 * An Ark model (or endpoint) id: a Seedance video model, a chat model or a Seedream image model. An open value
 * type.
 *
 * <p>The constants name models of the bundled {@link ModelTable}; ids marked UNCERTAIN there come from third-party
 * registries. Any other model id or an endpoint id ({@code ep-...}) is accepted through {@link #of(String)}: the
 * service adds models faster than a library ships, so an unknown value is kept as is, never rejected. Validation
 * and cost estimates need a model the table knows: add yours to the table (e.g. {@code "like"} a known model),
 * validate it as a known model ({@code CreateOptions.validateAs}) or skip validation.
 *
 * @param id the raw id sent as {@code model}
 */
public record Model(String id) {
    /** Seedance 2.0: text, first frame, first+last frame, multimodal references (images, videos, audio). */
    public static final Model SEEDANCE_2_0 = new Model("doubao-seedance-2-0-260128");
    /** Seedance 2.0 fast: the scenes of 2.0 at 480p or 720p, cheaper and quicker. */
    public static final Model SEEDANCE_2_0_FAST = new Model("doubao-seedance-2-0-fast-260128");
    /** Seedance 2.0 mini: the scenes of 2.0 fast at 480p or 720p. The id is UNCERTAIN (later docs, third parties). */
    public static final Model SEEDANCE_2_0_MINI = new Model("doubao-seedance-2-0-mini-260615");
    /**
     * Seedance 2.5: 4–30 s, lip-sync to supplied audio (audio may be the only reference), up to 10 reference files,
     * {@code output_format} and {@code omni_reference_task_type}. The id is UNCERTAIN (later docs, third parties).
     */
    public static final Model SEEDANCE_2_5 = new Model("doubao-seedance-2-5-260628");
    /** Seedance 1.5 pro: text, first frame, first+last frame; drafts; audio. */
    public static final Model SEEDANCE_1_5_PRO = new Model("doubao-seedance-1-5-pro-251215");
    /** Seedance 1.0 pro: text, first frame, first+last frame; silent. */
    public static final Model SEEDANCE_1_0_PRO = new Model("doubao-seedance-1-0-pro-250528");
    /** Seedance 1.0 pro fast: text and first frame; silent. */
    public static final Model SEEDANCE_1_0_PRO_FAST = new Model("doubao-seedance-1-0-pro-fast-251015");
    /** Seedance 1.0 lite, text to video. */
    public static final Model SEEDANCE_1_0_LITE_T2V = new Model("doubao-seedance-1-0-lite-t2v-250428");
    /** Seedance 1.0 lite, image to video: first frame, first+last frame, 1–4 reference images. */
    public static final Model SEEDANCE_1_0_LITE_I2V = new Model("doubao-seedance-1-0-lite-i2v-250428");

    /** Seedream 4.0 image generation (sizes 1K/2K/4K or 1024² to 4096² pixels). */
    public static final Model SEEDREAM_4_0 = new Model("doubao-seedream-4-0-250828");
    /** Seedream 4.5 image generation (2K/4K or at least 3 686 400 pixels). */
    public static final Model SEEDREAM_4_5 = new Model("doubao-seedream-4-5-251128");
    /** Seedream 5.0 image generation. */
    public static final Model SEEDREAM_5_0 = new Model("doubao-seedream-5-0-260128");
    /** Seedream 5.0 lite image generation. */
    public static final Model SEEDREAM_5_0_LITE = new Model("doubao-seedream-5-0-lite-260128");
    /** Doubao Seed 1.6 chat (json_schema documented; thinking on by default). */
    public static final Model SEED_1_6 = new Model("doubao-seed-1-6-250615");
    /** Doubao Seed 1.6 flash chat. */
    public static final Model SEED_1_6_FLASH = new Model("doubao-seed-1-6-flash-250828");
    /** Doubao Seed 2.0 pro chat (json_schema reported from mid-2026: UNCERTAIN). */
    public static final Model SEED_2_0_PRO = new Model("doubao-seed-2-0-pro-260215");
    /** Doubao Seed 2.0 lite chat. */
    public static final Model SEED_2_0_LITE = new Model("doubao-seed-2-0-lite-260215");
    /** Doubao Seed 2.0 mini chat. */
    public static final Model SEED_2_0_MINI = new Model("doubao-seed-2-0-mini-260215");

    public Model {
        Objects.requireNonNull(id, "model id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("model id is blank");
        }
    }

    /** The model with this id or endpoint id; unknown values are kept. */
    public static Model of(String id) {
        return new Model(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
