package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import dev.seedance4j.studio.internal.store.StoreLocation;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs and workers in JVMs of their own against one emulator whose concurrency is well above the quota (so that a
 * quota broken by the workers would show in its peak of running tasks): overlapping runs of one project on SQLite
 * (issue 11.1), and team mode on PostgreSQL (issue 17) with a worker SIGKILLed, two projects sharing one quota and
 * a database that goes away mid-run. Every test checks creates against shots: nothing paid twice.
 */
class TeamModeTest {
    private static final int QUOTA = 4;
    private static final long LEASE_MS = 4_000;
    private static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static Emulator emulator() {
        return Emulator.builder()
                .timeScale(0.004)
                .faults(Faults.none())
                .concurrency(QUOTA * 4)
                .rpm(100_000)
                .build()
                .start();
    }

    /** A project of {@code n} independent 4 s 480p shots without sound (cheap to render). */
    private Path project(String name, int n) throws Exception {
        StringBuilder y = new StringBuilder("title: " + name + "\n")
                .append("defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: \"16:9\", duration: 4,"
                        + " generate_audio: false }\n")
                .append("episodes:\n  - id: ep01\n    shots:\n");
        for (int i = 0; i < n; i++) {
            y.append("      - { id: s")
                    .append(i)
                    .append(", prompt: \"shot ")
                    .append(i)
                    .append(" of ")
                    .append(name)
                    .append("\", seed: ")
                    .append(i + 1)
                    .append(" }\n");
        }
        Path folder = dir.resolve(name);
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(name + ".yaml"), y.toString());
    }

    private Process run(Path project, Path out, Emulator emulator, String store, Path log) throws Exception {
        return TeamChild.start(
                log,
                "run",
                project.toString(),
                out.toString(),
                emulator.baseUrl(),
                store,
                String.valueOf(LEASE_MS),
                String.valueOf(QUOTA));
    }

    private static void awaitOutput(Process child, Path log, String text) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(log).contains(text)) {
            assertThat(child.isAlive())
                    .as("child ended before printing " + text + ":\n" + tail(log))
                    .isTrue();
            assertThat(System.nanoTime()).as("waiting for " + text).isLessThan(until);
            Thread.sleep(50);
        }
    }

    /** Waits for a clean end: exit 0 and every shot delivered. */
    private static void awaitDone(Process child, Path log, int shots) throws Exception {
        assertThat(child.waitFor(6, TimeUnit.MINUTES)).as("finished: " + log).isTrue();
        assertThat(child.exitValue()).as("exit code; " + tail(log)).isZero();
        assertThat(Files.readString(log)).as(tail(log)).contains("DONE delivered=" + shots + " ");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** Every shot has one delivered task, and no shot a second one; the emulator saw one create per shot. */
    private static void assertPaidOnce(StudioStore store, Emulator emulator, int shots, long createsBefore) {
        List<TaskRecord> tasks = store.tasks();
        assertThat(tasks.stream().filter(t -> t.status() == TaskState.DELIVERED).map(TaskRecord::shot))
                .hasSize(shots)
                .doesNotHaveDuplicates();
        assertThat(tasks.stream().filter(t -> t.remoteId() != null)).hasSize(shots);
        assertThat(emulator.stats().creates() - createsBefore).as("creates").isEqualTo(shots);
        assertThat(emulator.stats().peakRunning()).as("peak running").isLessThanOrEqualTo(QUOTA);
    }

    // ---- issue 11.1: two overlapping runs of one project on SQLite ----

    @ParameterizedTest(name = "second run {0} ms after the first")
    @ValueSource(ints = {0, 1_000, 3_000})
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void twoOverlappingRunsShareTheWorkAndPayOnce(int offsetMillis) throws Exception {
        int shots = 30;
        Path project = project("rehearsal", shots);
        Path out = dir.resolve("out");
        try (Emulator emulator = emulator()) {
            Path logA = dir.resolve("a.log");
            Path logB = dir.resolve("b.log");
            Process a = run(project, out, emulator, "-", logA);
            Thread.sleep(offsetMillis);
            Process b = run(project, out, emulator, "-", logB);
            awaitDone(a, logA, shots);
            awaitDone(b, logB, shots);
            try (StudioStore store = StudioStore.openSqlite(out.resolve(Studio.DATABASE))) {
                assertPaidOnce(store, emulator, shots, 0);
            }
            try (Studio studio =
                    Studio.open(project, EmulatorHarness.options(null, out).build())) {
                assertThat(studio.status().counts()).containsEntry("delivered", shots);
            }
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aRunKilledWhileAnotherOverlapsItLeavesItsTasksToTheOtherWhichPaysNothingAgain() throws Exception {
        int shots = 30;
        Path project = project("rehearsal", shots);
        Path out = dir.resolve("out");
        try (Emulator emulator = emulator()) {
            Path logA = dir.resolve("a.log");
            Path logB = dir.resolve("b.log");
            Process a = run(project, out, emulator, "-", logA);
            awaitOutput(a, logA, "SUBMITTED");
            Process b = run(project, out, emulator, "-", logB);
            awaitOutput(b, logB, "STARTED");
            a.destroyForcibly(); // SIGKILL: its leases expire, the other run takes its tasks over by remote id
            a.waitFor();
            awaitDone(b, logB, shots);
            assertThat(Files.readString(logB)).contains("taken over from a worker whose lease expired");
            try (StudioStore store = StudioStore.openSqlite(out.resolve(Studio.DATABASE))) {
                assertPaidOnce(store, emulator, shots, 0);
            }
        }
    }

    // ---- issue 17: team mode on PostgreSQL ----

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void threeWorkersOneKilledAndRestartedDeliverEveryShotOnceWithinTheQuota() throws Exception {
        assumeTrue(postgres != null, "no PostgreSQL on this machine");
        int shots = 100;
        String store = postgres.newDatabase();
        Path project = project("hundred", shots);
        Path out = dir.resolve("out");
        try (Emulator emulator = emulator()) {
            List<Process> workers = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                logs.add(dir.resolve("w" + w + ".log"));
                workers.add(run(project, out, emulator, store, logs.get(w)));
            }
            awaitOutput(workers.get(1), logs.get(1), "DELIVERED");
            workers.get(1).destroyForcibly();
            workers.get(1).waitFor();
            Path again = dir.resolve("w1-again.log");
            Process restarted = run(project, out, emulator, store, again);
            awaitDone(workers.get(0), logs.get(0), shots);
            awaitDone(workers.get(2), logs.get(2), shots);
            awaitDone(restarted, again, shots);
            try (StudioStore s = StudioStore.open(StoreLocation.parse(store), "out")) {
                assertPaidOnce(s, emulator, shots, 0);
                // the work was shared: every worker created some of it
                assertThat(s.tasks().stream()
                                .map(TaskRecord::leaseOwner)
                                .distinct()
                                .count())
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void twoProjectsRunByTwoWorkersEachShareOneQuota() throws Exception {
        assumeTrue(postgres != null, "no PostgreSQL on this machine");
        int shots = 30;
        String store = postgres.newDatabase();
        Path alpha = project("alpha", shots);
        Path beta = project("beta", shots);
        try (Emulator emulator = emulator()) {
            List<Process> workers = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                logs.add(dir.resolve("w" + w + ".log"));
                Path project = w % 2 == 0 ? alpha : beta;
                workers.add(
                        run(project, dir.resolve(w % 2 == 0 ? "out-alpha" : "out-beta"), emulator, store, logs.get(w)));
            }
            for (int w = 0; w < 4; w++) {
                awaitDone(workers.get(w), logs.get(w), shots);
            }
            assertThat(emulator.stats().creates()).isEqualTo(2L * shots);
            assertThat(emulator.stats().peakRunning()).isLessThanOrEqualTo(QUOTA);
            for (String id : List.of("out-alpha", "out-beta")) {
                try (StudioStore s = StudioStore.open(StoreLocation.parse(store), id)) {
                    assertThat(s.tasks())
                            .hasSize(shots)
                            .allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskState.DELIVERED));
                }
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aWorkerWhoseDatabaseGoesAwayMidRunResumesWithoutPayingTwice() throws Exception {
        assumeTrue(postgres != null, "no PostgreSQL on this machine");
        int shots = 40;
        String store = postgres.newDatabase();
        Path project = project("outage", shots);
        Path out = dir.resolve("out");
        try (Emulator emulator = emulator()) {
            Path log = dir.resolve("w.log");
            Process worker = run(project, out, emulator, store, log);
            awaitOutput(worker, log, "DELIVERED");
            postgres.restart(2 * LEASE_MS); // every connection drops; the leases expire while it is down
            awaitDone(worker, log, shots);
            try (StudioStore s = StudioStore.open(StoreLocation.parse(store), "out")) {
                assertPaidOnce(s, emulator, shots, 0);
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aWorkerServesEveryProjectWithOpenWork() throws Exception {
        assumeTrue(postgres != null, "no PostgreSQL on this machine");
        int shots = 12;
        String store = postgres.newDatabase();
        Path project = project("served", shots);
        Path out = dir.resolve("out");
        try (Emulator emulator = emulator()) {
            // a run registers the project and is killed at once; the worker finds it and finishes it
            Path runLog = dir.resolve("run.log");
            Process run = run(project, out, emulator, store, runLog);
            awaitOutput(run, runLog, "SUBMITTED");
            run.destroyForcibly();
            run.waitFor();
            Path log = dir.resolve("worker.log");
            Process worker = TeamChild.start(
                    log,
                    "worker",
                    "-",
                    "-",
                    emulator.baseUrl(),
                    store,
                    String.valueOf(LEASE_MS),
                    String.valueOf(QUOTA));
            assertThat(worker.waitFor(6, TimeUnit.MINUTES)).isTrue();
            assertThat(worker.exitValue()).as(tail(log)).isZero();
            assertThat(Files.readString(log)).contains("serving project out").contains("DONE runs=1");
            try (StudioStore s = StudioStore.open(StoreLocation.parse(store), "out")) {
                assertPaidOnce(s, emulator, shots, 0);
            }
        }
    }
}
