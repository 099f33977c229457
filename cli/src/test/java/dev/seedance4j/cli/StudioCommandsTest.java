package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project commands, in-process, on the embedded emulator: output and exit codes as a script sees them. */
class StudioCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path project(String budget) throws Exception {
        return Files.writeString(dir.resolve("tiny.yaml"), """
                title: tiny
                defaults: { model: doubao-seedance-2-0-fast-260128, resolution: 480p, ratio: "16:9", duration: 4 }
                budget: { max_cny: %s }
                episodes:
                  - id: ep01
                    shots:
                      - id: s01
                        prompt: a paper boat on a rainy street
                      - id: s02
                        after: s01
                        prompt: the boat drifts into a drain
                """.formatted(budget));
    }

    @Test
    void planPrintsTheCostTableAndSpendsNothing() throws Exception {
        Path project = project("10");
        CliRun run = CliRun.run("plan", project.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ep01", "s01", "s02", "text", "first_frame", "40594", "to spend:");

        CliRun json = CliRun.run("plan", project.toString(), "--json");
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.get("shots")).hasSize(2);
        assertThat(doc.get("to_spend_tokens").asLong()).isEqualTo(2 * 40594);
        assertThat(doc.get("fits_budget").asBoolean()).isTrue();
    }

    @Test
    void theExampleProjectsAreAdmittedWithinTheirBudgets() throws Exception {
        for (String example : new String[] {"demo", "rehearsal"}) {
            Path project = Path.of("..", "examples", example, "project.yaml");
            CliRun run = CliRun.run(
                    "plan",
                    project.toString(),
                    "--json",
                    "--out",
                    dir.resolve(example).toString());
            assertThat(run.exitCode()).as(example + ": " + run.err()).isZero();
            JsonNode doc = JSON.readTree(run.out());
            assertThat(doc.get("fits_budget").asBoolean()).as(example).isTrue();
            assertThat(doc.get("shots").size()).as(example).isGreaterThanOrEqualTo(example.equals("demo") ? 8 : 30);
        }
    }

    @Test
    void aPlanOverTheBudgetIsRefusedWithExitCode3() throws Exception {
        CliRun run = CliRun.run("plan", project("1").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("does not fit the budget");

        CliRun refused = CliRun.run("run", project("1").toString(), "--emulator");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("budget");
        assertThat(dir.resolve("out/tiny/clips")).doesNotExist();
    }

    @Test
    void aBrokenProjectFileIsBadInputNamingTheLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                title: bad
                episodes:
                  - id: ep01
                    shots:
                      - id: s01
                        prompt: x
                        duraton: 5
                """);
        CliRun run = CliRun.run("run", bad.toString(), "--emulator");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml", "7", "duraton");
    }

    @Test
    void runDeliversEveryShotThenStatusShowsThemAndARerunCreatesNothing() throws Exception {
        Path project = project("10");
        CliRun run = CliRun.run("run", project.toString(), "--emulator", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("delivered").asInt()).isEqualTo(2);
        assertThat(summary.get("created").asInt()).isEqualTo(2);
        assertThat(summary.get("billed_tokens").asLong()).isEqualTo(2 * 40594);

        CliRun status = CliRun.run("status", project.toString(), "--json");
        JsonNode doc = JSON.readTree(status.out());
        assertThat(doc.get("counts").get("delivered").asInt()).isEqualTo(2);
        assertThat(Path.of(doc.get("shots").get(0).get("clip").asText())).exists();

        CliRun again = CliRun.run("run", project.toString(), "--emulator", "--json-lines");
        assertThat(again.exitCode()).isZero();
        String[] lines = again.out().strip().split("\n");
        assertThat(lines).anyMatch(l -> l.contains("\"event\":\"reused\""));
        JsonNode last = JSON.readTree(lines[lines.length - 1]);
        assertThat(last.get("summary").get("created").asInt()).isZero();
    }

    @Test
    void regenMakesASecondTakeAndPickGoesBackToTheFirst() throws Exception {
        Path project = project("10");
        assertThat(CliRun.run("run", project.toString(), "--emulator").exitCode())
                .isZero();

        CliRun regen = CliRun.run("regen", project.toString(), "ep01/s01", "--seed", "7", "--emulator");
        assertThat(regen.exitCode()).as(regen.err()).isZero();
        assertThat(regen.out()).contains("SUBMITTED ep01/s01");

        CliRun pick = CliRun.run("pick", project.toString(), "ep01/s01", "1");
        assertThat(pick.exitCode()).as(pick.err()).isZero();
        assertThat(pick.out()).contains("ep01/s01 now uses take 1");

        CliRun status = CliRun.run("status", project.toString(), "--json");
        JsonNode s01 = JSON.readTree(status.out()).get("shots").get(0);
        assertThat(s01.get("takes").asInt()).isEqualTo(2);
        assertThat(s01.get("take").asInt()).isEqualTo(1);

        CliRun noSuchTake = CliRun.run("pick", project.toString(), "ep01/s01", "9");
        assertThat(noSuchTake.exitCode()).isEqualTo(2);
        assertThat(noSuchTake.err()).contains("no take 9");
    }

    @Test
    void aSubtitleFontThatIsNotThereIsRefusedBeforeAnythingIsSent() throws Exception {
        CliRun run = CliRun.run("run", project("10").toString(), "--emulator", "--subtitle-font", "/no/such/font.otf");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--subtitle-font", "/no/such/font.otf");
        assertThat(dir.resolve("out/tiny/clips")).doesNotExist();
    }

    @Test
    void aRunWithoutAKeyNeverFallsBackToTheEmulator() throws Exception {
        CliRun run = CliRun.run(Map.of(), "run", project("10").toString());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("ARK_API_KEY", "--emulator");
        assertThat(dir.resolve("out/tiny/clips")).doesNotExist();
    }
}
