package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.emulator.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read side over a real run: a view beside the running engine, and status from the store alone. */
class StudioViewTest {
    @TempDir
    Path dir;

    /**
     * A view opened on the output folder during a run (its own connection, as a board or another process would) sees
     * the shot just delivered and the others in flight, and streams the events after the last one it saw without
     * missing or repeating any.
     */
    @Test
    void aViewBesideARunningEngineSeesItsProgressAndStreamsItsEvents() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        Path out = dir.resolve("out");
        List<EventView> streamed = new ArrayList<>();
        List<List<ShotState>> seen = new ArrayList<>();
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none());
                Studio studio = Studio.open(file, harness.options(out).build())) {
            studio.plan();
            // A project that was never run has no state yet: the view opens once the run has made it.
            assertThatThrownBy(() -> StudioView.open(out)).hasMessageContaining("no state database");
            StudioView[] opened = new StudioView[1];
            RunReport report = studio.run(event -> {
                if (opened[0] == null) opened[0] = StudioView.open(out);
                StudioView view = opened[0];
                long after = streamed.isEmpty()
                        ? 0
                        : streamed.get(streamed.size() - 1).seq();
                streamed.addAll(view.events(after, 1000));
                if (event.kind() == RunEvent.Kind.DELIVERED) {
                    ShotView shot = view.shot(event.shot()).orElseThrow();
                    assertThat(shot.state()).isEqualTo(ShotState.DELIVERED);
                    assertThat(shot.clip()).exists();
                    seen.add(view.shots().stream().map(ShotView::state).toList());
                }
            });
            try (StudioView view = opened[0]) {
                assertThat(view.title()).contains("小项目");
                assertThat(report.delivered()).isEqualTo(6);
                streamed.addAll(view.events(streamed.get(streamed.size() - 1).seq(), 1000));
                assertThat(view.shots()).extracting(ShotView::state).containsOnly(ShotState.DELIVERED);
                assertThat(view.ledger().project().billedCny()).isEqualByComparingTo(report.spentCny());
            }
        }
        // while it ran, the view saw shots in flight next to delivered ones
        assertThat(seen.get(0)).contains(ShotState.DELIVERED).anyMatch(ShotState::inFlight);
        assertThat(streamed).extracting(EventView::seq).doesNotHaveDuplicates().isSorted();
        assertThat(streamed).filteredOn(e -> e.kind().equals("delivered")).hasSize(6);
        assertThat(streamed).filteredOn(e -> e.kind().equals("submitted")).hasSize(6);
    }

    /**
     * Status reads the store and nothing else: after an image of the project changed, it still answers with the last
     * plan (compiling would hash the image and find two shots changed), and a view answers with the image gone.
     */
    @Test
    void statusNeitherCompilesTheProjectNorNeedsItsFiles() throws Exception {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none())) {
            StudioOptions options = harness.options(dir.resolve("out")).build();
            try (Studio studio = Studio.open(file, options)) {
                assertThat(studio.run(RunListener.none()).delivered()).isEqualTo(6);
            }
            TestFiles.png(dir.resolve("assets/door.png"), 320, 480, java.awt.Color.BLUE);
            try (Studio studio = Studio.open(file, options)) {
                StudioStatus status = studio.status();
                assertThat(status.counts()).containsExactly(java.util.Map.entry("delivered", 6));
                assertThat(status.shots()).allSatisfy(s -> assertThat(s.clip()).exists());
                assertThat(status.spentCny()).isPositive();
                assertThat(status.episodes().get("ep01").billedCny()).isEqualByComparingTo(status.spentCny());
                assertThat(status.lastEventSeq()).isPositive();
                // planning compiles: s03 starts on the changed image and s06 extends s03
                assertThat(studio.plan().rows()).filteredOn(r -> !r.reused()).hasSize(2);
                assertThat(studio.status().counts())
                        .containsEntry("delivered", 4)
                        .containsEntry("not_generated", 2);
            }
            Files.delete(dir.resolve("assets/door.png"));
            try (StudioView view = StudioView.open(dir.resolve("out"))) {
                assertThat(view.status().counts()).containsEntry("delivered", 4);
            }
        }
    }

    @Test
    void aProjectNeverPlannedListsItsShotsAsNotGenerated() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        try (Studio studio = Studio.open(
                file, StudioOptions.builder().outputDir(dir.resolve("out")).build())) {
            StudioStatus status = studio.status();
            assertThat(status.shots())
                    .hasSize(6)
                    .allSatisfy(s -> assertThat(s.state()).isEqualTo(ShotState.NOT_GENERATED));
            assertThat(status.counts()).containsExactly(java.util.Map.entry("not_generated", 6));
            assertThat(status.spentCny()).isZero();
        }
    }

    @Test
    void aViewOfAFolderWithoutStateSaysSo() {
        assertThatThrownBy(() -> StudioView.open(dir))
                .isInstanceOf(StudioException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("no state database");
        assertThat(dir.resolve("studio.db")).doesNotExist();
    }
}
