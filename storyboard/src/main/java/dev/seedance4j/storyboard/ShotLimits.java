package dev.seedance4j.storyboard;

import dev.seedance4j.client.Model;
import dev.seedance4j.client.ModelTable;
import dev.seedance4j.client.VideoModelSpec;

/**
 * What a shot may be for the project's video model (the client's model table): its shortest and longest duration
 * and how many reference images one request takes.
 *
 * @param model              the video model id
 * @param minDuration        shortest shot in seconds
 * @param maxDuration        longest shot in seconds
 * @param maxReferenceImages most reference images in one shot
 */
public record ShotLimits(String model, int minDuration, int maxDuration, int maxReferenceImages) {

    /** The video model the importer plans for unless the project names another (as the demo does). */
    public static final String DEFAULT_MODEL = Model.SEEDANCE_2_0_FAST.id();

    /** The limits of {@code model} from {@code table}; Seedance 2.0's (4–15 s, 9 images) when the table lacks it. */
    public static ShotLimits of(String model, ModelTable table) {
        return table.video(Model.of(model)).map(spec -> of(model, spec)).orElse(new ShotLimits(model, 4, 15, 9));
    }

    static ShotLimits of(String model, VideoModelSpec spec) {
        int images = spec.scenes().maxReferenceImages() > 0 ? spec.scenes().maxReferenceImages() : 9;
        return new ShotLimits(model, spec.minDuration(), spec.maxDuration(), Math.min(images, 9));
    }

    /** {@code seconds} rounded up and held within the range. */
    public int clamp(double seconds) {
        return (int) Math.max(minDuration, Math.min(maxDuration, Math.ceil(seconds - 1e-9)));
    }
}
