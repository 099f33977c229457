package dev.seedance4j.storyboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.client.AuthenticationException;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.studio.ChargeKind;
import dev.seedance4j.studio.ChargeView;
import dev.seedance4j.studio.Charges;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LLM breakdown against the emulator's chat completions over HTTP: valid, invalid, truncated and
 * schema-violating replies each end in a valid project (or a clear error), no line is dropped, and every chat call
 * is in the ledger with its tokens.
 */
class LlmBreakdownTest {
    static final Model SEED = Model.of("doubao-seed-1-8-251215");

    @TempDir
    Path folder;

    /** What one import through the emulator made, with the emulator's count of chat completions. */
    record Outcome(Storyboard board, List<ChargeView> charges, long completions, Project project) {}

    private Outcome importWith(String script, int maxAttempts, String... faults) throws Exception {
        Path project = folder.resolve("project.yaml");
        Path state = folder.resolve("out");
        try (Emulator emulator =
                        Emulator.builder().port(0).chatFaultPlan(faults).build().start();
                SeedanceClient client = SeedanceClient.builder()
                        .apiKey("test-key")
                        .baseUrl(emulator.baseUrl())
                        .build();
                Charges ledger = Charges.open(state)) {
            LlmBreakdown llm = LlmBreakdown.builder(client, SEED)
                    .ledger(ledger)
                    .maxAttempts(maxAttempts)
                    .build();
            ScriptImporter.ImportResult result =
                    ScriptImporter.builder().breakdown(llm).build().importScript(TestScripts.get(script), project);
            assertThat(result.written())
                    .as(result.storyboard().diagnostics().toString())
                    .isTrue();
            return new Outcome(
                    result.storyboard(), ledger.all(), emulator.stats().chatCompletions(), Project.load(project));
        }
    }

    /** Every line of the script is in exactly one shot, and the project plans with 0 problems. */
    private void assertComplete(Outcome o) {
        List<Beat> all = o.board().script().episodes().stream()
                .flatMap(e -> e.scenes().stream())
                .flatMap(s -> s.beats().stream())
                .toList();
        List<Beat> shown =
                o.board().shots().stream().flatMap(s -> s.beats().stream()).toList();
        assertThat(shown).hasSameSizeAs(all);
        for (Beat b : all)
            assertThat(shown.stream().filter(x -> x == b).count()).isEqualTo(1);
        List<String> written = new ArrayList<>();
        for (Shot shot : o.project().shots()) shot.dialogue().forEach(d -> written.add(d.text()));
        assertThat(written)
                .containsExactlyElementsOf(
                        all.stream().filter(Beat::isDialogue).map(Beat::text).toList());
        try (Studio studio = Studio.open(
                o.project().file(),
                StudioOptions.builder().outputDir(folder.resolve("plan")).build())) {
            assertThat(studio.plan().rows()).hasSize(o.board().shots().size());
        }
    }

