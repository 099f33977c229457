package dev.seedance4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegException;
import dev.seedance4j.media.FfmpegSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegLocatorTest {

    private static Path bundled;

    @TempDir
    Path dir;

    @BeforeAll
    static void extractTheBundledBuild() {
        bundled = Ffmpeg.bundled().executable();
    }

    @Test
    void theSystemPropertyWinsOverEverything() throws IOException {
        Path onPath = linkInto(dir.resolve("bin"));
        FfmpegLocator.Located located = locator(
                        props(FfmpegLocator.PROPERTY, bundled.toString()),
                        Map.of(
                                FfmpegLocator.ENVIRONMENT,
                                "/nowhere/ffmpeg",
                                "PATH",
                                onPath.getParent().toString()))
                .locate();

        assertThat(located.source()).isEqualTo(FfmpegSource.SYSTEM_PROPERTY);
        assertThat(located.executable()).isEqualTo(bundled);
    }

    @Test
    void theEnvironmentVariableComesBeforePath() throws IOException {
        Path onPath = linkInto(dir.resolve("bin"));
        FfmpegLocator.Located located = locator(
                        props(),
                        Map.of(
                                FfmpegLocator.ENVIRONMENT,
                                bundled.toString(),
                                "PATH",
                                onPath.getParent().toString()))
                .locate();

        assertThat(located.source()).isEqualTo(FfmpegSource.ENVIRONMENT);
        assertThat(located.executable()).isEqualTo(bundled);
    }

    @Test
    void findsFfmpegOnPathAndTheFoundOneRuns() throws IOException {
        Path link = linkInto(dir.resolve("bin"));
        String path = dir.resolve("empty") + java.io.File.pathSeparator + link.getParent();
        Files.createDirectories(dir.resolve("empty"));

        FfmpegLocator.Located located = locator(props(), Map.of("PATH", path)).locate();

        assertThat(located.source()).isEqualTo(FfmpegSource.PATH);
        assertThat(located.executable()).isEqualTo(link);
        assertThat(Ffmpeg.at(located.executable()).version()).startsWith("ffmpeg version");
    }

    @Test
    void fallsBackToTheBundledBuildWhenNothingElseIsThere() {
        FfmpegLocator.Located located =
                locator(props(), Map.of("PATH", dir.toString())).locate();

        assertThat(located.source()).isEqualTo(FfmpegSource.BUNDLED);
        assertThat(Files.isExecutable(located.executable())).isTrue();
    }

    @Test
    void bundledIsChosenWhenForcedEvenWithFfmpegOnPath() throws IOException {
        Path link = linkInto(dir.resolve("bin"));
        FfmpegLocator locator = locator(props(), Map.of("PATH", link.getParent().toString()));

        assertThat(locator.locate().source()).isEqualTo(FfmpegSource.PATH);
        assertThat(locator.bundled().source()).isEqualTo(FfmpegSource.BUNDLED);
    }

    @Test
    void anExplicitSettingThatPointsNowhereIsAnErrorNotAFallThrough() throws IOException {
        Path notExecutable = Files.writeString(dir.resolve("ffmpeg-text"), "#!/bin/sh\n");

        assertThatThrownBy(() -> locator(props(), Map.of(FfmpegLocator.ENVIRONMENT, "/nowhere/ffmpeg"))
                        .locate())
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining(
                        "environment variable SEEDANCE_FFMPEG points to /nowhere/ffmpeg, which is not a file");
        assertThatThrownBy(() -> locator(props(FfmpegLocator.PROPERTY, notExecutable.toString()), Map.of())
                        .locate())
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("system property seedance.ffmpeg")
                .hasMessageContaining("not executable");
    }

    @Test
    void otherPlatformsAreToldToInstallFfmpeg() {
        Properties mac = props();
        mac.setProperty("os.name", "Mac OS X");
        mac.setProperty("os.arch", "aarch64");

        assertThatThrownBy(() -> locator(mac, Map.of("PATH", dir.toString())).locate())
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("mac os x/aarch64")
                .hasMessageContaining("install ffmpeg")
                .hasMessageContaining("SEEDANCE_FFMPEG");
    }

    @Test
    void theCacheExtractsOnceIntoAChecksumDirectory() throws IOException {
        UserCache cache = UserCache.at(dir.resolve("cache"));
        var resource = FfmpegLocator.class.getClassLoader().getResource(FfmpegLocator.BUNDLED_RESOURCE);

        Path first = cache.materialise(resource, "ffmpeg", true);
        long modified = Files.getLastModifiedTime(first).toMillis();
        Path second = cache.materialise(resource, "ffmpeg", true);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified);
        assertThat(first.getParent().getFileName().toString()).matches("crc32-[0-9a-f]{8}-\\d+");
        assertThat(Files.size(first)).isEqualTo(Files.size(bundled));
        try (var leftovers = Files.list(first.getParent())) {
            assertThat(leftovers).containsExactly(first);
        }
    }

    @Test
    void theCacheRootFollowsTheExplicitSettingThenXdg() {
        Properties properties = props();
        assertThat(UserCache.chooseRoot(
                        properties,
                        Map.of("SEEDANCE_CACHE_DIR", dir.resolve("x").toString())))
                .isEqualTo(dir.resolve("x"));
        assertThat(UserCache.chooseRoot(properties, Map.of("XDG_CACHE_HOME", dir.toString())))
                .isEqualTo(dir.resolve("seedance4j"));
    }

    private Path linkInto(Path binDir) throws IOException {
        Files.createDirectories(binDir);
        return Files.createSymbolicLink(binDir.resolve("ffmpeg"), bundled);
    }

    private FfmpegLocator locator(Properties properties, Map<String, String> env) {
        return new FfmpegLocator(properties, env, UserCache.forCurrentUser());
    }

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        p.setProperty("os.name", "Linux");
        p.setProperty("os.arch", "amd64");
        p.setProperty("user.home", System.getProperty("user.home"));
        p.setProperty("java.io.tmpdir", System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < keyValues.length; i += 2) p.setProperty(keyValues[i], keyValues[i + 1]);
        return p;
    }
}
