package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit extension, the command line, the clock endpoints and many concurrent clients. */
class HarnessTest {

    @Nested
    class RegisteredExtension {
        @RegisterExtension
        final EmulatorExtension emulator =
                new EmulatorExtension(b -> b.timeScale(0).moderatedWords("nope"));

        @Test
        void runsAConfiguredEmulatorPerTest() {
            assertThat(emulator.get().baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/v3");
            assertThat(create(emulator.get(), textRequest(V2, "nope")).code())
                    .isEqualTo("InputTextSensitiveContentDetected");
        }
    }

    @Nested
    @ExtendWith(EmulatorExtension.class)
    class InjectedEmulator {
        @Test
        void injectsADefaultEmulator(Emulator emulator) {
            assertThat(list(emulator, "").status()).isEqualTo(200);
            assertThat(emulator.stats().requests("list")).isEqualTo(1);
        }
    }

    @Test
    void theTemporaryDataDirectoryHoldsResultsAndGoesOnClose() {
        Emulator emulator = fast().build().start();
        java.nio.file.Path data = emulator.dataDirectory();
        String id = createOk(emulator, tinyRequest("kept on disk"));
        awaitSucceeded(emulator, id);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(data.resolve(id))) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("video.mp4");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        emulator.close();
        emulator.close(); // closing twice is harmless
        assertThat(data).doesNotExist();
        assertThatThrownBy(emulator::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clockEndpointsAdvanceTime() {
        try (Emulator emulator = fast().build().start()) {
            Response before = send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/emulator/clock"))
                    .GET());
            Response after = send(
                    HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/emulator/clock/advance?seconds=86400"))
                            .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(after.body().get("offset_seconds").asLong()).isEqualTo(86_400);
            assertThat(after.body().get("now").asLong()
                            - before.body().get("now").asLong())
                    .isBetween(86_400L, 86_410L);
            assertThat(emulator.clock().offset()).isEqualTo(Duration.ofDays(1));
            Response bad =
                    send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/emulator/clock/advance?seconds=-1"))
                            .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(bad.status()).isEqualTo(400);
            assertThatThrownBy(() -> emulator.clock().advance(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void commandLineFlagsConfigureTheEmulator() {
        Emulator.Builder builder = EmulatorMain.parse(
                new String[] {
                    "--port",
                    "0",
                    "--time-scale=0",
                    "--faults",
                    "429=1,seed=3",
                    "--api-key",
                    "k1",
                    "--concurrency",
                    "2",
                    "--rpm",
                    "5",
                    "--queue-limit",
                    "3",
                    "--url-ttl",
                    "90m",
                    "--moderated-words",
                    "bad,worse",
                    "--endpoint",
                    "ep-1=" + LITE,
                    "--callback-timeout",
                    "500ms",
                    "--fetch-timeout",
                    "5s"
                },
                System.out,
                "seedance emulator");
        try (Emulator emulator = builder.build().start()) {
            Response limited =
                    send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/contents/generations/tasks"))
                            .header("Authorization", "Bearer k1")
                            .GET());
            assertThat(limited.status()).isEqualTo(429);
            Response wrongKey = list(emulator, "");
            assertThat(wrongKey.status()).isEqualTo(401);
        }
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(EmulatorMain.parse(
                        new String[] {"--help"},
                        new PrintStream(help, true, StandardCharsets.UTF_8),
                        "seedance emulator"))
                .isNull();
        assertThat(help.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: seedance emulator [options]")
                .doesNotContain("java -jar")
                .contains("--time-scale", "--faults", "--url-ttl", "--data-dir", "--models", "--fetch-timeout");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--colour", "red"}, System.out, "x"))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--port"}, System.out, "x"))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--url-ttl", "soon"}, System.out, "x"))
                .hasMessageContaining("30s, 90m or 24h");
        assertThat(EmulatorMain.duration("--x", "PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void fiveHundredConcurrentClientsGetAnswers() throws Exception {
        try (Emulator emulator = fast().timeScale(1000).build().start()) {
            String id = createOk(emulator, tinyRequest("polled"));
            ExecutorService clients = Executors.newFixedThreadPool(500);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 500; i++)
                    results.add(clients.submit(() -> get(emulator, id).status()));
                for (Future<Integer> result : results) assertThat(result.get()).isEqualTo(200);
            } finally {
                clients.shutdownNow();
            }
            assertThat(emulator.stats().requests("get")).isEqualTo(500);
        }
    }
}
