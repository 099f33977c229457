package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.media.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference media fetched over http, data URLs and asset ids, and refused like the service refuses them. */
class ReferenceMediaTest {

    @TempDir
    static Path assets;

    static LocalServer files;
    static Emulator emulator;
    static byte[] video3s;
    static byte[] video10s;
    static byte[] smallVideo;

    @BeforeAll
    static void start() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.locate();
        video3s = clip(ffmpeg, "640x640", 3);
        video10s = clip(ffmpeg, "640x640", 10);
        smallVideo = clip(ffmpeg, "320x320", 3);
        files = new LocalServer()
                .serve("/cat.png", "image/png", png(800, 600))
                .serve("/tiny.png", "image/png", png(200, 200))
                .serve("/wide.png", "image/png", png(1300, 500))
                .serve("/text.txt", "text/plain", "hello".getBytes())
                .serve("/clip.mp4", "video/mp4", video3s)
                .serve("/long.mp4", "video/mp4", video10s)
                .serve("/small.mp4", "video/mp4", smallVideo)
                .serve("/voice.wav", "audio/wav", wav(3));
        Files.write(assets.resolve("asset-20260810164850-mqxvm.png"), png(720, 1280));
        emulator = fast().faults(Faults.parse("stuck=1"))
                .assetDirectory(assets)
                .fetchTimeout(Duration.ofSeconds(2))
                .build()
                .start();
    }

    private static byte[] clip(Ffmpeg ffmpeg, String size, int seconds) throws Exception {
        Path file = Files.createTempFile("ref", ".mp4");
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc=s=" + size + ":r=24:d=" + seconds,
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-pix_fmt",
                        "yuv420p",
                        file.toString()),
                Duration.ofMinutes(1));
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    @AfterAll
    static void stop() {
        emulator.close();
        files.close();
    }

    private static Response refused(com.fasterxml.jackson.databind.node.ObjectNode body) {
        Response response = create(emulator, body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("InvalidParameter");
        return response;
    }

    @Test
    void acceptsEveryKindOfSource() {
        assertThat(create(emulator, image(textRequest(V2, "x"), files.url("/cat.png"), "first_frame"))
                        .status())
                .isEqualTo(200);
        assertThat(create(emulator, image(textRequest(V2, "x"), pngDataUrl(400, 400), null))
                        .status())
                .isEqualTo(200);
        assertThat(create(
                                emulator,
                                image(textRequest(V2, "x"), "asset://asset-20260810164850-mqxvm", "reference_image"))
                        .status())
                .isEqualTo(200);
        JsonNode multimodal = JSON.valueToTree(media(
                media(
                        image(textRequest(V2, "x"), files.url("/cat.png"), "reference_image"),
                        "video_url",
                        files.url("/clip.mp4")),
                "audio_url",
                wavDataUrl(3)));
        assertThat(create(emulator, multimodal).status()).isEqualTo(200);
        assertThat(create(
                                emulator,
                                media(
                                        media(textRequest(V2, "x"), "video_url", files.url("/clip.mp4")),
                                        "audio_url",
                                        files.url("/voice.wav")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesUnreachableAndInvalidImages() {
        Response missing = refused(image(textRequest(V2, "x"), files.url("/nothing.png"), "first_frame"));
        assertThat(missing.param()).isEqualTo("content[1].image_url.url");
        assertThat(missing.body().at("/error/message").asText()).contains("HTTP 404");
        refused(image(textRequest(V2, "x"), "http://127.0.0.1:1/unreachable.png", "first_frame"));
        refused(image(textRequest(V2, "x"), files.url("/text.txt"), "first_frame"));
        assertThat(refused(image(textRequest(V2, "x"), files.url("/tiny.png"), "first_frame"))
                        .body()
                        .at("/error/message")
                        .asText())
                .contains("[300, 6000]");
        assertThat(refused(image(textRequest(V2, "x"), files.url("/wide.png"), "first_frame"))
                        .body()
                        .at("/error/message")
                        .asText())
                .contains("[0.4, 2.5]");
        refused(image(textRequest(V2, "x"), "data:image/PNG;base64,AAAA", "first_frame"));
        refused(image(textRequest(V2, "x"), "data:image/png;base64,@@@", "first_frame"));
        refused(image(textRequest(V2, "x"), "ftp://example.com/a.png", "first_frame"));
        refused(image(textRequest(V2, "x"), "asset://asset-missing", "reference_image"));
        refused(image(textRequest(V2, "x"), "asset://../etc/passwd", "reference_image"));
    }

    @Test
    void refusesInvalidVideosAndAudios() {
        long createsBefore = emulator.stats().creates();
        assertThat(refused(media(textRequest(V2, "x"), "video_url", files.url("/small.mp4")))
                        .body()
                        .at("/error/message")
                        .asText())
                .contains("[409600, 2086876]");
        refused(media(textRequest(V2, "x"), "video_url", files.url("/cat.png")));
        refused(media(textRequest(V2, "x"), "video_url", "data:video/mp4;base64,AAAA"));
        // two videos of 10 s exceed the 15 s total
        assertThat(refused(media(
                                media(textRequest(V2, "x"), "video_url", files.url("/long.mp4")),
                                "video_url",
                                files.url("/long.mp4")))
                        .body()
                        .at("/error/message")
                        .asText())
                .contains("20 whole seconds in total; at most 15");
        assertThat(refused(media(
                                image(textRequest(V2, "x"), pngDataUrl(400, 400), "reference_image"),
                                "audio_url",
                                wavDataUrl(1)))
                        .body()
                        .at("/error/message")
                        .asText())
                .contains("between 2 and 15 whole seconds");
        refused(media(
                image(textRequest(V2, "x"), pngDataUrl(400, 400), "reference_image"),
                "audio_url",
                "data:audio/wav;base64," + java.util.Base64.getEncoder().encodeToString(png(400, 400))));
        // nothing was created by refused requests
        assertThat(emulator.stats().creates()).isEqualTo(createsBefore);
    }

    @Test
    void billsInputVideoSecondsWithTheMinimum() {
        try (Emulator quick = fast().build().start()) {
            String id = createOk(
                    quick,
                    media(textRequest(V2_FAST, "extend"), "video_url", files.url("/clip.mp4"))
                            .put("resolution", "480p")
                            .put("duration", 4)
                            .put("ratio", "16:9"));
            JsonNode task = awaitSucceeded(quick, id);
            // 4 s out + 3 s in = 97 + 72 frames; the minimum (4 + 4) s = 192 frames applies
            assertThat(task.at("/usage/completion_tokens").asLong()).isEqualTo(864L * 496 * 192 / 1024);
        }
    }
}
