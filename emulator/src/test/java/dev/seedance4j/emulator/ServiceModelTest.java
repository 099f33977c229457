package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Concurrency, priority, RPM, queue limit, expiry, retention, result URLs and tokens. */
class ServiceModelTest {

    @Test
    void excessTasksWaitQueuedAndRunByPriorityThenInOrder() {
        // time scale 0.1: a 4 s 480p 2.0 fast clip "takes" about 3 s, so the first holds the only slot meanwhile
        try (Emulator emulator = fast().timeScale(0.04).concurrency(1).build().start()) {
            String first = createOk(
                    emulator,
                    textRequest(V2_FAST, "first").put("resolution", "480p").put("duration", 4));
            await(emulator, first, "running", Duration.ofSeconds(5));
            String low = createOk(
                    emulator,
                    textRequest(V2_FAST, "low").put("resolution", "480p").put("duration", 4));
            String high = createOk(
                    emulator,
                    textRequest(V2_FAST, "high")
                            .put("resolution", "480p")
                            .put("duration", 4)
                            .put("priority", 5));
            assertThat(emulator.stats().running()).isEqualTo(1);
            assertThat(emulator.stats().queued()).isEqualTo(2);
            assertThat(get(emulator, low).body().get("status").asText()).isEqualTo("queued");
            // the first finishes, then the higher priority one starts although it came later
            await(emulator, high, "running", Duration.ofSeconds(30));
            assertThat(get(emulator, low).body().get("status").asText()).isEqualTo("queued");
        }
    }

