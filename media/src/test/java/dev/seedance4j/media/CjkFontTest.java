package dev.seedance4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped CJK font: found without any system font, and really drawing Chinese with the shipped ffmpeg. */
class CjkFontTest {

    @TempDir
    Path dir;

    @Test
    void anExplicitSettingWinsAndOneThatPointsNowhereIsAnError() throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.ttf"), "not really a font");
        Properties property = new Properties();
        property.setProperty(CjkFont.PROPERTY, mine.toString());
        assertThat(CjkFont.locate(property, Map.of(CjkFont.ENVIRONMENT, "/elsewhere.ttf")))
                .isEqualTo(mine);
        assertThat(CjkFont.locate(new Properties(), Map.of(CjkFont.ENVIRONMENT, mine.toString())))
                .isEqualTo(mine);
        assertThatThrownBy(() -> CjkFont.locate(new Properties(), Map.of(CjkFont.ENVIRONMENT, "/no/such/font.otf")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(CjkFont.ENVIRONMENT)
                .hasMessageContaining("/no/such/font.otf");
        Path bundled = CjkFont.locate(new Properties(), Map.of());
        assertThat(bundled).isEqualTo(CjkFont.bundled()).isRegularFile();
        assertThat(Files.size(bundled)).isGreaterThan(1_000_000);
    }

    @Test
    void theShippedFontDrawsEachChineseCharacterAsItsOwnGlyph() throws Exception {
        // A font without these glyphs draws nothing, or the same empty box for both: the pictures would be equal.
        BufferedImage night = draw("夜");
        BufferedImage colour = draw("色");
        assertThat(ink(night)).isGreaterThan(200);
        assertThat(ink(colour)).isGreaterThan(200);
        assertThat(differentPixels(night, colour)).isGreaterThan(200);
        // and the escape a font-less renderer would write instead is another picture altogether
        assertThat(differentPixels(draw("夜色"), draw("\\u591C\\u8272"))).isGreaterThan(200);
    }

    private BufferedImage draw(String text) throws Exception {
        Path textFile = Files.createTempFile(dir, "text", ".txt");
        Files.writeString(textFile, text, StandardCharsets.UTF_8);
        Path png = Files.createTempFile(dir, "frame", ".png");
        Ffmpeg.bundled()
                .run(
                        List.of(
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                "color=c=black:s=320x120:d=1",
                                "-vf",
                                "drawtext=fontfile=" + escape(CjkFont.bundled()) + ":textfile=" + escape(textFile)
                                        + ":fontsize=80:fontcolor=white:x=10:y=10",
                                "-frames:v",
                                "1",
                                "-update",
                                "1",
                                png.toString()),
                        Duration.ofMinutes(1));
        return ImageIO.read(png.toFile());
    }

    private static String escape(Path path) {
        return path.toString().replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'");
    }

    private static int ink(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++)
            for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xff) > 128) count++;
        return count;
    }

    private static int differentPixels(BufferedImage a, BufferedImage b) {
        int count = 0;
        for (int y = 0; y < a.getHeight(); y++)
            for (int x = 0; x < a.getWidth(); x++)
                if (Math.abs((a.getRGB(x, y) & 0xff) - (b.getRGB(x, y) & 0xff)) > 64) count++;
        return count;
    }
}
