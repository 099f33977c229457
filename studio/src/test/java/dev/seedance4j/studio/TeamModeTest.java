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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

    private Emulator emulator;
    private Path out;

    /** One emulator a test, whose concurrency is well above the quota. */
    @BeforeEach
    void startEmulator() {
        emulator = Emulator.builder()
                .timeScale(0.004)
                .faults(Faults.none())
                .concurrency(QUOTA * 4)
                .rpm(100_000)
                .build()
                .start();
        out = dir.resolve("out");
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /** An empty PostgreSQL database for a team-mode test (the test is skipped where the machine has no PostgreSQL). */
    private static String teamStore() {
        assumeTrue(postgres != null, "no PostgreSQL on this machine");
        return postgres.newDatabase();
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

    /** A run of {@code project} into {@code out} on {@code store} ("-": the SQLite file in {@code out}). */
    private Process run(Path project, Path out, String store, Path log) throws Exception {
        return child(log, "run", project.toString(), out.toString(), store);
    }

    /** A worker serving every project with open work in {@code store}. */
    private Process worker(String store, Path log) throws Exception {
        return child(log, "worker", "-", "-", store);
    }

    private Process child(Path log, String mode, String project, String out, String store) throws Exception {
        return TeamChild.start(
                log, mode, project, out, emulator.baseUrl(), store, String.valueOf(LEASE_MS), String.valueOf(QUOTA));
    }

    /** SIGKILL: the child's leases expire and another run or worker takes its tasks over by remote id. */
    private static void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        child.waitFor();
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

    /** Waits for the child to end with exit code 0. */
    private static void awaitExit(Process child, Path log) throws Exception {
        assertThat(child.waitFor(6, TimeUnit.MINUTES)).as("finished: " + log).isTrue();
        assertThat(child.exitValue()).as("exit code; " + tail(log)).isZero();
    }

    /** Waits for a clean end of a run: exit 0 and every shot delivered. */
    private static void awaitDone(Process child, Path log, int shots) throws Exception {
        awaitExit(child, log);
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

    /** The store a child was given ("-": the SQLite file in {@code out}), as the project {@code out} holds. */
    private static StudioStore openStore(String store, Path out) {
        return "-".equals(store)
                ? StudioStore.openSqlite(out.resolve(Studio.DATABASE))
                : StudioStore.open(StoreLocation.parse(store), out.getFileName().toString());
    }

    /**
     * Every shot has one delivered task, and no shot a second one; the emulator saw one create per shot and never more
     * than the quota running.
     */
    private void assertPaidOnce(String store, Path out, int shots) {
        try (StudioStore s = openStore(store, out)) {
            List<TaskRecord> tasks = s.tasks();
            assertThat(tasks.stream()
                            .filter(t -> t.status() == TaskState.DELIVERED)
                            .map(TaskRecord::shot))
                    .hasSize(shots)
                    .doesNotHaveDuplicates();
            assertThat(tasks.stream().filter(t -> t.remoteId() != null)).hasSize(shots);
        }
        assertCreates(shots);
    }

    /** The emulator saw {@code creates} creates and never more than the quota running. */
    private void assertCreates(long creates) {
        assertThat(emulator.stats().creates()).as("creates").isEqualTo(creates);
        assertThat(emulator.stats().peakRunning()).as("peak running").isLessThanOrEqualTo(QUOTA);
    }

    // ---- issue 11.1: two overlapping runs of one project on SQLite ----

    @ParameterizedTest(name = "second run {0} ms after the first")
    @ValueSource(ints = {0, 1_000, 3_000})
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void twoOverlappingRunsShareTheWorkAndPayOnce(int offsetMillis) throws Exception {
        int shots = 30;
        Path project = project("rehearsal", shots);
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        Process a = run(project, out, "-", logA);
        Thread.sleep(offsetMillis);
        Process b = run(project, out, "-", logB);
        awaitDone(a, logA, shots);
        awaitDone(b, logB, shots);
        assertPaidOnce("-", out, shots);
        try (Studio studio =
                Studio.open(project, EmulatorHarness.options(null, out).build())) {
            assertThat(studio.status().counts()).containsEntry("delivered", shots);
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aRunKilledWhileAnotherOverlapsItLeavesItsTasksToTheOtherWhichPaysNothingAgain() throws Exception {
        int shots = 30;
        Path project = project("rehearsal", shots);
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        Process a = run(project, out, "-", logA);
        awaitOutput(a, logA, "SUBMITTED");
        Process b = run(project, out, "-", logB);
        awaitOutput(b, logB, "STARTED");
        kill(a);
        awaitDone(b, logB, shots);
        assertThat(Files.readString(logB)).contains("taken over from a worker whose lease expired");
        assertPaidOnce("-", out, shots);
    }

    // ---- issue 17: team mode on PostgreSQL ----

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void threeWorkersOneKilledAndRestartedDeliverEveryShotOnceWithinTheQuota() throws Exception {
        String store = teamStore();
        int shots = 100;
        Path project = project("hundred", shots);
        List<Process> workers = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            logs.add(dir.resolve("w" + w + ".log"));
            workers.add(run(project, out, store, logs.get(w)));
        }
        awaitOutput(workers.get(1), logs.get(1), "DELIVERED");
        kill(workers.get(1));
        Path again = dir.resolve("w1-again.log");
        Process restarted = run(project, out, store, again);
        awaitDone(workers.get(0), logs.get(0), shots);
        awaitDone(workers.get(2), logs.get(2), shots);
        awaitDone(restarted, again, shots);
        assertPaidOnce(store, out, shots);
        try (StudioStore s = openStore(store, out)) {
            // the work was shared: every worker created some of it
            assertThat(s.tasks().stream().map(TaskRecord::leaseOwner).distinct().count())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void twoProjectsRunByTwoWorkersEachShareOneQuota() throws Exception {
        String store = teamStore();
        int shots = 30;
        List<Path> projects = List.of(project("alpha", shots), project("beta", shots));
        List<Path> outs = List.of(dir.resolve("out-alpha"), dir.resolve("out-beta"));
        List<Process> workers = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            logs.add(dir.resolve("w" + w + ".log"));
            workers.add(run(projects.get(w % 2), outs.get(w % 2), store, logs.get(w)));
        }
        for (int w = 0; w < 4; w++) {
            awaitDone(workers.get(w), logs.get(w), shots);
        }
        assertCreates(2L * shots);
        for (Path projectOut : outs) {
            try (StudioStore s = openStore(store, projectOut)) {
                assertThat(s.tasks())
                        .hasSize(shots)
                        .allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskState.DELIVERED));
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aWorkerWhoseDatabaseGoesAwayMidRunResumesWithoutPayingTwice() throws Exception {
        String store = teamStore();
        int shots = 40;
        Path project = project("outage", shots);
        Path log = dir.resolve("w.log");
        Process worker = run(project, out, store, log);
        awaitOutput(worker, log, "DELIVERED");
        postgres.restart(2 * LEASE_MS); // every connection drops; the leases expire while it is down
        awaitDone(worker, log, shots);
        assertPaidOnce(store, out, shots);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aWorkerServesEveryProjectWithOpenWork() throws Exception {
        String store = teamStore();
        int shots = 12;
        Path project = project("served", shots);
        // a run registers the project and is killed at once; the worker finds it and finishes it
        Path runLog = dir.resolve("run.log");
        Process run = run(project, out, store, runLog);
        awaitOutput(run, runLog, "SUBMITTED");
        kill(run);
        Path log = dir.resolve("worker.log");
        awaitExit(worker(store, log), log);
        assertThat(Files.readString(log)).contains("serving project out").contains("DONE runs=1");
        assertPaidOnce(store, out, shots);
    }
}
