package dev.seedance4j.client;

import static dev.seedance4j.client.ScriptedServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.client.internal.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads: atomic, length-checked, keyless, and recovering from an expired link once. */
class DownloadTest extends LoopbackTest {
    private static final byte[] VIDEO = video();

    @TempDir
    Path dir;

    private static byte[] video() {
        byte[] bytes = new byte[256 * 1024];
        Arrays.fill(bytes, (byte) 7);
        bytes[0] = 0;
        return bytes;
    }

    private Task succeeded(String videoPath, String framePath) {
        return new Task(
                "cgt-dl",
                Model.SEEDANCE_2_0,
                TaskStatus.SUCCEEDED,
                null,
                null,
                null,
                videoPath == null ? null : server.url(videoPath),
                framePath == null ? null : server.url(framePath),
                null,
                null,
                null,
                null,
                5,
                null,
                24,
                true,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private String taskWithUrl(String videoPath) {
        return TestSupport.taskJson("cgt-dl", "succeeded")
                .replace(
                        "\"service_tier\"",
                        "\"content\":{\"video_url\":\"" + server.url(videoPath) + "\"},\"service_tier\"");
    }

    private long leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part"))
                    .count();
        }
    }

    @Test
    void streamsTheVideoToTheTargetWithoutTheApiKey() throws Exception {
        server.enqueue(Reply.bytes(200, VIDEO).header("Content-Type", "video/mp4"));
        Path target = dir.resolve("episodes/ep01/s01.mp4");
        assertThat(client.download(succeeded("/tos/v.mp4?X-Tos-Signature=abc", null), target))
                .isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
        assertThat(server.last().path()).isEqualTo("/tos/v.mp4");
        assertThat(server.last().rawQuery()).isEqualTo("X-Tos-Signature=abc");
        assertThat(server.last().header("Authorization")).isNull();
        assertThat(leftovers()).isZero();
    }

