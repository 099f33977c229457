package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.Faults;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of one project at once, where one finishes tasks the other follows. */
class OverlappingRunsTest {
    @TempDir
    Path dir;

    /**
     * A listener starts another run of the project (a regen) at the first delivery, while the other shots' tasks are
     * still in flight and held by this run (whose thread is inside the listener, its heartbeat alive). The nested run
     * must not wait for those tasks — they are this run's to finish, and this run cannot go on until the nested one
     * returns — nor touch them: it makes its one take and ends. This run then goes on and ends with every shot, each
     * sent once and delivered once. The timeout turns a run that waits for the other into a failure.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aRunStartedFromAListenerEndsWithItsOwnShotAndLeavesThisRunsTasksToIt() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none())) {
            StudioOptions options = harness.options(dir.resolve("out")).build();
            List<RunEvent> events = new ArrayList<>();
            RunReport[] nested = new RunReport[1];
            boolean[] othersOpen = new boolean[1];
            RunReport report;
            try (Studio studio = Studio.open(file, options)) {
                report = studio.run(event -> {
                    events.add(event);
                    if (event.kind() == RunEvent.Kind.DELIVERED && nested[0] == null) {
                        try (Studio other = Studio.open(file, options)) {
                            nested[0] = other.regen(
                                    event.shot().episode(), event.shot().shot(), 5L, RunListener.none());
                            othersOpen[0] = !other.view()
                                    .team(java.time.Instant.now())
                                    .holders()
                                    .isEmpty();
                        }
                    }
                });
            }
            assertThat(nested[0].created()).isEqualTo(1);
            assertThat(nested[0].shots()).hasSize(1);
            assertThat(othersOpen[0])
                    .as("the nested run ended while this run still held tasks")
                    .isTrue();
            assertThat(report.shots())
                    .allSatisfy(s ->
                            assertThat(s.delivered()).as(s.shot().toString()).isTrue());
            assertThat(report.delivered()).isEqualTo(6);
            assertThat(report.created()).isEqualTo(6);
            assertThat(harness.emulator.stats().creates()).isEqualTo(7);
            // per shot: sent once, then delivered once, in that order, and nothing else
            Map<ShotKey, List<RunEvent.Kind>> byShot = events.stream()
                    .filter(e -> e.shot() != null)
                    .collect(Collectors.groupingBy(
                            RunEvent::shot, Collectors.mapping(RunEvent::kind, Collectors.toList())));
            assertThat(byShot)
                    .hasSize(6)
                    .allSatisfy((shot, kinds) -> assertThat(kinds)
                            .as(shot.toString())
                            .containsExactly(RunEvent.Kind.SUBMITTED, RunEvent.Kind.DELIVERED));
            try (StudioStore store = StudioStore.openSqlite(dir.resolve("out/studio.db"))) {
                assertThat(store.tasks())
                        .hasSize(7)
                        .allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskState.DELIVERED));
                assertThat(store.tasks().stream().map(TaskRecord::remoteId)).doesNotHaveDuplicates();
            }
        }
    }
}
