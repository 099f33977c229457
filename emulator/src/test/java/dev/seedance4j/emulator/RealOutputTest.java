package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MP4s the service serves, downloaded through their URLs and probed. */
class RealOutputTest {

    static Emulator emulator;
    static final Ffmpeg FFMPEG = Ffmpeg.locate();

    @TempDir
    static Path downloads;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().timeScale(0).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Path download(String url, String name) throws Exception {
        Path file = downloads.resolve(name);
        HttpResponse<Path> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(file));
        assertThat(response.statusCode()).isEqualTo(200);
        return file;
    }

    @Test
    void seedance2ClipHasTheTableSizeFpsDurationAndAudio() throws Exception {
        String id = createOk(
                emulator,
                textRequest(V2_FAST, "雨夜的霓虹街道 a neon street at night")
                        .put("resolution", "480p")
                        .put("ratio", "9:16")
                        .put("duration", 4)
                        .put("seed", 42)
                        .put("watermark", true)
                        .put("return_last_frame", true));
        JsonNode task = awaitSucceeded(emulator, id);
        MediaInfo info = FFMPEG.probe(download(task.at("/content/video_url").asText(), id + ".mp4"));
        MediaStream video = info.video().orElseThrow();
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.width()).isEqualTo(496);
        assertThat(video.height()).isEqualTo(864);
        assertThat(video.fps()).isEqualTo(24.0);
        assertThat(info.durationSeconds()).isBetween(3.9, 4.15);
        assertThat(info.audio())
                .hasValueSatisfying(audio -> assertThat(audio.codec()).isEqualTo("aac"));
        assertThat(info.metadata().getOrDefault("comment", "")).contains(id);

        MediaInfo png = FFMPEG.probe(download(task.at("/content/last_frame_url").asText(), id + ".png"));
        assertThat(png.video().orElseThrow().width()).isEqualTo(496);
        assertThat(png.video().orElseThrow().height()).isEqualTo(864);
    }

    @Test
    void silentModelsAndGenerateAudioFalseHaveNoAudioTrack() throws Exception {
        String id = createOk(emulator, tinyRequest("no sound"));
        JsonNode task = awaitSucceeded(emulator, id);
        MediaInfo info = FFMPEG.probe(download(task.at("/content/video_url").asText(), id + ".mp4"));
        assertThat(info.video().orElseThrow().width()).isEqualTo(864);
        assertThat(info.video().orElseThrow().height()).isEqualTo(480);
        assertThat(info.durationSeconds()).isBetween(1.9, 2.15);
        assertThat(info.audio()).isEmpty();
    }

    @Test
    void theSameRequestGivesTheSamePicture() throws Exception {
        String a = createOk(emulator, tinyRequest("deterministic").put("return_last_frame", true));
        String b = createOk(emulator, tinyRequest("deterministic").put("return_last_frame", true));
        String c = createOk(
                emulator,
                tinyRequest("deterministic").put("return_last_frame", true).put("seed", 7));
        byte[] first = Files.readAllBytes(download(
                awaitSucceeded(emulator, a).at("/content/last_frame_url").asText(), "a.png"));
        byte[] second = Files.readAllBytes(download(
                awaitSucceeded(emulator, b).at("/content/last_frame_url").asText(), "b.png"));
        byte[] other = Files.readAllBytes(download(
                awaitSucceeded(emulator, c).at("/content/last_frame_url").asText(), "c.png"));
        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }
}
