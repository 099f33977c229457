package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_MOST;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * P3: the engine (in a child JVM, so that only its own heap and CPU are measured) with many tasks in flight: the
 * emulator keeps every task {@code running} (stuck until it expires, so nothing renders) and the engine watches them
 * all at its realistic polling intervals. Measured over a window once every task is in flight: heap after GC and
 * CPU as a share of one core.
 */
public final class InFlightSuite implements Suite {
    /** P3: the engine's heap with every task in flight, at most this. */
    static final double HEAP_GOAL_MIB = 256;
    /** P3: its CPU share of one core then, at most this. */
    static final double CPU_GOAL_PERCENT = 5;

    @Override
    public String id() {
        return "P3";
    }

    @Override
    public List<String> figureIds() {
        return List.of("P3a", "P3b", "P3c");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int n = context.size(100, 10_000);
        int windowSeconds = context.size(3, 30);
        Path root = context.directory("p3");
        Path project = Workload.independent(n).writeProject(root.resolve("project"));
        Path log = root.resolve("engine.log");
        try (Emulator emulator = Emulator.builder()
                .apiKeys(context.apiKey())
                .timeScale(1)
                .concurrency(n)
                .queueLimit(n + 1000)
                .rpm(10_000_000)
                .faults(Faults.builder().stuckRate(1).build())
                .build()
                .start()) {
            long start = System.nanoTime();
            Process child =
                    EngineChild.start(context, project, root.resolve("out"), emulator.baseUrl(), 1, n, "1g", log);
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(context.size(2, 20));
                while (emulator.stats().creates() < n) {
                    if (!child.isAlive())
                        throw new IllegalStateException("the engine stopped:\n" + Files.readString(log));
                    if (System.nanoTime() > deadline)
                        throw new IllegalStateException(
                                "only " + emulator.stats().creates() + " of " + n + " tasks were submitted in time");
                    Thread.sleep(200);
                }
                double submitSeconds = (System.nanoTime() - start) / 1e9;
                int firstLine = (int) Files.readString(log).lines().count();
                Thread.sleep(windowSeconds * 1000L + 1500);
                List<String> window =
                        Files.readString(log).lines().skip(firstLine).toList();
                List<long[]> stats = window.stream()
                        .filter(l -> l.startsWith("STATS "))
                        .map(l -> l.split(" "))
                        .map(p -> new long[] {Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3])})
                        .toList();
                long heapAfterGc = window.stream()
                        .filter(l -> l.startsWith("GCHEAP "))
                        .mapToLong(l -> Long.parseLong(l.substring(7)))
                        .max()
                        .orElseThrow(() -> new IllegalStateException("the engine printed no heap figures"));
                if (stats.size() < 2) throw new IllegalStateException("the engine printed too few figures");
                long[] first = stats.get(0);
                long[] last = stats.get(stats.size() - 1);
                double cpuShare = (last[1] - first[1]) / 1e6 / (last[2] - first[2]);
                long requests = emulator.stats().requestsByEndpoint().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                context.emit(Figure.of(
                                "P3a",
                                "engine-heap-in-flight",
                                heapAfterGc / 1048576.0,
                                "MiB",
                                n + " tasks in flight, the most heap used after a full GC over " + windowSeconds + " s")
                        .withGoal(AT_MOST, HEAP_GOAL_MIB));
                context.emit(Figure.of(
                                "P3b",
                                "engine-cpu-in-flight",
                                100 * cpuShare,
                                "%-of-a-core",
                                "the engine JVM's CPU time over wall time in the same window (polling at its default intervals)")
                        .withGoal(AT_MOST, CPU_GOAL_PERCENT));
                context.emit(Figure.of(
                        "P3c",
                        "submit-rate",
                        n / submitSeconds,
                        "tasks/s",
                        "tasks created per second from the engine's start (JVM start, plan, admission included) until all "
                                + n + " were in flight; " + requests + " requests in all"));
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
        }
    }
}
