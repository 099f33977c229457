package dev.seedance4j.client;

import java.util.Objects;

/**
 * The role of an image, video or audio item in {@code content[]}: an open value type.
 *
 * <p>{@link #FIRST_FRAME} and {@link #LAST_FRAME} belong to the first(+last) frame scenes; the three
 * {@code REFERENCE_*} roles belong to the multimodal reference scene. The two scenes may not be mixed.
 *
 * @param value the raw value sent as {@code role}
 */
public record Role(String value) {
    public static final Role FIRST_FRAME = new Role("first_frame");
    public static final Role LAST_FRAME = new Role("last_frame");
    public static final Role REFERENCE_IMAGE = new Role("reference_image");
    public static final Role REFERENCE_VIDEO = new Role("reference_video");
    public static final Role REFERENCE_AUDIO = new Role("reference_audio");

    public Role {
        Objects.requireNonNull(value, "role");
    }

    public static Role of(String value) {
        return new Role(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
