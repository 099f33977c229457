package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_MOST;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import dev.seedance4j.studio.StudioOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * P3: the engine (in a child JVM, so that only its own heap and CPU are measured) with many tasks in flight: the
 * emulator keeps every task {@code running} (stuck until it expires, so nothing renders) and the engine watches them
 * all at its realistic polling intervals. Measured once the engine recorded every task in flight: CPU as a share of
 * one core over two of its longest waits between rounds, then the heap after full GCs (forced only after that window,
 * since a forced GC is the bench's work, not the engine's).
 */
public final class InFlightSuite implements Suite {
    /** P3: the engine's heap with every task in flight, at most this. */
    static final double HEAP_GOAL_MIB = 256;
    /** P3: its CPU share of one core then, at most this. */
    static final double CPU_GOAL_PERCENT = 5;
    /** The tail of the submission (the last responses recorded, code compiled for it) is P3c's, not the window's. */
    private static final long SETTLE_MILLIS = 2_000;

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
        // whole polling rounds: two of the default longest wait between rounds (stuck tasks are polled at that pace)
        long windowMillis = context.size(
                3_000, (int) (2 * StudioOptions.builder().build().pollMax().toMillis()));
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
                // in flight once the engine itself recorded every create (the service counting them is earlier)
                while (emulator.stats().creates() < n || submitted(log) < n) {
                    if (!child.isAlive())
                        throw new IllegalStateException("the engine stopped:\n" + Files.readString(log));
                    if (System.nanoTime() > deadline)
                        throw new IllegalStateException(
                                "only " + emulator.stats().creates() + " of " + n + " tasks were submitted in time");
                    Thread.sleep(200);
                }
                double submitSeconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(SETTLE_MILLIS);
                int firstLine = (int) Files.readString(log).lines().count();
                Thread.sleep(windowMillis + 1500);
                List<long[]> stats = Files.readString(log)
                        .lines()
                        .skip(firstLine)
                        .filter(l -> l.startsWith("STATS "))
                        .map(l -> l.split(" "))
                        .map(p -> new long[] {Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3])})
                        .toList();
                if (stats.size() < 2) throw new IllegalStateException("the engine printed too few figures");
                long[] first = stats.get(0);
                long[] last = stats.get(stats.size() - 1);
                double cpuShare = (last[1] - first[1]) / 1e6 / (last[2] - first[2]);
                long heapAfterGc = heapAfterGc(child, log);
                long requests = emulator.stats().requestsByEndpoint().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                context.emit(Figure.of(
                                "P3a",
                                "engine-heap-in-flight",
                                heapAfterGc / 1048576.0,
                                "MiB",
                                n
                                        + " tasks in flight, the most heap used after a full GC (three, after the CPU window)")
                        .withGoal(AT_MOST, HEAP_GOAL_MIB));
                context.emit(Figure.of(
                                "P3b",
                                "engine-cpu-in-flight",
                                100 * cpuShare,
                                "%-of-a-core",
                                "the engine JVM's CPU time over wall time in a window of " + windowMillis / 1000
                                        + " s from " + SETTLE_MILLIS / 1000 + " s after it recorded the last of the "
                                        + n + " tasks in flight (polling at its default intervals)")
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

    /** The engine's {@code SUBMITTED} events so far: the tasks whose create it recorded. */
    private static long submitted(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.startsWith("SUBMITTED ")).count();
        }
    }

    /** Asks the child for three full GCs a second apart; the most heap any left in use. */
    private static long heapAfterGc(Process child, Path log) throws IOException, InterruptedException {
        OutputStream in = child.getOutputStream();
        for (int i = 0; i < 3; i++) {
            in.write("gc\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            Thread.sleep(1000);
        }
        return Files.readString(log)
                .lines()
                .filter(l -> l.startsWith("GCHEAP "))
                .mapToLong(l -> Long.parseLong(l.substring(7)))
                .max()
                .orElseThrow(() -> new IllegalStateException("the engine printed no heap figures"));
    }
}
