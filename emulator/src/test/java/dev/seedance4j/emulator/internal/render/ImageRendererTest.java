package dev.seedance4j.emulator.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image renderer draws Chinese with the CJK font shipped with seedance4j-media, as the video renderer does. */
class ImageRendererTest {

    private static final int SIDE = 640;
    /** The prompt box of a square image without references: from the margin, one line of text tall. */
    private static final int MARGIN = SIDE / 30;

    private static final int LINE = SIDE / 24;

    @Test
    void chineseIsDrawnAsChineseOnAMachineWithOnlyAJdk() {
        // Nothing configured and no system font looked at: the shipped font draws it.
        ImageRenderer renderer = new ImageRenderer(PromptTextTest.DEFAULT);
        boolean[][] night = text(renderer.render(spec("夜夜夜夜夜夜夜夜")));
        boolean[][] colour = text(renderer.render(spec("色色色色色色色色")));
        assertThat(ink(night)).as("the prompt is drawn").isGreaterThan(300);
        assertThat(ink(colour)).isGreaterThan(300);
        // a font without these glyphs draws the same missing-glyph box for both; the shipped one draws each as itself
        assertThat(differences(night, colour)).isGreaterThan(300);
        // and not what the renderer drew without a CJK font: \u591C escapes in the Latin font
        boolean[][] escaped = text(new ImageRenderer(PromptTextTest.LATIN_ONLY).render(spec("夜夜夜夜夜夜夜夜")));
        assertThat(differences(night, escaped)).isGreaterThan(300);
    }

    private static ImageRenderer.Spec spec(String prompt) {
        return new ImageRenderer.Spec(
                SIDE, SIDE, prompt, 7, 0, 1, null, List.of(), false, "doubao-seedream-4-0-250828", false);
    }

    /**
     * Where the prompt's white text is: its box darkens the picture under it to at most 45 % of white, so only the
     * glyphs are brighter than that (the palette, which follows the prompt, does not matter).
     */
    private static boolean[][] text(BufferedImage image) {
        int top = MARGIN;
        int height = 2 * LINE;
        boolean[][] mask = new boolean[height][SIDE - 2 * MARGIN];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < mask[y].length; x++) {
                int rgb = image.getRGB(MARGIN + x, top + y);
                int min = Math.min((rgb >> 16) & 0xff, Math.min((rgb >> 8) & 0xff, rgb & 0xff));
                mask[y][x] = min > 200;
            }
        }
        return mask;
    }

    private static int ink(boolean[][] mask) {
        int count = 0;
        for (boolean[] row : mask) for (boolean on : row) if (on) count++;
        return count;
    }

    private static int differences(boolean[][] a, boolean[][] b) {
        int count = 0;
        for (int y = 0; y < a.length; y++) for (int x = 0; x < a[y].length; x++) if (a[y][x] != b[y][x]) count++;
        return count;
    }
}
