package dev.seedance4j.emulator.internal.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The "AI生成" mark as a bitmap. CJK fonts are not assumed present, so the four glyphs are drawn from 16×16 pixel
 * patterns held here, scaled by a whole factor (nearest neighbour, so edges stay crisp) and given a dark outline so
 * that they read on any background. The same pattern on every machine keeps renders comparable.
 */
final class WatermarkGlyphs {

    static final int GLYPH_SIZE = 16;

    /** A, I, 生, 成: {@code #} is ink. */
    static final List<String[]> GLYPHS = List.of(
            new String[] {
                "................",
                "................",
                "......####......",
                "......####......",
                ".....##..##.....",
                ".....##..##.....",
                "....##....##....",
                "....##....##....",
                "...##########...",
                "...##########...",
                "..##........##..",
                "..##........##..",
                ".##..........##.",
                ".##..........##.",
                "................",
                "................"
            },
            new String[] {
                "................",
                "................",
                "....########....",
                "....########....",
                "......####......",
                "......####......",
                "......####......",
                "......####......",
                "......####......",
                "......####......",
                "......####......",
                "......####......",
                "....########....",
                "....########....",
                "................",
                "................"
            },
            new String[] {
                "................",
                "....##..##......",
                "....#...##......",
                "...##...##......",
                "...###########..",
                "..##....##......",
                ".##.....##......",
                "........##......",
                "..############..",
                "........##......",
                "........##......",
                "........##......",
                "........##......",
                "##############..",
                "................",
                "................"
            },
            new String[] {
                ".........##.##..",
                ".........##..##.",
                ".........##.....",
                ".###############",
                ".##......##.....",
                ".##......##.....",
                ".######..##..##.",
                ".##...#..##.##..",
                ".##...#...###...",
                ".##...#....##...",
                ".##...#...###..#",
                ".##.##...##..#.#",
                ".#......##...###",
                "##.....##.....##",
                "#...............",
                "................"
            });

    private static final int INK = 0xF0FFFFFF;
    private static final int OUTLINE = 0xA0000000;

    private WatermarkGlyphs() {}

    /** Writes the mark at {@code scale} pixels per glyph pixel as an RGBA PNG. */
    static void writePng(int scale, Path png) throws IOException {
        BufferedImage image = render(scale);
        if (!ImageIO.write(image, "png", png.toFile())) throw new IOException("no PNG writer available");
    }

    static BufferedImage render(int scale) {
        int border = scale; // room for the outline around the outermost pixels
        int width = GLYPHS.size() * GLYPH_SIZE * scale + 2 * border;
        int height = GLYPH_SIZE * scale + 2 * border;
        boolean[][] ink = new boolean[height][width];
        for (int g = 0; g < GLYPHS.size(); g++) {
            String[] rows = GLYPHS.get(g);
            for (int y = 0; y < GLYPH_SIZE; y++) {
                for (int x = 0; x < GLYPH_SIZE; x++) {
                    if (rows[y].charAt(x) != '#') continue;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            ink[border + y * scale + dy][border + (g * GLYPH_SIZE + x) * scale + dx] = true;
                        }
                    }
                }
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y][x]) image.setRGB(x, y, INK);
                else if (nearInk(ink, x, y, scale)) image.setRGB(x, y, OUTLINE);
            }
        }
        return image;
    }

    private static boolean nearInk(boolean[][] ink, int x, int y, int radius) {
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if (yy >= 0 && yy < ink.length && xx >= 0 && xx < ink[0].length && ink[yy][xx]) return true;
            }
        }
        return false;
    }
}
