package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An emulator with a data directory survives its process like the service: its tasks are there after a restart. */
class PersistenceTest {

    @TempDir
    Path data;

    @Test
    void tasksSurviveARestartWithTheirStateTimesUsageAndFiles() throws Exception {
        EmulatorClock clock = EmulatorClock.system();
        String done;
        String running;
        String waiting;
        String cancelled;
        JsonNode doneBefore;
        byte[] video;
        // realistic run times (a 480p clip takes minutes) and one slot: one task runs, the others wait
        try (Emulator first = fast().dataDirectory(data)
                .clock(clock)
                .timeScale(1)
                .concurrency(1)
                .build()
                .start()) {
            done = createOk(
                    first, textRequest(V2_FAST, "已完成").put("resolution", "480p").put("duration", 4));
            // finished at once: this one is advanced over its run time before the restart
            await(first, done, "running", Duration.ofSeconds(10));
            running = createOk(
                    first, textRequest(V2_FAST, "进行中").put("resolution", "480p").put("duration", 4));
            waiting = createOk(
                    first, textRequest(V2_FAST, "排队中").put("resolution", "480p").put("duration", 4));
            cancelled = createOk(
                    first, textRequest(V2_FAST, "已取消").put("resolution", "480p").put("duration", 4));
            assertThat(delete(first, cancelled).status()).isEqualTo(200);
            assertThat(get(first, running).body().get("status").asText()).isEqualTo("queued");
        }
        // while no emulator runs, time passes: the running task's run time is over
        clock.advance(Duration.ofMinutes(10));
        try (Emulator second = fast().dataDirectory(data)
                .clock(clock)
                .timeScale(1)
                .concurrency(1)
                .build()
                .start()) {
            // the task that was running finishes from its recorded start, not from the restart
            doneBefore = await(second, done, "succeeded", Duration.ofSeconds(60));
            assertThat(doneBefore.at("/usage/completion_tokens").asLong()).isEqualTo(864L * 496 * 97 / 1024);
            assertThat(get(second, running).body().get("status").asText()).isIn("running", "queued");
            assertThat(get(second, waiting).body().get("status").asText()).isEqualTo("queued");
            assertThat(get(second, cancelled).body().get("status").asText()).isEqualTo("cancelled");
            assertThat(second.stats().tasksByStatus())
                    .containsEntry("succeeded", 1L)
                    .containsEntry("cancelled", 1L);
            video = download(doneBefore.at("/content/video_url").asText());
            assertThat(video.length).isGreaterThan(1000);

            // a second emulator on the same directory would run the same tasks twice
            assertThatThrownBy(() -> fast().dataDirectory(data).build().start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another emulator is using the data directory");
        }
        String oldUrl = doneBefore.at("/content/video_url").asText();
        try (Emulator third = fast().dataDirectory(data).clock(clock).build().start()) {
            JsonNode again = get(third, done).body();
            assertThat(again.get("status").asText()).isEqualTo("succeeded");
            assertThat(again.get("created_at")).isEqualTo(doneBefore.get("created_at"));
            assertThat(again.get("updated_at")).isEqualTo(doneBefore.get("updated_at"));
            assertThat(again.get("usage")).isEqualTo(doneBefore.get("usage"));
            assertThat(again.get("seed")).isEqualTo(doneBefore.get("seed"));
            // the URL follows the new address, and a URL handed out before the restart still works there
            String newUrl = again.at("/content/video_url").asText();
            assertThat(newUrl).startsWith(third.rootUrl());
            assertThat(download(newUrl)).isEqualTo(video);
            assertThat(download(atNewAddress(third, oldUrl))).isEqualTo(video);
            // the restored list pages like the old one; a reset forgets everything, on disk too
            assertThat(list(third, "").body().get("total").asInt()).isEqualTo(4);
            third.reset();
        }
        try (Emulator fourth = fast().dataDirectory(data).build().start()) {
            assertThat(get(fourth, done).status()).isEqualTo(404);
        }
    }

    @Test
    void generatedImagesOutliveARestartUntilTheirUrlsExpire() throws Exception {
        EmulatorClock clock = EmulatorClock.system();
        ObjectNode request = JSON.createObjectNode()
                .put("model", GenAiSupport.SEEDREAM_40)
                .put("prompt", "角色设定图：1. 正面 2. 侧面")
                .put("size", "1K")
                .put("sequential_image_generation", "auto")
                .put("output_format", "png");
        List<String> urls = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        try (Emulator first = fast().dataDirectory(data).clock(clock).build().start()) {
            JsonNode answer = GenAiSupport.images(first, request).body();
            for (JsonNode image : answer.get("data")) {
                urls.add(image.get("url").asText());
                images.add(download(image.get("url").asText()));
            }
        }
        assertThat(urls).hasSize(2);
        clock.advance(Duration.ofHours(23)); // within the URLs' 24 h
        try (Emulator second = fast().dataDirectory(data).clock(clock).build().start()) {
            for (int i = 0; i < urls.size(); i++) {
                // a URL handed out before the restart, at the new address
                assertThat(download(atNewAddress(second, urls.get(i)))).isEqualTo(images.get(i));
            }
            clock.advance(Duration.ofHours(2)); // now past them: 403, and the files are gone
            assertThat(status(atNewAddress(second, urls.get(0)))).isEqualTo(403);
        }
        try (Stream<Path> left = Files.list(data.resolve("images"))) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void aResetForgetsGeneratedImagesOnDiskToo() throws Exception {
        ObjectNode request = JSON.createObjectNode()
                .put("model", GenAiSupport.SEEDREAM_40)
                .put("prompt", "海报")
                .put("size", "1K");
        String url;
        try (Emulator first = fast().dataDirectory(data).build().start()) {
            url = GenAiSupport.images(first, request).body().at("/data/0/url").asText();
            first.reset();
        }
        try (Emulator second = fast().dataDirectory(data).build().start()) {
            assertThat(status(atNewAddress(second, url))).isEqualTo(404);
        }
    }

    /** A URL an earlier emulator handed out, at the address of {@code emulator} (ports change across restarts). */
    private static String atNewAddress(Emulator emulator, String url) {
        URI old = URI.create(url);
        return emulator.rootUrl() + old.getRawPath() + "?" + old.getRawQuery();
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
