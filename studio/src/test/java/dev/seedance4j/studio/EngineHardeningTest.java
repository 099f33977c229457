package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Faults;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile answers and an unreachable service: a reason-coded shot and a run that ends, never a second payment. */
class EngineHardeningTest {
    private static final String THREE_SHOTS = """
        title: 敌意
        defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        episodes: [{ id: ep01, shots: [{ id: s01, prompt: "雨夜" }, { id: s02, prompt: "街灯" }, { id: s03, prompt: "晨光" }] }]
        """;

    @TempDir
    Path dir;

    @Test
    void aResultLinkThatIsNotHttpFailsItsShotWithAReasonAndTheOthersGoOn() {
        AtomicReference<String> first = new AtomicReference<>();
        throughHostileService(
                (method, path, answer) -> {
                    if (method.equals("POST") && answer.has("id"))
                        first.compareAndSet(null, answer.get("id").asText());
                    for (JsonNode task : answer.has("items") ? answer.get("items") : java.util.List.of(answer)) {
                        if (task.path("id").asText().equals(first.get())
                                && task.path("content").has("video_url")) {
                            ((ObjectNode) task.get("content")).put("video_url", "file:///etc/passwd");
                        }
                    }
                    return answer;
                },
                (studio, bad) -> {
                    assertThat(bad.reason()).isEqualTo(ReasonCode.LOST_URL);
                    assertThat(bad.message()).contains("file");
                    assertThat(studio.status().counts())
                            .containsEntry("failed", 1)
                            .containsEntry("delivered", 2);
                });
    }

    @Test
    void aCreateAnsweredWithSomethingThatIsNotATaskIdIsNeverSentAgainInTheRun() {
        AtomicReference<String> hidden = new AtomicReference<>();
        throughHostileService(
                (method, path, answer) -> {
                    if (method.equals("POST")
                            && answer.has("id")
                            && hidden.compareAndSet(null, answer.get("id").asText())) {
                        ((ObjectNode) answer).put("id", "../../tmp/x");
                    }
                    if (answer.has("items")) { // the hostile service does not list the task it made either
                        ArrayNode items = (ArrayNode) answer.get("items");
                        for (int i = items.size() - 1; i >= 0; i--) {
                            if (items.get(i).path("id").asText().equals(hidden.get())) items.remove(i);
                        }
                    }
                    return answer;
                },
                (studio, bad) -> {
                    assertThat(bad.reason()).isEqualTo(ReasonCode.SERVICE_ERROR);
                    assertThat(bad.message()).contains("not a task id").contains("not sent again");
                });
    }

