package dev.seedance4j.emulator;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a renderer needs, already resolved: output pixel size from the resolution/ratio table, a concrete
 * duration (never -1) and a concrete seed (never -1).
 *
 * @param taskId         written into the MP4 metadata only, never into the frames
 * @param width          output width in pixels
 * @param height         output height in pixels
 * @param durationSeconds output duration in whole seconds, at 24 fps
 * @param prompt         the text prompt, possibly empty, possibly CJK
 * @param seed           the seed actually used
 * @param generateAudio  add an AAC track (a voice-like tone pattern, or the first reference audio)
 * @param watermark      draw "AI生成" bottom-right
 * @param returnLastFrame also write a PNG of the real last frame
 * @param firstFrame     image shown at the start, or null
 * @param lastFrame      image shown at the end, or null
 * @param referenceImages thumbnails shown along the top, in content order
 * @param referenceVideos reference videos in content order (edit/extend), already probed as valid MP4/MOV
 * @param referenceAudios reference audio files in content order (wav/mp3)
 */
public record RenderSpec(
        String taskId,
        int width,
        int height,
        int durationSeconds,
        String prompt,
        long seed,
        boolean generateAudio,
        boolean watermark,
        boolean returnLastFrame,
        Path firstFrame,
        Path lastFrame,
        List<Path> referenceImages,
        List<Path> referenceVideos,
        List<Path> referenceAudios) {

    public RenderSpec {
        Objects.requireNonNull(taskId, "taskId");
        prompt = prompt == null ? "" : prompt;
        referenceImages = List.copyOf(referenceImages);
        referenceVideos = List.copyOf(referenceVideos);
        referenceAudios = List.copyOf(referenceAudios);
        if (width <= 0 || height <= 0)
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        if (durationSeconds <= 0)
            throw new IllegalArgumentException("durationSeconds must be positive: " + durationSeconds);
    }
}
