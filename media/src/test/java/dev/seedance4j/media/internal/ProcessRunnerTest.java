package dev.seedance4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.media.FfmpegProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    /**
     * The deadline passes only once the grandchild exists (the pid file is written after the fork), so the test
     * never depends on how fast the machine starts a shell; and the runner returns only when the tree is gone.
     */
    @Test
    void aTimeoutKillsTheWholeProcessTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        String script = "sh -c 'sleep 600 & echo $! > " + pidFile + ".tmp; mv " + pidFile + ".tmp " + pidFile
                + "; wait' & wait";
        ProcessRunner.Outcome outcome = ProcessRunner.run(
                List.of("sh", "-c", script),
                process -> {
                    while (!Files.exists(pidFile)) {
                        if (process.waitFor(20, TimeUnit.MILLISECONDS)) return true;
                    }
                    return false;
                },
                null);

        assertThat(outcome.timedOut()).isTrue();
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(running(grandchild)).isFalse();
        assertThat(running(outcome.pid())).isFalse();
    }

    @Test
    void aRealTimeoutEndsTheRunAndReportsIt() throws Exception {
        ProcessRunner.Outcome outcome = ProcessRunner.run(List.of("sleep", "600"), Duration.ofMillis(200), null);

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(running(outcome.pid())).isFalse();
    }

    /** Alive and not a zombie: a killed orphan stays a zombie until some reaper collects it. */
    private static boolean running(long pid) throws java.io.IOException {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc", Long.toString(pid), "stat");
        if (!java.nio.file.Files.exists(stat))
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        String text = java.nio.file.Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void aLoudProcessNeverBlocksAndOnlyTheTailOfStderrIsKept() throws InterruptedException {
        ProcessRunner.Outcome outcome = ProcessRunner.run(
                List.of("sh", "-c", "i=0; while [ $i -lt 20000 ]; do echo line$i >&2; echo out$i; i=$((i+1)); done"),
                Duration.ofSeconds(30),
                null);

        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.stderrLines())
                .hasSize(ProcessRunner.MAX_STDERR_LINES)
                .endsWith("line19999");
        assertThat(outcome.stdout().lines().count()).isEqualTo(20000);
    }

    @Test
    void progressLinesBecomeReports() {
        var reports = new java.util.ArrayList<FfmpegProgress>();
        ProcessRunner.ProgressParser parser = new ProcessRunner.ProgressParser(reports::add);
        for (String line : List.of(
                "frame=12",
                "fps=0.00",
                "out_time_us=500000",
                "speed=N/A",
                "progress=continue",
                "frame=24",
                "fps=48.5",
                "out_time_us=1000000",
                "speed=10.6x",
                "progress=end")) {
            parser.accept(line);
        }

        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).frame()).isEqualTo(12);
        assertThat(reports.get(0).speed()).isZero();
        assertThat(reports.get(0).finished()).isFalse();
        assertThat(reports.get(1).outTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(reports.get(1).speed()).isEqualTo(10.6);
        assertThat(reports.get(1).fps()).isEqualTo(48.5);
        assertThat(reports.get(1).finished()).isTrue();
    }
}
