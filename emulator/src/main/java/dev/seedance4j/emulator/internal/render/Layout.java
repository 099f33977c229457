package dev.seedance4j.emulator.internal.render;

import dev.seedance4j.emulator.RenderSpec;

/** Where things go on a frame, in pixels, scaled from the frame height so every resolution looks alike. */
final class Layout {

    /** DejaVu Sans Mono advances 1233/2048 em per character; round up a little for safety. */
    private static final double MONO_ADVANCE = 0.61;
    /** The box drawn around the info line and the timecode, in pixels. */
    static final int INFO_BORDER = 2;

    final int margin;
    final int bar;
    final int thumbHeight;
    final int thumbWidth;
    final int labelSize;
    final int promptSize;
    final int promptBorder;
    final int promptColumns;
    /** The line with seed, size, frame rate and duration. */
    final String info;

    final int infoSize;
    final int infoTop;
    final int timecodeTop;
    final int watermarkScale;

    Layout(RenderSpec spec) {
        int w = spec.width();
        int h = spec.height();
        margin = Math.max(4, h / 30);
        bar = Math.max(2, h / 90);
        labelSize = Math.max(8, h / 40);
        thumbHeight = h / 6;
        int thumbs = spec.referenceImages().size() + spec.referenceVideos().size();
        thumbWidth =
                thumbs == 0 ? 0 : Math.max(8, Math.min(thumbHeight * 16 / 9, (w - margin * (thumbs + 1)) / thumbs));
        promptSize = Math.max(10, h / 24);
        promptBorder = Math.max(2, promptSize / 3);
        promptColumns = (int) ((w - 2 * margin - 2 * promptBorder) / (MONO_ADVANCE * promptSize));
        info = "seed %d · %d×%d · %d fps · %d s"
                .formatted(spec.seed(), w, h, FfmpegVideoRenderer.FPS, spec.durationSeconds());
        // as large as the other text, but never wider than the frame (a 9:16 frame is narrow for its height)
        int fitting = (int) ((w - 2 * margin - 2 * INFO_BORDER) / (MONO_ADVANCE * info.length()));
        infoSize = Math.max(8, Math.min(h / 32, fitting));
        infoTop = h - bar - margin - infoSize;
        timecodeTop = infoTop - infoSize - margin / 2 - 2;
        watermarkScale = Math.max(1, h / 360);
    }

    int promptTop(boolean withThumbnails) {
        return margin + promptBorder + (withThumbnails ? thumbHeight + labelSize + margin + 2 : 0);
    }

    /** As many lines as fit between the prompt's top and the timecode, at least one. */
    int promptLines(boolean withThumbnails) {
        int lineHeight = promptSize + promptSize / 4;
        return Math.max(1, (timecodeTop - margin - promptTop(withThumbnails)) / lineHeight);
    }
}
