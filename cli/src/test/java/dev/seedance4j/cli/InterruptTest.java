package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a run on the embedded emulator, in a real child process: it says what was in flight and how to go
 * on, exits 130, and the next run finds every task it had started (the emulator kept them in the output folder), so
 * no shot is lost and none is paid twice.
 */
class InterruptTest {

    @TempDir
    Path dir;

    @Test
    void ctrlCPrintsWhatWasInFlightExits130AndTheNextRunFindsItsTasks() throws Exception {
        Path out = dir.resolve("demo");
        Path stdout = dir.resolve("first.out");
        Path stderr = dir.resolve("first.err");
        // slow enough (a clip takes tens of seconds) that tasks are in flight when the signal comes
        Process first = child("demo", "--out", out.toString(), "--time-scale", "0.3", "--no-progress", "--no-assemble")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (submitted(stdout) == 0 && first.isAlive() && Instant.now().isBefore(deadline)) Thread.sleep(100);
            assertThat(submitted(stdout))
                    .as("no task submitted; stderr: %s", read(stderr))
                    .isPositive();
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(first.pid()))
                            .start()
                            .waitFor())
                    .isZero();
            assertThat(first.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            first.destroyForcibly();
        }

        assertThat(first.exitValue()).as("stderr: %s", read(stderr)).isEqualTo(130);
        String said = read(stderr);
        assertThat(said)
                .contains("seedance: interrupted.")
                .containsPattern("\\d+ shots? (was|were) in flight: ep01/")
                .contains("The embedded emulator keeps their tasks in " + out.toAbsolutePath())
                .contains("run `seedance demo --out " + out + " --time-scale 0.3 --no-progress --no-assemble` again");
        long submitted = submitted(stdout);
        long kept;
        try (Stream<Path> tasks = Files.list(out.resolve("emulator"))) {
            kept = tasks.filter(t -> Files.isRegularFile(t.resolve("task.json")))
                    .count();
        }
        // a task created just before the signal may not have had its SUBMITTED line printed: the emulator's own
        // folder, not the output, says what the first run paid for
        assertThat(kept).as("every task the first run created is kept").isGreaterThanOrEqualTo(submitted);

        CliRun second = CliRun.run("demo", "--out", out.toString(), "--time-scale", "0", "--json");
        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(second.out());
        int shots = summary.get("shots").asInt();
        assertThat(summary.get("failed").size())
                .as("no LOST_TASK or other failure")
                .isZero();
        assertThat(summary.get("delivered").asInt() + summary.get("reused").asInt())
                .isEqualTo(shots);
        assertThat(summary.get("created").asInt())
                .as("the second run created only what the first had not")
                .isEqualTo(shots - kept);
    }

    private static long submitted(Path stdout) throws Exception {
        return read(stdout).lines().filter(l -> l.contains(" SUBMITTED ")).count();
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /**
     * The CLI in its own JVM. Perl resets SIGINT to its default first: a test JVM started in the background by a
     * shell without job control ignores SIGINT, and its children would inherit that.
     */
    private static ProcessBuilder child(String... args) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/perl"))) {
            command.addAll(List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                SeedanceCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
