package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_MOST;
import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * T1: team mode. One project of N independent shots run by 1, 2 and 3 worker JVMs at once on one PostgreSQL store,
 * against an emulator whose concurrency is three times the account's quota (so that workers passing the quota would
 * show in its peak of running tasks). Makespan per worker count against the quota-bound lower bound (N × one task's
 * service time ÷ quota, or the emulator's rendering capacity), the peak of running tasks, creates beyond one per shot,
 * and the store's CPU time and peak connections.
 */
public final class TeamSuite implements Suite {
    private static final int QUOTA = EngineSuite.CONCURRENCY;

    @Override
    public String id() {
        return "T1";
    }

    @Override
    public List<String> figureIds() {
        return List.of("T1a", "T1b", "T1c", "T1d", "T1e", "T1f", "T1g", "T1h");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int n = context.size(30, 200);
        double scale = context.quick() ? 0.01 : 0.02;
        Workload workload = Workload.independent(n);
        Path root = context.directory("t1");
        double render = EngineSuite.renderSeconds(context);
        double service = EngineSuite.serviceSeconds(context, scale, EngineSuite.Pace.NONE)[0];
        int renderThreads = Runtime.getRuntime().availableProcessors();
        double bound = Math.max(n * service / QUOTA, n * render / renderThreads);
        double[] makespan = new double[4];
        long peakRunning = 0;
        long extraCreates = 0;
        double storeCpu = 0;
        long peakConnections = 0;
        try (BenchPostgres postgres = BenchPostgres.start()) {
            for (int workers = 1; workers <= 3; workers++) {
                Path dir = root.resolve(workers + "-workers");
                Path project = workload.writeProject(dir.resolve("project"));
                String store = postgres.newDatabase("t1_" + workers);
                try (Emulator emulator = Emulator.builder()
                        .apiKeys(context.apiKey())
                        .timeScale(scale)
                        .concurrency(QUOTA * 3)
                        .build()
                        .start()) {
                    double cpuBefore = postgres.cpuSeconds();
                    long start = System.nanoTime();
                    List<Process> children = new ArrayList<>();
                    List<Path> logs = new ArrayList<>();
                    for (int w = 0; w < workers; w++) {
                        Path log = dir.resolve("worker-" + w + ".log");
                        logs.add(log);
                        children.add(EngineChild.start(
                                context,
                                project,
                                dir.resolve("out"),
                                emulator.baseUrl(),
                                scale,
                                QUOTA,
                                "256m",
                                log,
                                store));
                    }
                    for (int w = 0; w < workers; w++) {
                        Process child = children.get(w);
                        while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
                            peakConnections = Math.max(peakConnections, postgres.connections() - 1);
                        }
                        String output = Files.readString(logs.get(w));
                        if (child.exitValue() != 0 || !output.contains("DONE delivered=" + n + " ")) {
                            throw new IllegalStateException("worker " + w + " of " + workers
                                    + " did not deliver every shot;" + " see " + logs.get(w));
                        }
                    }
                    makespan[workers] = (System.nanoTime() - start) / 1e9;
                    storeCpu = Math.max(storeCpu, postgres.cpuSeconds() - cpuBefore);
                    peakRunning = Math.max(peakRunning, emulator.stats().peakRunning());
                    extraCreates += Math.max(0, emulator.stats().creates() - n);
                }
            }
        }
        String how = n + " independent shots (4 s, 480p), quota " + QUOTA + " tasks in flight, emulator concurrency "
                + QUOTA * 3 + ", time scale " + scale + "; bound " + f(bound) + " s (service " + f(service)
                + " s per task, render " + f(render) + " s on " + renderThreads + " threads); makespans 1/2/3 workers "
                + f(makespan[1]) + " / " + f(makespan[2]) + " / " + f(makespan[3]) + " s";
        context.emit(Figure.of("T1a", "makespan-1-worker", makespan[1] / bound, "x-bound", how));
        context.emit(Figure.of("T1b", "makespan-3-workers", makespan[3] / bound, "x-bound", how));
        // more workers must not be slower: 3 workers within 15 % of one (the machine's noise), and 2 likewise
        context.emit(Figure.of(
                        "T1c",
                        "3-workers-vs-1",
                        makespan[3] / makespan[1],
                        "x",
                        "makespan with 3 workers ÷ with 1 (the quota bounds both; more workers must not be slower)")
                .withGoal(AT_MOST, 1.15));
        context.emit(
                Figure.of("T1d", "2-workers-vs-1", makespan[2] / makespan[1], "x", "makespan with 2 workers ÷ with 1")
                        .withGoal(AT_MOST, 1.15));
        context.emit(Figure.of(
                        "T1e",
                        "peak-running-over-quota",
                        Math.max(0, peakRunning - QUOTA),
                        "tasks",
                        "the emulator's peak of running tasks (" + peakRunning + ") beyond the quota of " + QUOTA
                                + ", over all three runs")
                .withGoal(EQUAL, 0));
        context.emit(Figure.of(
                        "T1f",
                        "duplicate-creates",
                        extraCreates,
                        "tasks",
                        "creates beyond one per shot, over all three runs")
                .withGoal(EQUAL, 0));
        context.emit(
                Figure.of("T1g", "store-cpu", storeCpu, "s", "PostgreSQL CPU time of the busiest of the three runs"));
        context.emit(Figure.of(
                "T1h",
                "store-connections",
                peakConnections,
                "connections",
                "peak client connections to PostgreSQL (a pool of at most 4 per worker JVM)"));
    }

    private static String f(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
