package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.Task;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.EmulatorStats;
import dev.seedance4j.emulator.RenderSpec;
import dev.seedance4j.emulator.VideoRenderer;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * P1, P2 and P4: the studio engine against the two scripts studios use today ({@link Baselines}), each on a fresh
 * emulator with the same time scale, on the same {@link Workload}.
 *
 * <p>P1 is makespan ÷ lower bound. The bound is what no client could beat on this emulator: the longest of the
 * critical path ({@code after:} chain length × one task's service time), N × service time ÷ C, and the emulator's
 * rendering capacity (N × render time ÷ render threads). Service and render times are measured in the same run.
 * P2 is HTTP requests (every endpoint, downloads included) per delivered shot, from the emulator's counters. P4
 * runs the engine again on the finished project: wall time and creates.
 */
public final class EngineSuite implements Suite {
    static final int CONCURRENCY = 10;

    @Override
    public String id() {
        return "P1";
    }

    @Override
    public List<String> figureIds() {
        return List.of("P1a", "P1b", "P2a", "P2b", "P4a", "P4b");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int n = context.size(10, 200);
        double scale = context.quick() ? 0.01 : 0.02;
        Workload workload = Workload.of(n);
        Path root = context.directory("p1");
        double render = renderSeconds(context);
        double service = serviceSeconds(context, scale);
        int renderThreads = Runtime.getRuntime().availableProcessors();
        double bound = Math.max(
                workload.criticalPathShots() * service,
                Math.max(n * service / CONCURRENCY, n * render / renderThreads));
        String how = n + " shots (4 s, 480p, 20 % after: chains), C = " + CONCURRENCY + ", time scale " + scale
                + "; bound " + String.format("%.2f", bound) + " s from one task's service time "
                + String.format("%.2f", service)
                + " s and render time " + String.format("%.2f", render) + " s on " + renderThreads + " render threads";

        Run ours;
        Run guide;
        Run poller;
        double rerunSeconds;
        long rerunCreates;
        try (Emulator emulator = emulator(context, scale);
                SeedanceClient client = client(context, emulator)) {
            Path project = workload.writeProject(root.resolve("project"));
            StudioOptions options = options(client, root.resolve("out"), scale);
            long start = System.nanoTime();
            RunReport report;
            try (Studio studio = Studio.open(project, options)) {
                report = studio.run(RunListener.none());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ours = new Run(seconds, (int) report.delivered(), emulator.stats());

            long createsBefore = emulator.stats().creates();
            start = System.nanoTime();
            try (Studio studio = Studio.open(project, options)) {
                studio.run(RunListener.none());
            }
            rerunSeconds = (System.nanoTime() - start) / 1e9;
            rerunCreates = emulator.stats().creates() - createsBefore;
        }
        try (Emulator emulator = emulator(context, scale);
                SeedanceClient client = client(context, emulator)) {
            long start = System.nanoTime();
            Baselines.Outcome outcome = Baselines.guideScript(client, workload, root.resolve("guide"), scale);
            guide = new Run((System.nanoTime() - start) / 1e9, outcome.delivered(), emulator.stats());
        }
        try (Emulator emulator = emulator(context, scale);
                SeedanceClient client = client(context, emulator)) {
            long start = System.nanoTime();
            Baselines.Outcome outcome =
                    Baselines.perTaskPoller(client, workload, root.resolve("poller"), scale, CONCURRENCY);
            poller = new Run((System.nanoTime() - start) / 1e9, outcome.delivered(), emulator.stats());
        }
        for (Run r : List.of(ours, guide, poller)) {
            if (r.delivered != n)
                throw new IllegalStateException("a run delivered " + r.delivered + " of " + n + " shots: " + r);
        }
        String makespans = "; makespans: ours " + f(ours.seconds) + " s, guide script " + f(guide.seconds)
                + " s, per-task poller " + f(poller.seconds) + " s";
        context.emit(Figure.of(
                        "P1a",
                        "makespan/bound.vs-guide-script",
                        ours.seconds / bound,
                        "x",
                        how + makespans
                                + "; baseline: create, then get every 30 s, one task at a time (Volcengine's guide script)")
                .withBaseline("guide-script-30s", guide.seconds / bound));
        context.emit(Figure.of(
                        "P1b",
                        "makespan/bound.vs-per-task-poller",
                        ours.seconds / bound,
                        "x",
                        how + makespans + "; baseline: " + CONCURRENCY
                                + " workers, each polling its own task every 10 s")
                .withBaseline("per-task-poller-10s", poller.seconds / bound));
        context.emit(Figure.of(
                        "P2a",
                        "requests/shot.vs-guide-script",
                        ours.requestsPerShot(),
                        "req/shot",
                        "every HTTP request the emulator answered (create, get, list, delete, downloads) per delivered shot; ours "
                                + ours.stats.requestsByEndpoint() + ", guide script "
                                + guide.stats.requestsByEndpoint())
                .withBaseline("guide-script-30s", guide.requestsPerShot()));
        context.emit(Figure.of(
                        "P2b",
                        "requests/shot.vs-per-task-poller",
                        ours.requestsPerShot(),
                        "req/shot",
                        "as P2a; per-task poller " + poller.stats.requestsByEndpoint())
                .withBaseline("per-task-poller-10s", poller.requestsPerShot()));
        context.emit(Figure.of(
                "P4a",
                "noop-rerun-wall",
                rerunSeconds,
                "s",
                "the engine run again on the finished " + n
                        + "-shot project (open, plan, verify every clip, nothing to send)"));
        context.emit(Figure.of("P4b", "noop-rerun-creates", rerunCreates, "creates", "creates the no-op rerun sent")
                .withGoal(EQUAL, 0));
    }

    private static String f(double v) {
        return String.format("%.2f", v);
    }

    record Run(double seconds, int delivered, EmulatorStats stats) {
        double requestsPerShot() {
            return stats.requestsByEndpoint().values().stream()
                            .mapToLong(Long::longValue)
                            .sum()
                    / (double) delivered;
        }
    }

    static Emulator emulator(BenchContext context, double scale) {
        return Emulator.builder()
                .apiKeys(context.apiKey())
                .timeScale(scale)
                .concurrency(CONCURRENCY)
                .build()
                .start();
    }

    static SeedanceClient client(BenchContext context, Emulator emulator) {
        return SeedanceClient.builder()
                .apiKey(context.apiKey())
                .baseUrl(emulator.baseUrl())
                .build();
    }

    /** The engine's defaults with every duration multiplied by the time scale, as the emulator's run times are. */
    static StudioOptions options(SeedanceClient client, Path out, double scale) {
        StudioOptions defaults = StudioOptions.builder().build();
        return defaults.toBuilder()
                .client(client)
                .outputDir(out)
                .concurrency(CONCURRENCY)
                .requestsPerMinute(6000)
                .pollInterval(
                        Baselines.scaled(defaults.pollMin().toMillis() / 1000.0, scale),
                        Baselines.scaled(defaults.pollMax().toMillis() / 1000.0, scale))
                .reconcileAfter(Baselines.scaled(defaults.reconcileAfter().toMillis() / 1000.0, scale))
                .build();
    }

    /** Median wall time of rendering one workload clip with the emulator's renderer. */
    static double renderSeconds(BenchContext context) throws Exception {
        VideoRenderer renderer = VideoRenderer.withFfmpeg(context.ffmpeg());
        Path dir = context.directory("p1-render");
        double[] seconds = new double[3];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            renderer.render(
                    new RenderSpec(
                            "cgt-bench-render",
                            Workload.WIDTH,
                            Workload.HEIGHT,
                            Workload.SECONDS,
                            "镜头 1：夜色中的城市，镜头缓慢推近",
                            1001,
                            false,
                            false,
                            true,
                            null,
                            null,
                            List.of(),
                            List.of(),
                            List.of()),
                    dir);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[1];
    }

    /** Create-to-succeeded time of one workload task alone on a fresh emulator, polled every 10 ms. */
    static double serviceSeconds(BenchContext context, double scale) throws Exception {
        try (Emulator emulator = emulator(context, scale);
                SeedanceClient client = client(context, emulator)) {
            Workload one = Workload.of(1);
            long start = System.nanoTime();
            String id = client.tasks().create(one.request(one.shots().get(0), null));
            Task task = client.tasks().get(id);
            while (!task.isTerminal()) {
                Thread.sleep(10);
                task = client.tasks().get(id);
            }
            if (!task.isSucceeded())
                throw new IllegalStateException("the timing task did not succeed: " + task.error());
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
