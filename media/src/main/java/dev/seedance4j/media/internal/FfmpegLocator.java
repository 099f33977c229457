package dev.seedance4j.media.internal;

import dev.seedance4j.media.FfmpegException;
import dev.seedance4j.media.FfmpegSource;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Finds ffmpeg: the {@code seedance.ffmpeg} system property, the {@code SEEDANCE_FFMPEG} environment variable,
 * {@code PATH}, then the static build shipped in {@code ws.schild:jave-nativebin-linux64}. An explicit setting that
 * points nowhere is an error rather than a silent fall-through, so a typo never runs a different ffmpeg.
 */
public final class FfmpegLocator {

    public static final String PROPERTY = "seedance.ffmpeg";
    public static final String ENVIRONMENT = "SEEDANCE_FFMPEG";
    static final String BUNDLED_RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";

    /** An executable and where it came from. */
    public record Located(Path executable, FfmpegSource source) {}

    private final Properties properties;
    private final Map<String, String> env;
    private final UserCache cache;

    public FfmpegLocator(Properties properties, Map<String, String> env, UserCache cache) {
        this.properties = properties;
        this.env = env;
        this.cache = cache;
    }

    public static FfmpegLocator forCurrentProcess() {
        return new FfmpegLocator(System.getProperties(), System.getenv(), UserCache.forCurrentUser());
    }

    public Located locate() {
        String property = properties.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new Located(
                    requireExecutable(property, "system property " + PROPERTY), FfmpegSource.SYSTEM_PROPERTY);
        }
        String variable = env.get(ENVIRONMENT);
        if (variable != null && !variable.isBlank()) {
            return new Located(
                    requireExecutable(variable, "environment variable " + ENVIRONMENT), FfmpegSource.ENVIRONMENT);
        }
        Path onPath = searchPath();
        if (onPath != null) return new Located(onPath, FfmpegSource.PATH);
        return bundled();
    }

    /** The Maven-shipped static build, even when another ffmpeg is installed. */
    public Located bundled() {
        String os = properties.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = properties.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new FfmpegException("There is no bundled ffmpeg for " + os + "/" + arch
                    + " (only linux/amd64 ships in a Maven artifact): install ffmpeg on PATH, or set " + ENVIRONMENT
                    + " (or the system property " + PROPERTY + ") to its path");
        }
        URL resource = FfmpegLocator.class.getClassLoader().getResource(BUNDLED_RESOURCE);
        if (resource == null) {
            throw new FfmpegException(
                    "There is no bundled ffmpeg because ws.schild:jave-nativebin-linux64 is not on the"
                            + " class path: install ffmpeg on PATH, set " + ENVIRONMENT
                            + " to its path, or add that artifact");
        }
        return new Located(cache.materialise(resource, "ffmpeg", true), FfmpegSource.BUNDLED);
    }

    private static Path requireExecutable(String value, String origin) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new FfmpegException(origin + " is not a valid path: " + value, e);
        }
        if (!Files.isRegularFile(path))
            throw new FfmpegException(origin + " points to " + value + ", which is not a file");
        if (!Files.isExecutable(path))
            throw new FfmpegException(origin + " points to " + value + ", which is not executable");
        return path;
    }

    private Path searchPath() {
        String path = env.get("PATH");
        if (path == null) return null;
        boolean windows =
                properties.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        String name = windows ? "ffmpeg.exe" : "ffmpeg";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            try {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
            } catch (InvalidPathException e) {
                // a malformed PATH entry cannot hold ffmpeg; keep looking
            }
        }
        return null;
    }
}
