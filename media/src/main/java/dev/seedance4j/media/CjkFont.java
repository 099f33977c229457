package dev.seedance4j.media;

import dev.seedance4j.media.internal.UserCache;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The font that draws Chinese (and Latin) text into pictures with ffmpeg's {@code drawtext}, so that a machine with
 * only a JDK shows 夜色 as 夜色: the {@code seedance.cjk.font} system property, else the {@code SEEDANCE_CJK_FONT}
 * environment variable, else the font shipped in this artifact (Noto Sans S Chinese Regular, SIL Open Font
 * License, every GB 2312 character and about 30 000 in all), extracted once into the user cache like the bundled
 * ffmpeg. An explicit setting that points nowhere is an error, never a silent fall-back.
 */
public final class CjkFont {

    public static final String PROPERTY = "seedance.cjk.font";
    public static final String ENVIRONMENT = "SEEDANCE_CJK_FONT";
    static final String BUNDLED_RESOURCE = "fonts/NotoSansHans-Regular.otf";

    private CjkFont() {}

    /**
     * The font to use: the configured one, else the shipped one.
     *
     * @throws IllegalStateException when the property or variable names a file that does not exist
     */
    public static Path locate() {
        return locate(System.getProperties(), System.getenv());
    }

    /** {@link #locate()} as a process with these system properties and environment would see it. */
    public static Path locate(Properties properties, Map<String, String> env) {
        String property = properties.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) return existing(property, "the system property " + PROPERTY);
        String variable = env.get(ENVIRONMENT);
        if (variable != null && !variable.isBlank())
            return existing(variable, "the environment variable " + ENVIRONMENT);
        return bundled();
    }

    /** The shipped font, even when another one is configured. */
    public static Path bundled() {
        URL resource = CjkFont.class.getResource(BUNDLED_RESOURCE);
        if (resource == null) throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from seedance4j-media");
        return UserCache.forCurrentUser().materialise(resource, "NotoSansHans-Regular.otf", false);
    }

    private static Path existing(String value, String origin) {
        Path font;
        try {
            font = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalStateException(origin + " is not a valid path: " + value, e);
        }
        if (!Files.isRegularFile(font)) {
            throw new IllegalStateException(
                    origin + " points to " + value + ", which is not a file; set it to a TrueType/OpenType font with"
                            + " Chinese glyphs, or unset it to use the font shipped with seedance4j");
        }
        return font;
    }
}
