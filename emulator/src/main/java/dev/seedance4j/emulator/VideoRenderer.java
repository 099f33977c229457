package dev.seedance4j.emulator;

import dev.seedance4j.emulator.internal.render.FfmpegVideoRenderer;
import dev.seedance4j.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a validated generation request into real media files. The service layer fetches and checks every reference
 * medium first, so a renderer only ever sees local files that exist.
 */
public interface VideoRenderer {

    /** The emulator's own renderer: one ffmpeg run per clip (benchmarks use it to time rendering alone). */
    static VideoRenderer withFfmpeg(Ffmpeg ffmpeg) {
        return new FfmpegVideoRenderer(ffmpeg);
    }

    /**
     * Renders {@code spec} into {@code directory} (which exists and belongs to this task alone).
     * The same spec must give the same picture and sound; {@link RenderSpec#taskId()} only goes into metadata.
     */
    RenderedClip render(RenderSpec spec, Path directory) throws IOException;
}
