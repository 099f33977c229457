package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.Faults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new take is a new clip: regen without a seed never sends the seed of an earlier take again (issue 12, item 7). */
class RegenSeedTest {
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
    void regenWithoutSeedSendsASeedNoEarlierTakeUsedAndWithSeedSendsThatOne() {
        Path file = TestFiles.write(dir.resolve("drama.yaml"), """
        title: 重拍
        defaults: { model: %s, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        episodes:
          - id: ep01
            shots:
              - { id: s01, prompt: "夜色中的城市", seed: 11 }
        """.formatted(StudioFixtures.MODEL));
        ShotKey key = new ShotKey("ep01", "s01");
        try (Studio studio =
                Studio.open(file, harness.options(dir.resolve("out")).build())) {
            studio.run(RunListener.none());
            studio.regen("ep01", "s01", null, RunListener.none());
            studio.regen("ep01", "s01", null, RunListener.none());
            studio.regen("ep01", "s01", 11L, RunListener.none());
            List<TaskView> tasks = studio.view().tasks(key);
            assertThat(tasks).hasSize(4);
            // the seeds the service was asked for, as the emulator reports them back
            List<Long> sent = tasks.stream()
                    .map(t -> harness.client.tasks().get(t.remoteId()).seed())
                    .toList();
            assertThat(sent.get(0)).isEqualTo(11L);
            assertThat(sent.subList(0, 3)).doesNotHaveDuplicates();
            assertThat(sent.get(3)).isEqualTo(11L);
            assertThat(tasks.stream().map(TaskView::seed).toList()).isEqualTo(sent);
            // each take keeps the seed it was made with, so a resumed take sends the same one
            assertThat(studio.view().takes(key).stream()
                            .map(TakeView::seed)
                            .toList()
                            .subList(1, 4))
                    .isEqualTo(sent.subList(1, 4));
            assertThat(studio.status().shots().get(0).take()).isEqualTo(4);
        }
    }
}
