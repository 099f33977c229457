package dev.seedance4j.emulator.internal.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.media.CjkFont;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTextTest {

    /** What a machine with only a JDK gets: nothing configured, so the CJK font shipped with seedance4j-media. */
    static final RenderFonts DEFAULT = RenderFonts.discover(new Properties(), Map.of());
    /** What the emulator drew before it shipped a CJK font, on a machine without one: Latin glyphs only. */
    static final RenderFonts LATIN_ONLY = RenderFonts.withCjk(DEFAULT.latin());

    @TempDir
    Path dir;

    @Test
    void theShippedFontCoversLatinAndPunctuationButNotHanzi() {
        FontCoverage coverage = LATIN_ONLY.latinCoverage();
        assertThat("Aé·×…ßЖ".codePoints()).allMatch(coverage::covers);
        assertThat(coverage.covers('生')).isFalse();
        assertThat(coverage.covers(0x1F600)).isFalse();
    }

    @Test
    void wrapsAtSpacesWithinTheColumnBudget() {
        PromptText text = PromptText.layout("the quick brown fox jumps over the lazy dog", LATIN_ONLY, 16, 10);

        assertThat(text.lines()).containsExactly("the quick brown", "fox jumps over", "the lazy dog");
        assertThat(text.font()).isEqualTo(LATIN_ONLY.latin());
    }

    @Test
    void breaksWordsLongerThanALineAndKeepsExplicitLineBreaks() {
        PromptText text = PromptText.layout("abcdefghijklmnopqrstuvwxyz\nshort", LATIN_ONLY, 10, 10);

        assertThat(text.lines()).containsExactly("abcdefghij", "klmnopqrst", "uvwxyz", "short");
    }

    @Test
    void charactersTheFontLacksBecomeEscapes() {
        PromptText text = PromptText.layout("女孩 smiles 😀\tnow", LATIN_ONLY, 80, 3);

        assertThat(text.lines()).containsExactly("\\u5973\\u5B69 smiles \\U0001F600 now");
    }

    @Test
    void withNothingConfiguredChineseIsDrawnWithTheShippedFontAndOnlyEmojiAreEscaped() {
        assertThat(DEFAULT.cjk().getFileName().toString()).isEqualTo("NotoSansHans-Regular.otf");
        // every GB 2312 hanzi and the common Chinese punctuation
        for (int hi = 0xB0; hi <= 0xF7; hi++) {
            for (int lo = 0xA1; lo <= 0xFE; lo++) {
                String c = new String(new byte[] {(byte) hi, (byte) lo}, java.nio.charset.Charset.forName("GB2312"));
                if (!c.equals("\uFFFD"))
                    assertThat(DEFAULT.cjkCoverage().covers(c.codePointAt(0)))
                            .as(c)
                            .isTrue();
            }
        }
        assertThat("，。！？“”‘’：；、…—《》（）【】·～".codePoints()).allMatch(DEFAULT.cjkCoverage()::covers);

        PromptText text = PromptText.layout("夜色中，女孩 smiles 😀", DEFAULT, 80, 3);
        assertThat(text.font()).isEqualTo(DEFAULT.cjk());
        assertThat(text.lines()).containsExactly("夜色中，女孩 smiles \\U0001F600");
    }

    @Test
    void aPromptTooLongForTheFrameEndsWithAnEllipsis() {
        PromptText text = PromptText.layout("one two three four five six seven eight nine ten", LATIN_ONLY, 10, 2);

        assertThat(text.lines()).containsExactly("one two", "three fou…");
    }

    @Test
    void aConfiguredCjkFontWinsAndIsUsedOnlyForPromptsThatNeedIt() throws IOException {
        Path font = Files.copy(DEFAULT.cjk(), dir.resolve("configured-cjk.otf"));
        Properties properties = new Properties();
        properties.setProperty(CjkFont.PROPERTY, font.toString());
        RenderFonts fonts = RenderFonts.discover(properties, Map.of(CjkFont.ENVIRONMENT, "/ignored.otf"));

        assertThat(PromptText.layout("plain text", fonts, 40, 2).font()).isEqualTo(fonts.latin());
        assertThat(PromptText.layout("生 text", fonts, 40, 2).font()).isEqualTo(font);
    }

    @Test
    void aConfiguredCjkFontThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> RenderFonts.discover(new Properties(), Map.of(CjkFont.ENVIRONMENT, "/no/font.ttc")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SEEDANCE_CJK_FONT")
                .hasMessageContaining("/no/font.ttc");
    }

    @Test
    void closingChinesePunctuationNeverStartsALine() {
        PromptText text = PromptText.layout("夜色中她推开了门。镜头推近", DEFAULT, 16, 3);

        assertThat(text.lines()).containsExactly("夜色中她推开了门。", "镜头推近");
    }

    @Test
    void wideCharactersCountTwoColumns() {
        assertThat(PromptText.wide('生')).isTrue();
        assertThat(PromptText.wide('，')).isTrue();
        assertThat(PromptText.wide('a')).isFalse();
    }

    @Test
    void filterValuesSurviveBothLevelsOfQuoting() {
        assertThat(Graph.quote("a:b")).isEqualTo("''\\''a:b'\\'''");
        assertThat(Graph.quote("it's")).isEqualTo("''\\''it'\\''\\'\\'''\\''s'\\'''");
    }

    @Test
    void theWatermarkGlyphsAreSixteenBySixteenAndRenderWithAnOutline() {
        assertThat(WatermarkGlyphs.GLYPHS).hasSize(4).allSatisfy(rows -> {
            assertThat(rows).hasSize(16);
            assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(16).matches("[#.]+"));
        });
        BufferedImage mark = WatermarkGlyphs.render(2);

        assertThat(mark.getWidth()).isEqualTo(4 * 16 * 2 + 4);
        assertThat(mark.getHeight()).isEqualTo(16 * 2 + 4);
        assertThat(mark.getRGB(0, 0) >>> 24).isZero();
        long ink = 0;
        long outline = 0;
        for (int y = 0; y < mark.getHeight(); y++) {
            for (int x = 0; x < mark.getWidth(); x++) {
                int argb = mark.getRGB(x, y);
                if (argb == 0xF0FFFFFF) ink++;
                if (argb == 0xA0000000) outline++;
            }
        }
        assertThat(ink).isGreaterThan(200);
        assertThat(outline).isGreaterThan(200);
    }
}
