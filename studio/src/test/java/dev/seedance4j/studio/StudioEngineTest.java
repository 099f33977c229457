package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.Faults;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.studio.internal.store.StudioStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against the emulator over real HTTP. */
class StudioEngineTest {
    static EmulatorHarness harness;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        harness = new EmulatorHarness(Faults.none());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void thirtyShotsInEveryModeRunToTheEndAndARerunSendsNothing() throws Exception {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.everyModeYaml(3));
        long createsBefore = harness.emulator.stats().creates();
        List<RunEvent> events = new ArrayList<>();
        RunReport report;
        try (Studio studio =
                Studio.open(file, harness.options(dir.resolve("out")).build())) {
            report = studio.run(events::add);
        }
        assertThat(report.failures()).isEmpty();
        assertThat(report.delivered()).isEqualTo(30);
        assertThat(report.created()).isEqualTo(30);
        assertThat(harness.emulator.stats().creates() - createsBefore).isEqualTo(30);
        Ffmpeg ffmpeg = Ffmpeg.locate();
        for (RunReport.ShotOutcome shot : report.shots()) {
            assertThat(shot.clip()).exists();
            assertThat(shot.clip().getFileName().toString()).matches(shot.shot().shot() + "-[0-9a-f]{8}\\.mp4");
            assertThat(shot.clip().getParent().getFileName().toString())
                    .isEqualTo(shot.shot().episode());
            MediaInfo info = ffmpeg.probe(shot.clip());
            assertThat(info.durationSeconds()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.3));
            assertThat(info.video().orElseThrow().width()).isEqualTo(864);
            assertThat(info.video().orElseThrow().height()).isEqualTo(496);
            assertThat(info.audio()).isEmpty();
            assertThat(Path.of(shot.clip().toString().replace(".mp4", ".png"))).exists();
        }
        try (Stream<Path> clips = Files.walk(dir.resolve("out/clips"))) {
            assertThat(clips.filter(p -> p.toString().endsWith(".mp4"))).hasSize(30);
        }
        assertThat(events).filteredOn(e -> e.kind() == RunEvent.Kind.DELIVERED).hasSize(30);

        long createsAfterFirst = harness.emulator.stats().creates();
        try (Studio studio =
                Studio.open(file, harness.options(dir.resolve("out")).build())) {
            RunReport again = studio.run(RunListener.none());
            assertThat(again.created()).isZero();
            assertThat(again.reused()).isEqualTo(30);
            assertThat(studio.plan().toSpendCny()).isZero();
            // every shot asked the service for its last frame (no decode of the clip here), and kept it beside the clip
            List<String> askedLastFrame = new ArrayList<>();
            for (RunReport.ShotOutcome shot : again.shots()) {
                var take = studio.view().takes(shot.shot()).get(0);
                if (harness.client.tasks().get(take.remoteId()).lastFrameUrl() != null) {
                    askedLastFrame.add(shot.shot().toString());
                }
                assertThat(take.lastFrame()).isRegularFile();
            }
            assertThat(askedLastFrame).hasSize(30);
            StudioStatus status = studio.status();
            assertThat(status.counts()).containsEntry("delivered", 30);
            assertThat(status.spentCny()).isPositive();
        }
        assertThat(harness.emulator.stats().creates()).isEqualTo(createsAfterFirst);

        // One prompt edited: that shot and the shots built on it (after: s05 -> s10, edit: s07) are made again.
        Files.writeString(file, StudioFixtures.everyModeYaml(3).replace("镜头缓慢推近 2", "镜头缓慢拉远 2"));
        List<RunEvent> edited = new ArrayList<>();
        try (Studio studio =
                Studio.open(file, harness.options(dir.resolve("out")).build())) {
            RunReport again = studio.run(edited::add);
            assertThat(again.created()).isEqualTo(4);
            assertThat(edited)
                    .filteredOn(e -> e.kind() == RunEvent.Kind.SUBMITTED)
                    .extracting(e -> e.shot().toString())
                    .containsExactlyInAnyOrder("ep02/s01", "ep02/s05", "ep02/s07", "ep02/s10");
            assertThat(again.reused()).isEqualTo(26);
            assertThat(again.failures()).isEmpty();

            // regen makes a second take with a new seed and picks it; pick goes back to the first
            RunReport regen = studio.regen("ep03", "s02", 77L, RunListener.none());
            assertThat(regen.created()).isEqualTo(1);
            assertThat(regen.shot(new ShotKey("ep03", "s02")).orElseThrow().take())
                    .isEqualTo(2);
            ShotView s02 = studio.status().shots().stream()
                    .filter(s -> s.shot().equals(new ShotKey("ep03", "s02")))
                    .findFirst()
                    .orElseThrow();
            assertThat(s02.takes()).isEqualTo(2);
            assertThat(s02.take()).isEqualTo(2);
            studio.pick("ep03", "s02", 1);
            assertThat(studio.status().shots().stream()
                            .filter(s -> s.shot().equals(new ShotKey("ep03", "s02")))
                            .findFirst()
                            .orElseThrow()
                            .take())
                    .isEqualTo(1);
            assertThat(studio.run(RunListener.none()).created()).isZero();
        }
        assertThat(harness.emulator.stats().creates()).isEqualTo(createsAfterFirst + 5);
    }

    @Test
    void callbacksWakeTheEngineAndTheSlowSweeperStaysBehindThem() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        StudioOptions options = harness.options(dir.resolve("out"))
                .pollInterval(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30))
                .callbacks(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), null)
                .build();
        try (Studio studio = Studio.open(file, options)) {
            RunReport report = studio.run(RunListener.none());
            assertThat(report.delivered()).isEqualTo(6);
        }
        try (StudioStore store = StudioStore.openSqlite(dir.resolve("out/studio.db"))) {
            assertThat(store.events())
                    .filteredOn(e -> e.kind().equals("callback"))
                    .anySatisfy(e -> assertThat(e.detail()).matches("cgt-\\S+ succeeded"));
        }
    }

    @Test
    void aLocalVideoIsPublishedForTheServiceToFetch() {
        StudioFixtures.assets(dir);
        Path clip = dir.resolve("assets/cafe.mp4");
        Ffmpeg.locate()
                .run(
                        List.of(
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc=s=864x496:r=24:d=3",
                                "-c:v",
                                "libx264",
                                "-pix_fmt",
                                "yuv420p",
                                clip.toString()),
                        java.time.Duration.ofMinutes(1));
        Path file = TestFiles.write(dir.resolve("drama.yaml"), """
        title: 剪辑
        defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        episodes: [{ id: ep01, shots: [{ id: s01, edit: assets/cafe.mp4, prompt: "把视频1里的咖啡杯换成白色瓷杯" }] }]
        """);
        long creates = harness.emulator.stats().creates();
        try (Studio studio =
                Studio.open(file, harness.options(dir.resolve("out")).build())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> studio.run(RunListener.none()))
                    .isInstanceOf(ProjectException.class)
                    .hasMessageContaining("drama.yaml:3:")
                    .hasMessageContaining("the local video assets/cafe.mp4 needs a URL the service can fetch");
        }
        assertThat(harness.emulator.stats().creates()).isEqualTo(creates);
        try (LoopbackVideoPublisher publisher = LoopbackVideoPublisher.start();
                Studio studio = Studio.open(
                        file,
                        harness.options(dir.resolve("out"))
                                .videoPublisher(publisher)
                                .build())) {
            assertThat(studio.plan().rows())
                    .singleElement()
                    .satisfies(r -> assertThat(r.mode()).isEqualTo("edit"));
            RunReport report = studio.run(RunListener.none());
            assertThat(report.failures()).isEmpty();
            assertThat(report.delivered()).isEqualTo(1);
        }
    }
}