    /** The chat calls of the breakdown are the ledger's chat charges, billed with the service's tokens. */
    private void assertLedger(Outcome o) {
        List<ChatCall> answered = o.board().chatCalls().stream()
                .filter(c -> !c.requestId().isEmpty())
                .toList();
        assertThat(answered).hasSize((int) o.completions());
        assertThat(o.charges()).hasSize(answered.size());
        assertThat(o.charges()).allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ChargeKind.CHAT);
            assertThat(c.status()).isEqualTo("billed");
            assertThat(c.billedUnits()).isPositive();
            assertThat(c.purpose()).startsWith("script breakdown ");
        });
        long tokens = answered.stream()
                .mapToLong(c -> c.promptTokens() + c.completionTokens())
                .sum();
        assertThat(o.charges().stream().mapToLong(ChargeView::billedUnits).sum())
                .isEqualTo(tokens);
    }

    @Test
    void validRepliesGiveOneCallPerSceneAndAValidProject() throws Exception {
        Outcome o = importWith("01-standard.md", 3);
        assertThat(o.completions()).isEqualTo(2); // two scenes
        assertThat(o.board().chatCalls()).allSatisfy(c -> {
            assertThat(c.outcome()).isEqualTo("ok");
            assertThat(c.format()).isEqualTo("json_schema");
            assertThat(c.cny()).isPresent();
        });
        assertComplete(o);
        assertLedger(o);
        assertThat(o.project().shots().get(0).prompt()).contains("@沈家别墅_客厅");
        assertThat(o.board().diagnostics()).noneMatch(d -> d.message().contains("without the model"));
    }

    @Test
    void invalidJsonIsAskedAgainWithTheViolation() throws Exception {
        Outcome o = importWith("01-standard.md", 3, "invalid-json");
        assertThat(o.completions()).isEqualTo(3);
        assertThat(o.board().chatCalls().get(0).outcome()).startsWith("the answer is not valid JSON");
        assertThat(o.board().chatCalls().get(1).outcome()).isEqualTo("ok");
        assertComplete(o);
        assertLedger(o);
    }

    @Test
    void aTruncatedReplyIsNeverRepairedTheBatchIsSplit() throws Exception {
        Outcome o = importWith("01-standard.md", 3, "truncate");
        assertThat(o.board().chatCalls().get(0).outcome()).isEqualTo("truncated");
        // the first scene's lines were asked again in two halves
        assertThat(o.completions()).isEqualTo(4);
        assertComplete(o);
        assertLedger(o);
    }

    @Test
    void aSchemaViolationIsCaughtLocallyAndAskedAgain() throws Exception {
        Outcome o = importWith("01-standard.md", 3, "schema-violation");
        assertThat(o.board().chatCalls().get(0).outcome()).startsWith("$.");
        assertThat(o.completions()).isEqualTo(3);
        assertComplete(o);
        assertLedger(o);
    }

    @Test
    void repliesInvalidEveryTimeEndInTheDeterministicBreakdownOfThoseLinesAndADiagnostic() throws Exception {
        Outcome o = importWith("01-standard.md", 2, "invalid-json", "schema-violation");
        assertThat(o.board().diagnostics())
                .anyMatch(d -> d.severity() == Severity.REVIEW
                        && d.message().contains("still invalid after 2 attempt(s)")
                        && d.message().contains("broken down without the model"));
        assertComplete(o);
        assertLedger(o);
    }

    @Test
    void aRateLimitAndADroppedConnectionAreRetriedByTheClient() throws Exception {
        Outcome o = importWith("06-two-speakers.md", 3, "429", "drop");
        assertComplete(o);
        assertThat(o.board().chatCalls())
                .allSatisfy(c -> assertThat(c.outcome()).isEqualTo("ok"));
    }

    @Test
    void anAnswerLostAfterTheServiceMadeItStaysInTheLedgerAsPossiblyBilled() throws Exception {
        Outcome o = importWith("06-two-speakers.md", 3, "drop-after");
        assertComplete(o);
        assertThat(o.completions()).isEqualTo(2); // the first answer was made, then its connection dropped
        assertThat(o.board().chatCalls()).hasSize(1);
        assertThat(o.board().chatCalls().get(0).unansweredAttempts()).isEqualTo(1);
        assertThat(o.charges()).extracting(ChargeView::status).containsExactlyInAnyOrder("billed", "unknown");
    }

    @Test
    void aModelWithoutJsonSchemaIsAskedWithJsonObject() throws Exception {
        Path project = folder.resolve("p.yaml");
        try (Emulator emulator = Emulator.builder().port(0).build().start();
                SeedanceClient client = SeedanceClient.builder()
                        .apiKey("test-key")
                        .baseUrl(emulator.baseUrl())
                        .build()) {
            LlmBreakdown llm = LlmBreakdown.builder(client, SEED)
                    .modelTable(dev.seedance4j.client.ModelTable.bundled()
                            .withOverrides("{\"chat\": {\"doubao-seed-1-8-*\": {\"json_schema\": false}}}"))
                    .build();
            assertThat(llm.format()).isEqualTo(AnswerFormat.JSON_OBJECT);
            Storyboard board = ScriptImporter.builder()
                    .breakdown(llm)
                    .build()
                    .importScript(TestScripts.get("09-no-episode-marks.md"), project)
                    .storyboard();
            assertThat(board.chatCalls()).allSatisfy(c -> assertThat(c.format()).isEqualTo("json_object"));
            assertThat(board.shots()).isNotEmpty();
            LlmBreakdown prompt = LlmBreakdown.builder(client, SEED)
                    .format(AnswerFormat.PROMPT)
                    .build();
            Storyboard prompted = ScriptImporter.builder()
                    .breakdown(prompt)
                    .build()
                    .importScript(TestScripts.get("09-no-episode-marks.md"), folder.resolve("q.yaml"))
                    .storyboard();
            assertThat(prompted.chatCalls()).allSatisfy(c -> {
                assertThat(c.format()).isEqualTo("prompt");
                assertThat(c.outcome()).isEqualTo("ok");
            });
        }
    }

    @Test
    void aKeyTheServiceRefusesIsAClearErrorAndNothingIsWritten() throws Exception {
        Path project = folder.resolve("p.yaml");
        try (Emulator emulator = Emulator.builder()
                        .port(0)
                        .apiKeys("the-right-key")
                        .build()
                        .start();
                SeedanceClient client = SeedanceClient.builder()
                        .apiKey("a-wrong-key")
                        .baseUrl(emulator.baseUrl())
                        .build()) {
            ScriptImporter importer = ScriptImporter.builder()
                    .breakdown(LlmBreakdown.builder(client, SEED).build())
                    .build();
            assertThatThrownBy(() -> importer.importScript(TestScripts.get("01-standard.md"), project))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageNotContaining("a-wrong-key");
            assertThat(project).doesNotExist();
        }
    }
}
