package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Faults;
import dev.seedance4j.studio.internal.store.KeyFingerprint;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several API keys of one account pooled, each with its own limits. */
class KeyPoolTest {
    @TempDir
    Path dir;

    @Test
    void aSecondKeyTakesWhatTheFirstHasNoRoomForAndItsTasksAreFollowedWithIt() throws Exception {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none(), 0.002, b -> b.apiKeys("key-one", "key-two"));
                SeedanceClient one = SeedanceClient.builder()
                        .apiKey("key-one")
                        .baseUrl(harness.emulator.baseUrl())
                        .build();
                SeedanceClient two = SeedanceClient.builder()
                        .apiKey("key-two")
                        .baseUrl(harness.emulator.baseUrl())
                        .build()) {
            StudioOptions options = EmulatorHarness.options(one, dir.resolve("out"))
                    .concurrency(1)
                    .quotaKey("key-one")
                    .poolKey(PooledKey.of(two, "key-two", "second", 2, 6000))
                    .build();
            RunReport report;
            try (Studio studio = Studio.open(file, options)) {
                report = studio.run(RunListener.none());
                TeamView team = studio.view().team(Instant.now());
                assertThat(team.quotas())
                        .extracting(TeamView.Quota::key)
                        .containsExactlyInAnyOrder(KeyFingerprint.of("key-one"), "second");
                assertThat(team.holders()).as("nothing is held after the run").isEmpty();
            }
            assertThat(report.delivered()).isEqualTo(6);
            assertThat(harness.emulator.stats().creates()).isEqualTo(6);
            assertThat(harness.emulator.stats().peakRunning()).isLessThanOrEqualTo(3);
            try (StudioStore store = StudioStore.openSqlite(dir.resolve("out/studio.db"))) {
                Map<String, Long> byKey =
                        store.tasks().stream().collect(Collectors.groupingBy(TaskRecord::keyId, Collectors.counting()));
                assertThat(byKey).containsOnlyKeys(KeyFingerprint.of("key-one"), KeyFingerprint.of("key-two"));
                assertThat(store.tasks())
                        .allSatisfy(t -> assertThat(t.requestJson()).doesNotContain("key-"));
            }
        }
    }
}