    @Test
    void downloadsTheLastFrame() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        server.enqueue(Reply.bytes(200, png));
        Path target = client.downloadLastFrame(succeeded("/v.mp4", "/f.png"), dir.resolve("last.png"));
        assertThat(Files.readAllBytes(target)).isEqualTo(png);
        assertThatThrownBy(() -> client.downloadLastFrame(succeeded("/v.mp4", null), dir.resolve("x.png")))
                .isInstanceOf(SeedanceException.class)
                .hasMessageContaining("return_last_frame");
    }

    @Test
    void aTruncatedTransferNeverLeavesAPartialFileAndIsRetried() throws Exception {
        byte[] half = Arrays.copyOf(VIDEO, VIDEO.length / 2);
        server.enqueue(Reply.bytes(200, half).declaredLength(VIDEO.length));
        server.enqueue(Reply.bytes(200, VIDEO));
        Path target = dir.resolve("s01.mp4");
        client.download(succeeded("/v.mp4", null), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
        assertThat(server.received()).hasSize(2);
        assertThat(sleeper.pauses).hasSize(1);
        assertThat(leftovers()).isZero();
    }

    @Test
    void aTransferThatKeepsBreakingFailsAndKeepsAnOldFileIntact() throws Exception {
        Path target = dir.resolve("s01.mp4");
        Files.writeString(target, "previous take");
        byte[] half = Arrays.copyOf(VIDEO, 1000);
        server.otherwise(r -> Reply.bytes(200, half).declaredLength(VIDEO.length));
        assertThatThrownBy(() -> client.download(succeeded("/v.mp4", null), target))
                .isInstanceOf(SeedanceIOException.class)
                .hasMessageContaining("failed after 3 attempts");
        assertThat(Files.readString(target)).isEqualTo("previous take");
        assertThat(leftovers()).isZero();
    }

    @Test
    void aStalledTransferIsEndedByTheDownloadTimeoutAndRetried() throws Exception {
        server.enqueue(Reply.bytes(200, VIDEO).delay(Duration.ofSeconds(3)));
        server.enqueue(Reply.bytes(200, VIDEO));
        Path target = dir.resolve("s01.mp4");
        try (SeedanceClient impatient = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .sleeper(sleeper)
                .downloadTimeout(Duration.ofMillis(500))
                .build()) {
            impatient.download(succeeded("/v.mp4", null), target);
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
        assertThat(sleeper.pauses).hasSize(1);
        assertThat(leftovers()).isZero();
    }

    @Test
    void anExpiredLinkIsRefreshedOnceByReadingTheTask() throws Exception {
        server.enqueue(Reply.bytes(403, "AccessDenied: Request has expired".getBytes()));
        server.enqueue(Reply.json(200, taskWithUrl("/fresh.mp4")));
        server.enqueue(Reply.bytes(200, VIDEO));
        Path target = dir.resolve("s01.mp4");
        client.download(succeeded("/stale.mp4", null), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
        assertThat(server.received())
                .extracting(ScriptedServer.Received::path)
                .containsExactly("/stale.mp4", "/api/v3/contents/generations/tasks/cgt-dl", "/fresh.mp4");
    }

    @Test
    void aLinkThatStaysExpiredIsADistinctError() {
        server.enqueue(Reply.bytes(404, new byte[0]));
        server.enqueue(Reply.json(200, taskWithUrl("/fresh.mp4")));
        server.enqueue(Reply.bytes(403, new byte[0]));
        assertThatThrownBy(() -> client.download(succeeded("/stale.mp4", null), dir.resolve("s.mp4")))
                .isInstanceOfSatisfying(ResultExpiredException.class, e -> {
                    assertThat(e.taskId()).isEqualTo("cgt-dl");
                    assertThat(e.httpStatus()).isEqualTo(403);
                });
        assertThat(server.received()).hasSize(3);
        assertThat(Files.exists(dir.resolve("s.mp4"))).isFalse();
    }

    @Test
    void theSameStaleLinkAgainOrAVanishedTaskIsExpiredAtOnce() {
        server.enqueue(Reply.bytes(403, new byte[0]));
        server.enqueue(Reply.json(200, taskWithUrl("/stale.mp4")));
        assertThatThrownBy(() -> client.download(succeeded("/stale.mp4", null), dir.resolve("a.mp4")))
                .isInstanceOf(ResultExpiredException.class)
                .hasMessageContaining("no fresh link");
        assertThat(server.received()).hasSize(2);

        server.enqueue(Reply.bytes(404, new byte[0]));
        server.enqueue(Reply.error(404, "NotFound.TaskId", "older than 7 days"));
        assertThatThrownBy(() -> client.download(succeeded("/stale.mp4", null), dir.resolve("b.mp4")))
                .isInstanceOf(ResultExpiredException.class)
                .hasMessageContaining("no longer exists")
                .hasCauseInstanceOf(NotFoundException.class);
    }

    private Task small(String videoUrl) {
        return WireFormat.task(WireFormat.MAPPER.valueToTree(java.util.Map.of(
                "id", "cgt-small",
                "status", "succeeded",
                "resolution", "480p",
                "ratio", "16:9",
                "duration", 4,
                "content", java.util.Map.of("video_url", videoUrl))));
    }

    @Test
    void aLinkThatIsNotHttpIsRefusedAsASeedanceExceptionWithoutFetching() {
        for (String link : new String[] {
            "file:///etc/passwd", "ftp://tos.example.com/v.mp4", "http://exa mple.com/v.mp4", "http:///v.mp4", "v.mp4"
        }) {
            assertThatThrownBy(() -> client.download(small(link), dir.resolve("clip.mp4")))
                    .as(link)
                    .isInstanceOfSatisfying(InvalidResultLinkException.class, e -> {
                        assertThat(e.taskId()).isEqualTo("cgt-small");
                        assertThat(e.getMessage()).startsWith("video_url of task cgt-small ");
                    });
        }
        assertThat(dir.resolve("clip.mp4")).doesNotExist();
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aBodyLargerThanTheClipCanBeIsRefusedAndNeverSaved() throws Exception {
        // 480p 16:9 4 s: 864 x 496 x 24 frames x 5 s x 2 bits + 16 MB
        long limit = 864L * 496 * 24 * 5 * 2 / 8 + 16L * 1024 * 1024;
        server.enqueue(Reply.bytes(200, new byte[10]).declaredLength(1L << 30));
        Path target = dir.resolve("clip.mp4");
        assertThatThrownBy(() -> client.download(small(server.url("/huge.mp4")), target))
                .isInstanceOf(SeedanceIOException.class)
                .hasMessageContaining("to " + target + " refused: video_url of task cgt-small announces 1073741824"
                        + " bytes, more than the limit of " + limit + " bytes for a 480p 16:9 4 s clip");
        // without a Content-Length the body is cut where it passes the limit
        server.enqueue(Reply.bytes(200, new byte[(int) limit + 4 * 1024 * 1024]).chunked());
        assertThatThrownBy(() -> client.download(small(server.url("/huge.mp4")), target))
                .isInstanceOf(SeedanceIOException.class)
                .hasMessageContaining("is larger than the limit of " + limit + " bytes");
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isZero();
        assertThat(server.received()).hasSize(2); // not retried
        assertThat(sleeper.pauses).isEmpty();
        server.enqueue(Reply.bytes(200, VIDEO).chunked());
        client.download(small(server.url("/ok.mp4")), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
    }

    @Test
    void aTaskWithoutAVideoCannotBeDownloaded() {
        Task running = succeeded(null, null);
        assertThatThrownBy(() -> client.download(running, dir.resolve("x.mp4")))
                .isInstanceOf(SeedanceException.class)
                .hasMessageContaining("has no video_url");
        assertThat(server.received()).isEmpty();
    }
}