    @Test
    void aTaskThatReturnsNoLastFrameHasItsFrameTakenFromTheClip() throws Exception {
        // a task created without return_last_frame (by an earlier version), or a service that ignores the flag
        Path file = TestFiles.write(dir.resolve("drama.yaml"), THREE_SHOTS);
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none());
                HostileProxy proxy = new HostileProxy(harness.emulator.baseUrl(), (method, path, answer) -> {
                    for (JsonNode task : answer.has("items") ? answer.get("items") : java.util.List.of(answer)) {
                        if (task.path("content").isObject())
                            ((ObjectNode) task.get("content")).remove("last_frame_url");
                    }
                    return answer;
                });
                SeedanceClient client = EmulatorHarness.client(proxy.baseUrl());
                Studio studio = Studio.open(
                        file,
                        EmulatorHarness.options(client, dir.resolve("out")).build())) {
            assertThat(studio.run(RunListener.none()).delivered()).isEqualTo(3);
            for (String shot : java.util.List.of("ep01/s01", "ep01/s02", "ep01/s03")) {
                TakeView take = studio.view().takes(ShotKey.parse(shot)).get(0);
                java.awt.image.BufferedImage frame =
                        javax.imageio.ImageIO.read(take.lastFrame().toFile());
                assertThat(frame.getWidth()).isEqualTo(take.width());
                assertThat(frame.getHeight()).isEqualTo(take.height());
            }
            try (var files = java.nio.file.Files.walk(dir.resolve("out").resolve("clips"))) {
                assertThat(files.map(Path::toString)).noneMatch(name -> name.contains(".part"));
            }
        }
    }

    /**
     * Three shots through {@code rewrite}: exactly one fails (checked by {@code failed}), the two others are
     * delivered, and three tasks were created in all (nothing paid twice).
     */
    private void throughHostileService(
            HostileProxy.Rewrite rewrite, java.util.function.BiConsumer<Studio, RunReport.ShotOutcome> failed) {
        Path file = TestFiles.write(dir.resolve("drama.yaml"), THREE_SHOTS);
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none());
                HostileProxy proxy = new HostileProxy(harness.emulator.baseUrl(), rewrite);
                SeedanceClient client = EmulatorHarness.client(proxy.baseUrl());
                Studio studio = Studio.open(
                        file,
                        EmulatorHarness.options(client, dir.resolve("out")).build())) {
            RunReport report = studio.run(RunListener.none());
            assertThat(report.delivered()).isEqualTo(2);
            failed.accept(
                    studio,
                    report.shots().stream()
                            .filter(s -> !s.delivered())
                            .findFirst()
                            .orElseThrow());
            assertThat(harness.emulator.stats().creates()).isEqualTo(3);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(180) // the run used to retry forever; this only stops a hanging build
    void aRunThatCannotReachTheServiceGivesUpAndLeavesEveryShotNotGenerated() throws Exception {
        Path file = TestFiles.write(dir.resolve("drama.yaml"), THREE_SHOTS);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once it is closed
        }
        try (SeedanceClient client = EmulatorHarness.client("http://127.0.0.1:" + closedPort + "/api/v3");
                Studio studio = Studio.open(
                        file,
                        EmulatorHarness.options(client, dir.resolve("out"))
                                .giveUpAfter(Duration.ofSeconds(2))
                                .build())) {
            assertThatThrownBy(() -> studio.run(RunListener.none()))
                    .isInstanceOf(StudioException.class)
                    .hasMessageContaining("no answer from the service")
                    .hasMessageContaining("gave up")
                    .hasMessageContaining("3 shots not sent")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(studio.status().counts())
                    .containsOnlyKeys("not_generated")
                    .containsEntry("not_generated", 3);
        }
    }

    @Test
    void aLostStateDatabaseAdoptsTheClipsOnDiskInsteadOfPayingAgain() throws Exception {
        Path file = TestFiles.write(dir.resolve("drama.yaml"), THREE_SHOTS);
        Path out = dir.resolve("out");
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none())) {
            try (Studio studio = Studio.open(file, harness.options(out).build())) {
                assertThat(studio.run(RunListener.none()).delivered()).isEqualTo(3);
            }
            deleteDatabase(out);
            try (Studio studio = Studio.open(file, harness.options(out).build())) {
                RunReport again = studio.run(RunListener.none());
                assertThat(again.created()).isZero();
                assertThat(again.reused()).isEqualTo(3);
                assertThat(studio.status().counts()).containsEntry("delivered", 3);
            }
            assertThat(harness.emulator.stats().creates()).isEqualTo(3);

            // clips that carry no identity (their records gone too): refused before anything is sent
            deleteDatabase(out);
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(out.resolve("clips"))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) java.nio.file.Files.delete(f);
            }
            try (Studio studio = Studio.open(file, harness.options(out).build())) {
                assertThatThrownBy(() -> studio.run(RunListener.none()))
                        .isInstanceOf(StudioException.class)
                        .hasMessageContaining("has no record of 3 clip(s)")
                        .hasMessageContaining("Restore studio.db from a backup");
            }
            assertThat(harness.emulator.stats().creates()).isEqualTo(3);
        }
    }

    private static void deleteDatabase(Path out) throws java.io.IOException {
        for (String suffix : java.util.List.of("", "-wal", "-shm")) {
            java.nio.file.Files.deleteIfExists(out.resolve(Studio.DATABASE + suffix));
        }
    }
}
