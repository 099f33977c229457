package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_MOST;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.studio.StudioOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * P8: the P1 run with downloads at a real store's pace: the emulator serves result files at 2 MB/s each after a
 * first-byte wait, as an object store far from the client does. Where a fetcher that downloads one result at a time
 * holds everything else back, this is the figure that shows it. Ours against the per-task poller (whose workers each
 * download their own result), both on fresh emulators with the same pace; the bound is P1's plus one clip's download
 * on every step of a chain and at the end.
 */
public final class SlowDownloadSuite implements Suite {
    /** 2 MB/s and 300 ms to the first byte: a distant object store. */
    static final EngineSuite.Pace PACE = new EngineSuite.Pace(2_000_000, Duration.ofMillis(300));

    @Override
    public String id() {
        return "P8";
    }

    @Override
    public List<String> figureIds() {
        return List.of("P8a", "P8b");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int n = context.size(10, 200);
        double scale = context.quick() ? 0.01 : 0.02;
        Workload workload = Workload.of(n);
        Path root = context.directory("p8");
        EngineSuite.Bound bound = EngineSuite.Bound.measure(context, scale, n, PACE, workload);
        EngineSuite.Run ours;
        try (Emulator emulator = EngineSuite.emulator(context, scale, PACE);
                SeedanceClient client = EngineSuite.client(context, emulator)) {
            Path project = workload.writeProject(root.resolve("project"));
            StudioOptions options = EngineSuite.options(client, root.resolve("out"), scale);
            ours = EngineSuite.ours(project, options, emulator);
        }
        EngineSuite.Run poller = EngineSuite.poller(context, scale, PACE, workload, root.resolve("poller"));
        for (EngineSuite.Run r : List.of(ours, poller)) {
            if (r.delivered() != n)
                throw new IllegalStateException("a run delivered " + r.delivered() + " of " + n + " shots: " + r);
        }
        String how = n + " shots as in P1, result files served at " + PACE.bytesPerSecond() / 1_000_000.0
                + " MB/s after " + PACE.firstByte().toMillis() + " ms; " + bound.describe() + "; makespans: ours "
                + EngineSuite.f(ours.seconds()) + " s, per-task poller " + EngineSuite.f(poller.seconds()) + " s";
        context.emit(Figure.of("P8a", "slow-downloads.makespan/bound", ours.seconds() / bound.seconds(), "x", how)
                .withBaseline("per-task-poller-10s", poller.seconds() / bound.seconds())
                .withGoal(AT_MOST, EngineSuite.MAKESPAN_GOAL));
        context.emit(Figure.of(
                        "P8b",
                        "slow-downloads.ours/per-task-poller",
                        ours.seconds() / poller.seconds(),
                        "x",
                        "our makespan ÷ the per-task poller's with slow downloads")
                .withGoal(AT_MOST, 1));
    }
}
