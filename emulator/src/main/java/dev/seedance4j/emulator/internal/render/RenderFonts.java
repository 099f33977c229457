package dev.seedance4j.emulator.internal.render;

import dev.seedance4j.media.CjkFont;
import dev.seedance4j.media.ResourceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The fonts drawtext uses. The Latin font (DejaVu Sans Mono, shipped as a resource) draws Latin prompts and every
 * label; prompts with other characters are drawn with the CJK font of {@link CjkFont} (the one shipped with
 * seedance4j-media unless {@code seedance.cjk.font} / {@code SEEDANCE_CJK_FONT} names another), so that the same
 * request renders the same picture on every machine, system fonts or not. Characters neither covers (emoji) are
 * written as {@code \\uXXXX} escapes: readable and unambiguous.
 *
 * @param latin         DejaVu Sans Mono
 * @param latinCoverage what it can draw
 * @param cjk           the CJK font
 * @param cjkCoverage   what that can draw
 */
record RenderFonts(Path latin, FontCoverage latinCoverage, Path cjk, FontCoverage cjkCoverage) {

    static RenderFonts discover() {
        return discover(System.getProperties(), System.getenv());
    }

    static RenderFonts discover(Properties properties, Map<String, String> env) {
        return withCjk(CjkFont.locate(properties, env));
    }

    /** The shipped Latin font with {@code cjk} for everything else. */
    static RenderFonts withCjk(Path cjk) {
        Path latin = ResourceFiles.file(RenderFonts.class.getResource("DejaVuSansMono.ttf"), "DejaVuSansMono.ttf");
        return new RenderFonts(latin, coverage(latin), cjk, coverage(cjk));
    }

    private static FontCoverage coverage(Path font) {
        try {
            return FontCoverage.read(font);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + font, e);
        }
    }
}
