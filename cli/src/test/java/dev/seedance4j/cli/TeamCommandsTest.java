package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store}, {@code SEEDANCE_STORE} and {@code seedance worker} on the command line. */
class TeamCommandsTest {
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
        assertThat(fromEnv.out()).contains("\"delivered\" : 2").contains("\"holders\" : [ ]");
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
}
