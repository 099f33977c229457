package dev.seedance4j.client;

import java.util.Objects;

/**
 * The model (or endpoint) a task runs on: an open value type.
 *
 * <p>The constants name the models this library knows the rules of. Any other model id or an endpoint id
 * ({@code ep-...}) is accepted through {@link #of(String)}: the service adds models faster than a library ships, so
 * an unknown value is kept as is, never rejected. Validation and cost estimates need a known model; for others,
 * skip validation ({@code tasks().create(request, CreateOptions.skipValidation())}) and give the price yourself.
 *
 * @param id the raw id sent as {@code model}
 */
public record Model(String id) {
    /** Seedance 2.0: text, first frame, first+last frame, multimodal references (images, videos, audio). */
    public static final Model SEEDANCE_2_0 = new Model("doubao-seedance-2-0-260128");
    /** Seedance 2.0 fast: the scenes of 2.0 at 480p or 720p, cheaper and quicker. */
    public static final Model SEEDANCE_2_0_FAST = new Model("doubao-seedance-2-0-fast-260128");
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