    @Test
    void rpmAndQueueLimitAnswer429() {
        try (Emulator emulator = fast().timeScale(1000)
                .concurrency(1)
                .rpm(LITE, 2)
                .queueLimit(100)
                .build()
                .start()) {
            createOk(emulator, tinyRequest("a"));
            createOk(emulator, tinyRequest("b"));
            Response third = create(emulator, tinyRequest("c"));
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.code()).isEqualTo("ModelAccountRpmRateLimitExceeded");
            assertThat(third.body().at("/error/type").asText()).isEqualTo("TooManyRequests");
            // another model has its own budget; a minute later the window is free again
            createOk(emulator, textRequest(V2_FAST, "other model").put("resolution", "480p"));
            emulator.clock().advance(Duration.ofSeconds(61));
            createOk(emulator, tinyRequest("d"));
        }
        try (Emulator emulator =
                fast().timeScale(1000).concurrency(1).queueLimit(1).build().start()) {
            createOk(emulator, tinyRequest("runs"));
            createOk(emulator, tinyRequest("waits"));
            Response full = create(emulator, tinyRequest("refused"));
            assertThat(full.status()).isEqualTo(429);
            assertThat(full.code()).isEqualTo("QuotaExceeded");
            assertThat(emulator.stats().creates()).isEqualTo(2);
        }
    }

    @Test
    void tasksExpireAfterExecutionExpiresAfterAndRecordsAreRetained() {
        try (Emulator emulator = fast().timeScale(1000).concurrency(1).build().start()) {
            String running = createOk(emulator, tinyRequest("runs").put("execution_expires_after", 3600));
            String queued = createOk(emulator, tinyRequest("waits").put("execution_expires_after", 7200));
            String cancelled = createOk(emulator, tinyRequest("cancelled"));
            assertThat(delete(emulator, cancelled).status()).isEqualTo(200);
            await(emulator, running, "running", Duration.ofSeconds(5));

            emulator.clock().advance(Duration.ofSeconds(3600));
            assertThat(get(emulator, running).body().get("status").asText()).isEqualTo("expired");
            // its slot went to the next task
            await(emulator, queued, "running", Duration.ofSeconds(5));
            emulator.clock().advance(Duration.ofSeconds(3600));
            assertThat(get(emulator, queued).body().get("status").asText()).isEqualTo("expired");
            assertThat(list(emulator, "filter.status=expired")
                            .body()
                            .get("total")
                            .asInt())
                    .isEqualTo(2);

            // cancelled records go after 24 h, everything else after 7 days
            emulator.clock().advance(Duration.ofHours(23));
            assertThat(get(emulator, cancelled).status()).isEqualTo(404);
            assertThat(get(emulator, running).status()).isEqualTo(200);
            emulator.clock().advance(Duration.ofDays(7));
            assertThat(get(emulator, running).status()).isEqualTo(404);
            assertThat(list(emulator, "").body().get("total").asInt()).isZero();
        }
    }

    @Test
    void resultUrlsServeRangesAndExpire() throws Exception {
        try (Emulator emulator =
                fast().resultUrlTtl(Duration.ofHours(1)).build().start()) {
            String id = createOk(emulator, tinyRequest("download me").put("return_last_frame", true));
            JsonNode task = awaitSucceeded(emulator, id);
            String url = task.at("/content/video_url").asText();

            HttpResponse<byte[]> whole =
                    HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
            long length = whole.body().length;
            assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(length);
            assertThat(new String(whole.body(), 4, 4)).isEqualTo("ftyp");

            HttpResponse<Void> head = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(length);

            HttpResponse<byte[]> part = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Range", "bytes=4-11")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 4-11/" + length);
            assertThat(part.body()).hasSize(8);
            assertThat(new String(part.body(), 0, 4)).isEqualTo("ftyp");
            HttpResponse<byte[]> tail = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Range", "bytes=-10")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(tail.body()).hasSize(10);
            HttpResponse<byte[]> beyond = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Range", "bytes=" + length + "-")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(beyond.statusCode()).isEqualTo(416);

            HttpResponse<byte[]> png = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    task.at("/content/last_frame_url").asText()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.body()[1]).isEqualTo((byte) 'P');

            HttpResponse<String> tampered = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url.replace("signature=", "signature=0")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).isEqualTo(403);

            emulator.clock().advance(Duration.ofMinutes(61));
            HttpResponse<String> expired =
                    HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("expired");
        }
    }

    @Test
    void seedMinusOneIsDerivedFromTheRequestAndDefaultsApply() {
        try (Emulator emulator = fast().build().start()) {
            String a = createOk(
                    emulator,
                    textRequest(V2_FAST, "same request")
                            .put("resolution", "480p")
                            .put("duration", -1)
                            .put("return_last_frame", true));
            String b = createOk(
                    emulator,
                    textRequest(V2_FAST, "same request")
                            .put("resolution", "480p")
                            .put("duration", -1)
                            .put("return_last_frame", true));
            String c = createOk(
                    emulator,
                    textRequest(V2_FAST, "another request")
                            .put("resolution", "480p")
                            .put("duration", -1));
            JsonNode first = awaitSucceeded(emulator, a);
            JsonNode second = awaitSucceeded(emulator, b);
            JsonNode third = awaitSucceeded(emulator, c);
            assertThat(first.get("seed").asLong())
                    .isEqualTo(second.get("seed").asLong())
                    .isNotEqualTo(third.get("seed").asLong());
            assertThat(first.get("duration").asInt()).isEqualTo(5);
            assertThat(first.get("ratio").asText()).isEqualTo("16:9");
            assertThat(first.get("generate_audio").asBoolean()).isTrue();
            // 2.0 480p 16:9 = 864x496, 5 s -> 121 frames
            assertThat(first.at("/usage/completion_tokens").asLong()).isEqualTo(864L * 496 * 121 / 1024);
        }
    }

    @Test
    void adaptiveRatioFollowsTheFirstImage() {
        try (Emulator emulator = fast().build().start()) {
            String portrait = createOk(
                    emulator,
                    image(textRequest(V2_FAST, "portrait"), pngDataUrl(540, 960), null)
                            .put("resolution", "480p")
                            .put("duration", 4));
            JsonNode task = awaitSucceeded(emulator, portrait);
            assertThat(task.get("ratio").asText()).isEqualTo("9:16");
        }
    }
}
