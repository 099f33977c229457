package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.emulator.Faults;
import dev.seedance4j.studio.assembly.AssemblyListener;
import dev.seedance4j.studio.assembly.AssemblySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the review board asks of a studio: a prompt edited with a diff, an approved cut, cancelled queued tasks. */
class StudioActionsTest {
    @TempDir
    Path dir;

    static String yaml(String firstPrompt) {
        return """
        # a comment that stays
        title: 动作
        defaults: { model: %s, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        episodes:
          - id: ep01
            shots:
              - id: s01
                prompt: %s   # the opening
              - { id: s02, prompt: "灯光亮起" }
        """.formatted(StudioFixtures.MODEL, firstPrompt);
    }

    @Test
    void anEditedPromptIsShownAsADiffThenWrittenBackAndMakesANewTake() throws Exception {
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none())) {
            Path file = TestFiles.write(dir.resolve("drama.yaml"), yaml("夜色中的城市"));
            List<String> before = Files.readAllLines(file);
            try (Studio studio =
                    Studio.open(file, harness.options(dir.resolve("out")).build())) {
                studio.run(RunListener.none());
                long creates = harness.emulator.stats().creates();
                PromptChange change = studio.previewPrompt("ep01", "s01", "黄昏的城市，\"远景\"");
                assertThat(change.diff())
                        .contains("@@ line 8 @@")
                        .contains("-         prompt: 夜色中的城市   # the opening")
                        .contains("+         prompt: \"黄昏的城市，\\\"远景\\\"\"   # the opening");
                assertThat(change.estimatedCny()).isPositive();
                assertThat(Files.readAllLines(file)).isEqualTo(before); // a preview writes nothing

                // the file changed since the diff was shown: refused, nothing written or sent
                Files.writeString(file, Files.readString(file) + "\n");
                assertThatThrownBy(() -> studio.regenWithPrompt(change, RunListener.none()))
                        .isInstanceOf(StudioException.class)
                        .hasMessageContaining("changed since the diff was shown");
                assertThat(harness.emulator.stats().creates()).isEqualTo(creates);

                PromptChange again = studio.previewPrompt("ep01", "s01", "黄昏的城市，\"远景\"");
                RunReport report = studio.regenWithPrompt(again, RunListener.none());
                assertThat(report.created()).isEqualTo(1);
                List<String> after = Files.readAllLines(file);
                assertThat(after).hasSize(before.size() + 1);
                for (int i = 0; i < before.size(); i++) {
                    if (before.get(i).contains("prompt: 夜色中的城市")) {
                        assertThat(after.get(i)).isEqualTo("        prompt: \"黄昏的城市，\\\"远景\\\"\"   # the opening");
                    } else {
                        assertThat(after.get(i)).isEqualTo(before.get(i));
                    }
                }
                assertThat(Project.load(file)
                                .shot(new ShotKey("ep01", "s01"))
                                .orElseThrow()
                                .prompt())
                        .isEqualTo("黄昏的城市，\"远景\"");
                ShotKey key = new ShotKey("ep01", "s01");
                List<TaskView> tasks = studio.view().tasks(key);
                String sent = studio.view()
                        .request(key, tasks.get(tasks.size() - 1).intentId())
                        .orElseThrow();
                assertThat(sent).contains("黄昏的城市");
                assertThat(studio.status().shots().get(0).take()).isEqualTo(2);
            }
        }
    }

    @Test
    void anApprovalBelongsToTheCutItWasGivenForInTheStoreAndSeasonJson() throws Exception {
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none())) {
            Path file = TestFiles.write(dir.resolve("drama.yaml"), yaml("夜色中的城市"));
            try (Studio studio =
                    Studio.open(file, harness.options(dir.resolve("out")).build())) {
                studio.run(RunListener.none());
                assertThatThrownBy(() -> studio.approve("ep01", "导演", null))
                        .isInstanceOf(StudioException.class)
                        .hasMessageContaining("not been assembled");
                studio.assemble(AssemblySettings.defaults(), AssemblyListener.NONE);
                ApprovalView approval = studio.approve("ep01", "导演", "可以发");
                assertThat(studio.view().approvals()).containsExactly(approval);
                Path season = dir.resolve("out/episodes/season.json");
                JsonNode episode = new ObjectMapper()
                        .readTree(season.toFile())
                        .path("episodes")
                        .get(0);
                assertThat(episode.path("approval").path("by").asText()).isEqualTo("导演");
                assertThat(episode.path("approval").path("note").asText()).isEqualTo("可以发");
                assertThat(episode.path("stamp").asText()).isEqualTo(approval.stamp());

                // the same cut assembled again stays approved; another take makes a new cut that is not
                studio.assemble(AssemblySettings.defaults(), AssemblyListener.NONE);
                assertThat(new ObjectMapper()
                                .readTree(season.toFile())
                                .path("episodes")
                                .get(0)
                                .has("approval"))
                        .isTrue();
                studio.regen("ep01", "s02", null, RunListener.none());
                studio.assemble(AssemblySettings.defaults(), AssemblyListener.NONE);
                JsonNode recut = new ObjectMapper()
                        .readTree(season.toFile())
                        .path("episodes")
                        .get(0);
                assertThat(recut.path("stamp").asText()).isNotEqualTo(approval.stamp());
                assertThat(recut.has("approval")).isFalse();
            }
        }
    }

    @Test
    void queuedTasksAreCancelledAndTheRunThatFollowsThemEnds() throws Exception {
        // one task at a time, each a few seconds: the second shot waits queued at the service
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none(), 0.05, b -> b.concurrency(1))) {
            Path file = TestFiles.write(dir.resolve("drama.yaml"), yaml("夜色中的城市"));
            StudioOptions options = harness.options(dir.resolve("out")).build();
            try (Studio studio = Studio.open(file, options)) {
                studio.run(RunListener.none()); // the state database exists from here on
            }
            TestFiles.write(file, yaml("黄昏的城市").replace("灯光亮起", "灯光熄灭")); // both shots change
            try (Studio studio = Studio.open(file, options);
                    Studio other = Studio.open(file, options)) {
                CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> studio.run(RunListener.none()));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                List<ShotKey> cancelled = List.of();
                while (cancelled.isEmpty()) {
                    assertThat(System.nanoTime())
                            .as("a task is queued at some point")
                            .isLessThan(deadline);
                    cancelled = other.cancelQueued(k -> true);
                    if (cancelled.isEmpty()) {
                        assertThat(run).as("the run is still going").isNotDone();
                        Thread.sleep(20); // a pause between looks, not a wait for something to happen
                    }
                }
                RunReport report = run.get();
                assertThat(report.failures()).containsOnlyKeys(ReasonCode.CANCELLED);
                ShotKey key = cancelled.get(0);
                assertThat(other.view().shot(key).orElseThrow().state()).isEqualTo(ShotState.FAILED);
                List<TaskView> tasks = other.view().tasks(key);
                TaskView task = tasks.get(tasks.size() - 1);
                assertThat(task.reason()).isEqualTo(ReasonCode.CANCELLED.name());
                assertThat(harness.client.tasks().get(task.remoteId()).status().toString())
                        .isEqualToIgnoringCase("cancelled");
                assertThat(other.view().events(0, 1000).stream().map(EventView::kind))
                        .contains("cancelled");
            }
        }
    }
}
