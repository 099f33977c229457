package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.studio.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store}, {@code SEEDANCE_STORE} and {@code seedance worker} on the command line. */
class TeamCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT_MODEL = "doubao-seed-1-8-251215";

    @TempDir
    Path dir;

    private Path project() throws Exception {
        return Files.writeString(dir.resolve("team.yaml"), """
                title: team
                defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
                episodes:
                  - id: ep01
                    shots:
                      - { id: s01, prompt: "one", seed: 1 }
                      - { id: s02, prompt: "two", seed: 2 }
                """);
    }

    @Test
    void aRunKeepsItsStateInTheNamedStoreAndStatusReadsItFromThereOrFromTheVariable() throws Exception {
        Path project = project();
        Path store = dir.resolve("shared/state.db");
        CliRun run = CliRun.run("run", project.toString(), "--emulator", "--store", store.toString(), "--no-assemble");
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(store).isRegularFile();
        assertThat(dir.resolve("out/team/studio.db")).doesNotExist();

        CliRun status = CliRun.run("status", project.toString(), "--store", store.toString(), "--json");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("\"delivered\" : 2");
        CliRun fromEnv = CliRun.run(Map.of("SEEDANCE_STORE", store.toString()), "status", project.toString(), "--json");
        assertThat(fromEnv.out())
                .contains("\"delivered\" : 2")
                .contains("\"holders\" : [ ]")
                .contains("\"claims\" : [ ]");
        CliRun elsewhere = CliRun.run("status", project.toString(), "--json");
        assertThat(elsewhere.out()).doesNotContain("\"delivered\"");
    }

    @Test
    void aStoreThatIsNeitherPostgresqlNorSqliteIsRefusedNamingTheFlagOrTheVariable() throws Exception {
        Path project = project();
        CliRun flag = CliRun.run("run", project.toString(), "--emulator", "--store", "jdbc:mysql://db/studio");
        assertThat(flag.exitCode()).isEqualTo(2);
        assertThat(flag.err()).contains("--store").contains("PostgreSQL");
        CliRun variable =
                CliRun.run(Map.of("SEEDANCE_STORE", "jdbc:postgresql://"), "run", project.toString(), "--emulator");
        assertThat(variable.exitCode()).isEqualTo(4);
        assertThat(variable.err()).contains("SEEDANCE_STORE");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aWorkerNeedsAStoreAndStopsWhenIdleIfAsked() throws Exception {
        CliRun none = CliRun.run("worker", "--emulator");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--store").contains("SEEDANCE_STORE");
        CliRun idle = CliRun.run(
                "worker", "--emulator", "--store", dir.resolve("w.db").toString(), "--exit-when-idle", "1");
        assertThat(idle.exitCode()).as(idle.all()).isZero();
        assertThat(idle.out()).contains("serving the projects of").contains("after 0 project run(s)");
    }

    /** The chat calls of import and make --llm go to the store of --store / SEEDANCE_STORE, beside the run's videos. */
    @Test
    void chatChargesOfImportAndMakeGoToTheSharedStoreTheRunUses() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            assumeTrue(server != null, "no PostgreSQL binaries on this machine");
            String url = server.newDatabase();
            Path script = Files.writeString(dir.resolve("drama.md"), """
                    《双面》

                    人物小传：
                    许念（24岁）：实习律师，马尾，白衬衫，眼神倔强。

                    第1集 入职
                    1-1 日 内 律所大厅
                    人物：许念
                    △许念抱着资料走进律所大厅。
                    许念：是的，我叫许念。
                    """, StandardCharsets.UTF_8);

            CliRun imported = CliRun.in(
                    dir, Map.of(), "import", script.toString(), "--llm", CHAT_MODEL, "--emulator", "--store", url);
            assertThat(imported.exitCode()).as(imported.all()).isZero();
            assertThat(imported.out()).contains("chat: 1 call(s)");
            assertThat(dir.resolve("out/drama/studio.db"))
                    .as("nothing in the output folder")
                    .doesNotExist();
            JsonNode status = statusJson(Map.of("SEEDANCE_STORE", url), dir.resolve("drama.yaml"));
            assertThat(status.get("kinds").get("chat").get("billed_tokens").asLong())
                    .isPositive();

            // make, with the store from the variable and a project id of its own: chat and videos in one ledger
            Path again = Files.copy(script, dir.resolve("second.md"));
            CliRun made = CliRun.in(
                    dir,
                    Map.of("SEEDANCE_STORE", url),
                    "make",
                    again.toString(),
                    "--llm",
                    CHAT_MODEL,
                    "--emulator",
                    "--project-id",
                    "drama-2",
                    "--no-assemble",
                    "--json");
            assertThat(made.exitCode()).as(made.all()).isZero();
            assertThat(made.err()).contains("chat: 1 call(s)");
            assertThat(dir.resolve("out/second/studio.db")).doesNotExist();
            JsonNode second =
                    statusJson(Map.of(), dir.resolve("second.yaml"), "--store", url, "--project-id", "drama-2");
            assertThat(second.get("kinds").get("chat").get("billed_tokens").asLong())
                    .isPositive();
            assertThat(second.get("kinds").get("video").get("billed_tokens").asLong())
                    .isPositive();
            assertThat(second.get("counts").get("delivered").asInt()).isPositive();
            // the first project's ledger is its own
            JsonNode first = statusJson(Map.of("SEEDANCE_STORE", url), dir.resolve("drama.yaml"));
            assertThat(first.get("kinds").get("chat").get("billed_tokens").asLong())
                    .isEqualTo(
                            status.get("kinds").get("chat").get("billed_tokens").asLong());
            assertThat(first.get("kinds").get("video").get("billed_tokens").asLong())
                    .isZero();
        }
    }

    private JsonNode statusJson(Map<String, String> env, Path project, String... flags) throws Exception {
        String[] args = new String[flags.length + 3];
        args[0] = "status";
        args[1] = project.toString();
        args[2] = "--json";
        System.arraycopy(flags, 0, args, 3, flags.length);
        CliRun status = CliRun.in(dir, env, args);
        assertThat(status.exitCode()).as(status.all()).isZero();
        return JSON.readTree(status.out());
    }
}
