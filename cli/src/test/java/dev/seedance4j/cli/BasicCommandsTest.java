package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicCommandsTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        CliRun run = CliRun.run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "demo",
                        "import",
                        "make",
                        "run",
                        "plan",
                        "status",
                        "regen",
                        "pick",
                        "export",
                        "generate",
                        "tasks",
                        "emulator",
                        "bench",
                        "Exit codes:",
                        "4   authentication");
    }

    @Test
    void benchRunsTheChosenSuiteAndWritesItsJson() throws Exception {
        Path json = dir.resolve("bench.json");
        CliRun run = CliRun.run(
                "bench",
                "--quick",
                "--only",
                "R3",
                "--json",
                json.toString(),
                "--work",
                dir.resolve("work").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("R3a malformed-cases 48 cases", "R3c malformed-creates 0 creates");
        assertThat(Files.readString(json)).contains("\"R3a\"", "malformed-cases");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.run("generate", "--prompt", "x", "--no-such-flag");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-flag");
    }

    @Test
    void aPaidCallWithoutAKeyExplainsWhatToDoAndNeverFallsBackToTheEmulator() {
        Path clip = dir.resolve("clip.mp4");
        CliRun run = CliRun.run(Map.of(), "generate", "--prompt", "a cat yawns", "-o", clip.toString());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("ARK_API_KEY is not set", "--emulator", "nothing was spent");
        assertThat(clip).doesNotExist();
    }

    @Test
    void anInvalidRequestIsRefusedBeforeAnythingIsSentWithEveryViolationNamed() {
        CliRun run = CliRun.run(
                Map.of("ARK_API_KEY", "k-not-used"),
                "generate",
                "--prompt",
                "x",
                "--duration",
                "40",
                "--resolution",
                "1080p",
                "--model",
                "doubao-seedance-2-0-fast-260128",
                "--base-url",
                "http://127.0.0.1:9/api/v3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nothing was sent", "duration", "40", "resolution", "1080p");
    }

    @Test
    void aLocalFileIsNotAcceptedAsAReferenceVideo() throws Exception {
        Path video = Files.writeString(dir.resolve("v.mp4"), "not really");
        CliRun run = CliRun.run(Map.of("ARK_API_KEY", "k"), "generate", "--prompt", "x", "--video", video.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--video", "URL");
    }

    @Test
    void emulatorHelpComesFromTheEmulatorItself() {
        CliRun run = CliRun.run("emulator", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: seedance emulator [options]")
                .doesNotContain("java -jar")
                .contains("--time-scale", "--faults", "--data-dir", "--models");
    }

    @Test
    void emulatorRejectsABadFlagValue() {
        CliRun run = CliRun.run("emulator", "--port", "not-a-port");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("emulator:");
    }
}
