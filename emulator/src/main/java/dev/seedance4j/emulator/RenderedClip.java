package dev.seedance4j.emulator;

import java.nio.file.Path;

/**
 * The files a render produced.
 *
 * @param video     the H.264/AAC MP4
 * @param lastFrame the PNG of the real last frame, or null when it was not asked for
 */
public record RenderedClip(Path video, Path lastFrame) {}
