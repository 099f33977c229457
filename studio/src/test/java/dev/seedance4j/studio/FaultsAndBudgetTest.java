package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.emulator.Faults;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsAndBudgetTest {
    @TempDir
    Path dir;

    @Test
    void withTenPercentOfEveryFaultEveryShotIsDeliveredOrReasonCodedAndNothingIsPaidTwice() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.everyModeYaml(1));
        Faults faults = Faults.builder()
                .serverErrorRate(0.1)
                .rateLimitRate(0.1)
                .dropBeforeRate(0.1)
                .dropAfterRate(0.1)
                .truncatedDownloadRate(0.1)
                .outputModerationRate(0.1)
                .stuckRate(0.1)
                .seed(7)
                .build();
        try (EmulatorHarness harness = new EmulatorHarness(faults)) {
            // Stuck tasks only end when their hour (execution_expires_after) is up: let the emulator's time run fast.
            java.util.concurrent.ScheduledExecutorService time =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            time.scheduleAtFixedRate(
                    () -> harness.emulator.clock().advance(Duration.ofMinutes(2)),
                    500,
                    500,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            RunReport report;
            try (Studio studio = Studio.open(
                    file,
                    harness.options(dir.resolve("out"))
                            .maxRerolls(1)
                            .executionExpiresAfter(Duration.ofHours(1))
                            // the emulator's clock runs ahead (see above): widen the window in which unknown creates
                            // are looked for
                            .clockSkew(Duration.ofHours(3))
                            .build())) {
                report = studio.run(RunListener.none());
            } finally {
                time.shutdownNow();
            }
            assertThat(report.shots()).hasSize(10).allSatisfy(s -> {
                if (s.delivered()) {
                    assertThat(s.clip()).exists();
                } else {
                    assertThat(s.reason()).isNotNull();
                    assertThat(s.message()).isNotBlank();
                }
            });
            assertThat(report.delivered()).isPositive();
            // every task the service made is known to the store: no create was repeated blindly
            try (StudioStore store = StudioStore.openSqlite(dir.resolve("out/studio.db"))) {
                List<String> remoteIds = store.tasks().stream()
                        .map(TaskRecord::remoteId)
                        .filter(Objects::nonNull)
                        .toList();
                assertThat(remoteIds).doesNotHaveDuplicates();
                assertThat((long) remoteIds.size())
                        .isEqualTo(harness.emulator.stats().creates());
            }
        }
    }

    @Test
    void aPlanOverTheBudgetIsRefusedAndABudgetReachedMidRunStopsNewSubmissions() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none())) {
            BigDecimal estimate;
            try (Studio studio =
                    Studio.open(file, harness.options(dir.resolve("out")).build())) {
                estimate = studio.plan().toSpendCny();
            }
            BigDecimal tooLittle = estimate.subtract(new BigDecimal("0.01"));
            try (Studio studio = Studio.open(
                    file,
                    harness.options(dir.resolve("out")).budgetCny(tooLittle).build())) {
                assertThat(studio.plan().fitsBudget()).isFalse();
                assertThatThrownBy(() -> studio.run(RunListener.none()))
                        .isInstanceOf(BudgetExceededException.class)
                        .hasMessageContaining("nothing was sent");
            }
            assertThat(harness.emulator.stats().creates()).isZero();

            // Exactly enough for the plan; while it runs, a regen (another take of s01) spends part of it.
            List<RunEvent> events = new ArrayList<>();
            StudioOptions options = harness.options(dir.resolve("out"))
                    .budgetCny(estimate)
                    .concurrency(1)
                    .build();
            RunReport report;
            try (Studio studio = Studio.open(file, options)) {
                boolean[] regenDone = {false};
                report = studio.run(event -> {
                    events.add(event);
                    if (event.kind() == RunEvent.Kind.DELIVERED && !regenDone[0]) {
                        regenDone[0] = true;
                        try (Studio other = Studio.open(file, options)) {
                            assertThat(other.regen(
                                                    event.shot().episode(),
                                                    event.shot().shot(),
                                                    5L,
                                                    RunListener.none())
                                            .created())
                                    .isEqualTo(1);
                        }
                    }
                });
                assertThat(report.budgetReached()).isTrue();
                assertThat(report.failures()).containsKey(ReasonCode.BUDGET);
                assertThat(events).anySatisfy(e -> {
                    assertThat(e.kind()).isEqualTo(RunEvent.Kind.BUDGET_REACHED);
                    assertThat(e.message()).contains("budget of " + estimate.toPlainString() + " CNY reached");
                });
                assertThat(studio.status().spentCny()).isLessThanOrEqualTo(estimate);
                assertThat(studio.status().leftCny())
                        .hasValueSatisfying(left -> assertThat(left.signum()).isNotNegative());
            }
            assertThat(harness.emulator.stats().creates()).isEqualTo(report.created() + 1);
        }
    }

    @Test
    void aResultWhoseLinkExpiredBeforeItWasSavedIsReportedAsLostUrl() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), """
        title: 过期
        defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        episodes: [{ id: ep01, shots: [{ id: s01, prompt: "雨夜" }, { id: s02, after: s01, prompt: "雨停了" }] }]
        """);
        // Links that have expired when they are handed out (a negative lifetime): whatever the machine's pace, the
        // download comes after the expiry, as when a busy run reaches a result later than its link's 24 h.
        try (EmulatorHarness harness = new EmulatorHarness(
                        Faults.none(), 0.002, emulator -> emulator.resultUrlTtl(Duration.ofSeconds(-10)));
                Studio studio =
                        Studio.open(file, harness.options(dir.resolve("out")).build())) {
            RunReport report = studio.run(RunListener.none());
            assertThat(report.shot(new ShotKey("ep01", "s01")).orElseThrow()).satisfies(s -> {
                assertThat(s.delivered()).isFalse();
                assertThat(s.reason()).isEqualTo(ReasonCode.LOST_URL);
            });
            assertThat(report.shot(new ShotKey("ep01", "s02")).orElseThrow().reason())
                    .isEqualTo(ReasonCode.DEPENDENCY);
            assertThat(harness.emulator.stats().creates()).isEqualTo(1);
            assertThat(studio.status().counts()).containsEntry("failed", 1).containsEntry("not_generated", 1);
        }
    }

    @Test
    void aModeratedShotIsReasonCodedAndTheOthersGoOn() {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), """
        title: 审核
        defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        episodes: [{ id: ep01, shots: [{ id: s01, prompt: "禁词出现的镜头" }, { id: s02, prompt: "平静的湖面" }] }]
        """);
        try (EmulatorHarness harness =
                        new EmulatorHarness(Faults.none(), 0.002, emulator -> emulator.moderatedWords("禁词"));
                Studio studio =
                        Studio.open(file, harness.options(dir.resolve("out")).build())) {
            RunReport report = studio.run(RunListener.none());
            assertThat(report.shot(new ShotKey("ep01", "s01")).orElseThrow()).satisfies(s -> {
                assertThat(s.reason()).isEqualTo(ReasonCode.MODERATION);
                assertThat(s.message()).contains("SensitiveContentDetected").contains(ReasonCode.MODERATION.remedy());
            });
            assertThat(report.shot(new ShotKey("ep01", "s02")).orElseThrow().delivered())
                    .isTrue();
            assertThat(studio.status().counts()).containsEntry("failed", 1).containsEntry("delivered", 1);
        }
    }
}
