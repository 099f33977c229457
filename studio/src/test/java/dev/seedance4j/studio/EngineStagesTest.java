package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's stages working side by side: fetching never holds up submitting and polling. */
class EngineStagesTest {
    @TempDir
    Path dir;

    @Test
    void whileAFetchTakesSecondsTheNextShotIsSubmittedAndPolled() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), """
        title: 慢下载
        defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        episodes: [{ id: ep01, shots: [{ id: s01, prompt: "雨夜" }, { id: s02, prompt: "街灯" }] }]
        """);
        // every result file waits 3 s before its first byte; one task at a time, so s02 needs s01's slot
        try (EmulatorHarness harness =
                        new EmulatorHarness(Faults.none(), 0.002, e -> e.downloadLatency(Duration.ofSeconds(3)));
                Studio studio = Studio.open(
                        file, harness.options(dir.resolve("out")).concurrency(1).build())) {
            List<String> order = new ArrayList<>();
            long[] listsWhenSecondSent = {-1};
            long[] listsWhenFirstDelivered = {-1};
            RunReport report = studio.run(event -> {
                if (event.shot() == null) {
                    return;
                }
                String shot = event.shot().shot();
                if (event.kind() == RunEvent.Kind.SUBMITTED || event.kind() == RunEvent.Kind.DELIVERED) {
                    order.add(event.kind() + " " + shot);
                }
                long lists = harness.emulator.stats().requestsByEndpoint().getOrDefault("list", 0L);
                if (event.kind() == RunEvent.Kind.SUBMITTED && shot.equals("s02")) {
                    listsWhenSecondSent[0] = lists;
                }
                if (event.kind() == RunEvent.Kind.DELIVERED && shot.equals("s01")) {
                    listsWhenFirstDelivered[0] = lists;
                }
            });
            assertThat(report.delivered()).isEqualTo(2);
            // s02 went out while s01's clip was still on its way, and s02 was polled meanwhile
            assertThat(order).containsSubsequence("SUBMITTED s01", "SUBMITTED s02", "DELIVERED s01");
            assertThat(listsWhenFirstDelivered[0]).isGreaterThan(listsWhenSecondSent[0]);
        }
    }
}
