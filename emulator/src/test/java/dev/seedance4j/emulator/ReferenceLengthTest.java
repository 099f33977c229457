package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.media.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference videos are measured in the whole seconds the service bills and reports (a 24 fps clip of n frames lasts
 * floor(n / 24) s): the service's own 15 s clip (361 frames, 15.04 s) and three of its 5 s clips (3 × 5.04 s) are
 * references it accepts, for editing and for extending.
 */
class ReferenceLengthTest {

    @TempDir
    static Path work;

    static LocalServer files;
    static Emulator emulator;

    @BeforeAll
    static void start() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.locate();
        VideoRenderer renderer = VideoRenderer.withFfmpeg(ffmpeg);
        Path fifteen = render(renderer, "fifteen", 15);
        Path five = render(renderer, "five", 5);
        assertThat(ffmpeg.countFrames(fifteen)).isEqualTo(361);
        assertThat(ffmpeg.probe(fifteen).durationSeconds()).isGreaterThan(15.0);
        assertThat(ffmpeg.probe(five).durationSeconds()).isGreaterThan(5.0);
        files = new LocalServer()
                .serve("/fifteen.mp4", "video/mp4", Files.readAllBytes(fifteen))
                .serve("/five.mp4", "video/mp4", Files.readAllBytes(five));
        emulator = fast().build().start();
    }

    /** A clip as the service (and the emulator) generates it: 24·s + 1 frames with an AAC track. */
    private static Path render(VideoRenderer renderer, String name, int seconds) throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        RenderSpec spec = new RenderSpec(
                name,
                864,
                496,
                seconds,
                "a " + name,
                7,
                true,
                false,
                false,
                null,
                null,
                List.of(),
                List.of(),
                List.of());
        return renderer.render(spec, folder).video();
    }

    @AfterAll
    static void stop() {
        emulator.close();
        files.close();
    }

    @Test
    void aGeneratedFifteenSecondClipIsAReferenceOfFifteenSeconds() {
        ObjectNode edit = media(
                textRequest(V2_FAST, "把视频1里的杯子换成白色").put("resolution", "480p").put("duration", 4),
                "video_url",
                files.url("/fifteen.mp4"));
        JsonNode task = awaitSucceeded(emulator, createOk(emulator, edit));
        // billed with 15 whole input seconds: 864 x 496 x (24 x 4 + 1 + 24 x 15) / 1024
        assertThat(task.at("/usage/completion_tokens").asLong()).isEqualTo(864L * 496 * (24 * 4 + 1 + 24 * 15) / 1024);
    }

    @Test
    void threeGeneratedFiveSecondClipsTogetherAreFifteenSeconds() {
        ObjectNode extend = textRequest(V2_FAST, "视频1接视频2接视频3").put("resolution", "480p");
        for (int i = 0; i < 3; i++) media(extend, "video_url", files.url("/five.mp4"));
        JsonNode task = awaitSucceeded(emulator, createOk(emulator, extend));
        assertThat(task.at("/usage/completion_tokens").asLong()).isEqualTo(864L * 496 * (24 * 5 + 1 + 24 * 15) / 1024);

        // a fourth second too many is still refused, naming the whole seconds
        ObjectNode tooLong = media(
                media(textRequest(V2_FAST, "x").put("resolution", "480p"), "video_url", files.url("/fifteen.mp4")),
                "video_url",
                files.url("/five.mp4"));
        Response refused = create(emulator, tooLong);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/error/message").asText()).contains("20 whole seconds in total; at most 15");
    }
}
