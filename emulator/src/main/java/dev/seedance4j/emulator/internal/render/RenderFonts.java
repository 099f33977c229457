package dev.seedance4j.emulator.internal.render;

import dev.seedance4j.media.ResourceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts drawtext uses. The Latin font (DejaVu Sans Mono, shipped as a resource) is always there; a CJK-capable
 * font is used for prompts when one is configured ({@code seedance.cjk.font} / {@code SEEDANCE_CJK_FONT}) or found
 * in a common place. Without one, characters no font covers are written as {@code \\uXXXX} escapes: readable,
 * unambiguous, and the same on every machine.
 *
 * @param latin        DejaVu Sans Mono
 * @param latinCoverage what it can draw
 * @param cjk          a CJK-capable font, or null
 * @param cjkCoverage  what that can draw, or null
 */
record RenderFonts(Path latin, FontCoverage latinCoverage, Path cjk, FontCoverage cjkCoverage) {

    private static final Logger LOG = LoggerFactory.getLogger(RenderFonts.class);
    static final String PROPERTY = "seedance.cjk.font";
    static final String ENVIRONMENT = "SEEDANCE_CJK_FONT";
    private static final int PROBE_CHARACTER = 0x751F; // 生

    /** Font files where Linux distributions, macOS and Windows usually keep a CJK font. */
    static final List<String> COMMON_CJK_FONTS = List.of(
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
            "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/System/Library/Fonts/PingFang.ttc",
            "/System/Library/Fonts/STHeiti Light.ttc",
            "C:\\Windows\\Fonts\\msyh.ttc",
            "C:\\Windows\\Fonts\\simhei.ttf");

    static RenderFonts discover() {
        return discover(System.getProperties(), System.getenv(), COMMON_CJK_FONTS);
    }

    static RenderFonts discover(Properties properties, Map<String, String> env, List<String> commonPaths) {
        Path latin = ResourceFiles.file(RenderFonts.class.getResource("DejaVuSansMono.ttf"), "DejaVuSansMono.ttf");
        FontCoverage latinCoverage = coverage(latin);
        String explicit = properties.getProperty(PROPERTY, env.get(ENVIRONMENT));
        if (explicit != null && !explicit.isBlank()) {
            Path cjk = Path.of(explicit);
            if (!Files.isRegularFile(cjk)) {
                throw new IllegalStateException(
                        PROPERTY + " / " + ENVIRONMENT + " points to " + explicit + ", which is not a file");
            }
            return new RenderFonts(latin, latinCoverage, cjk, coverage(cjk));
        }
        for (String candidate : commonPaths) {
            Path cjk = Path.of(candidate);
            if (!Files.isRegularFile(cjk)) continue;
            try {
                FontCoverage cjkCoverage = FontCoverage.read(cjk);
                if (cjkCoverage.covers(PROBE_CHARACTER)) {
                    LOG.debug("drawing CJK prompts with {}", cjk);
                    return new RenderFonts(latin, latinCoverage, cjk, cjkCoverage);
                }
            } catch (IOException e) {
                LOG.debug("skipping unreadable font {}: {}", cjk, e.toString());
            }
        }
        LOG.debug("no CJK font found; CJK characters of prompts are drawn as \\uXXXX escapes");
        return new RenderFonts(latin, latinCoverage, null, null);
    }

    private static FontCoverage coverage(Path font) {
        try {
            return FontCoverage.read(font);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + font, e);
        }
    }
}
