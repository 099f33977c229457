package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_MOST;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * P1, P2 and P4: the studio engine against the two scripts studios use today ({@link Baselines}), each on a fresh
 * emulator with the same time scale, on the same {@link Workload}.
 *
 * <p>P1 is makespan ÷ lower bound. The bound is what no client could beat on this emulator: the longest of the
 * critical path ({@code after:} chain length × one task's service time), N × service time ÷ C, and the emulator's
 * rendering capacity (N × render time ÷ render threads). Service and render times are measured in the same run.
 * P2 is API requests (create, get, list) per delivered shot, from the emulator's counters; downloads are their own
 * figure. P4 runs the engine again on the finished project: wall time and creates.
 */
public final class EngineSuite implements Suite {
    static final int CONCURRENCY = 10;
    /** P1: makespan ÷ bound at most this, and at most the per-task poller's. */
    static final double MAKESPAN_GOAL = 1.10;
    /** P2: create, get and list requests per delivered shot at most this. */
    static final double REQUESTS_GOAL = 1.3;
    /** P4: a no-op rerun of the 200 shots within this many seconds. */
    static final double RERUN_GOAL_SECONDS = 2;

    @Override
    public String id() {
        return "P1";
    }

    @Override
    public List<String> figureIds() {
        return List.of("P1a", "P1b", "P1c", "P2a", "P2b", "P2c", "P4a", "P4b");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int n = context.size(10, 200);
        double scale = context.quick() ? 0.01 : 0.02;
        Workload workload = Workload.of(n);
        Path root = context.directory("p1");
        Bound bound = Bound.measure(context, scale, n, Pace.NONE, workload);
        String how = n + " shots (4 s, 480p, 20 % after: chains), C = " + CONCURRENCY + ", time scale " + scale + "; "
                + bound.describe();

        Run ours;
        Run guide;
        Run poller;
        double rerunSeconds;
        long rerunCreates;
        try (Emulator emulator = emulator(context, scale, Pace.NONE);
                SeedanceClient client = client(context, emulator)) {
            Path project = workload.writeProject(root.resolve("project"));
            StudioOptions options = options(client, root.resolve("out"), scale);
            ours = ours(project, options, emulator);

            long createsBefore = emulator.stats().creates();
            long start = System.nanoTime();
            try (Studio studio = Studio.open(project, options)) {
                studio.run(RunListener.none());
            }
            rerunSeconds = (System.nanoTime() - start) / 1e9;
            rerunCreates = emulator.stats().creates() - createsBefore;
        }
        try (Emulator emulator = emulator(context, scale, Pace.NONE);
                SeedanceClient client = client(context, emulator)) {
            long start = System.nanoTime();
            Baselines.Outcome outcome = Baselines.guideScript(client, workload, root.resolve("guide"), scale);
            guide = new Run((System.nanoTime() - start) / 1e9, outcome.delivered(), emulator.stats());
        }
        poller = poller(context, scale, Pace.NONE, workload, root.resolve("poller"));
        for (Run r : List.of(ours, guide, poller)) {
            if (r.delivered != n)
                throw new IllegalStateException("a run delivered " + r.delivered + " of " + n + " shots: " + r);
        }
        String makespans = "; makespans: ours " + f(ours.seconds) + " s, guide script " + f(guide.seconds)
                + " s, per-task poller " + f(poller.seconds) + " s";
        context.emit(Figure.of(
                        "P1a",
                        "makespan/bound.vs-guide-script",
                        ours.seconds / bound.seconds(),
                        "x",
                        how + makespans
                                + "; baseline: create, then get every 30 s, one task at a time (Volcengine's guide script)")
                .withBaseline("guide-script-30s", guide.seconds / bound.seconds())
                .withGoal(AT_MOST, MAKESPAN_GOAL));
        context.emit(Figure.of(
                        "P1b",
                        "makespan/bound.vs-per-task-poller",
                        ours.seconds / bound.seconds(),
                        "x",
                        how + makespans + "; baseline: " + CONCURRENCY
                                + " workers, each polling its own task every 10 s")
                .withBaseline("per-task-poller-10s", poller.seconds / bound.seconds())
                .withGoal(AT_MOST, MAKESPAN_GOAL));
        context.emit(Figure.of(
                        "P1c",
                        "makespan.ours/per-task-poller",
                        ours.seconds / poller.seconds,
                        "x",
                        "our makespan ÷ the per-task poller's in the same run" + makespans)
                .withGoal(AT_MOST, 1));
        context.emit(Figure.of(
                        "P2a",
                        "api-requests/shot.vs-guide-script",
                        ours.apiRequestsPerShot(),
                        "req/shot",
                        "create, get and list requests the emulator answered per delivered shot; ours "
                                + ours.stats.requestsByEndpoint() + ", guide script "
                                + guide.stats.requestsByEndpoint())
                .withBaseline("guide-script-30s", guide.apiRequestsPerShot())
                .withGoal(AT_MOST, REQUESTS_GOAL));
        context.emit(Figure.of(
                        "P2b",
                        "api-requests/shot.vs-per-task-poller",
                        ours.apiRequestsPerShot(),
                        "req/shot",
                        "as P2a; per-task poller " + poller.stats.requestsByEndpoint())
                .withBaseline("per-task-poller-10s", poller.apiRequestsPerShot())
                .withGoal(AT_MOST, REQUESTS_GOAL));
        context.emit(Figure.of(
                        "P2c",
                        "downloads/shot",
                        ours.downloadsPerShot(),
                        "req/shot",
                        "result-file downloads (clip, and last frame where a shot continues from it) per delivered shot")
                .withBaseline("per-task-poller-10s", poller.downloadsPerShot()));
        context.emit(Figure.of(
                        "P4a",
                        "noop-rerun-wall",
                        rerunSeconds,
                        "s",
                        "the engine run again on the finished " + n
                                + "-shot project (open, plan, verify every clip, nothing to send)")
                .withGoal(AT_MOST, RERUN_GOAL_SECONDS));
        context.emit(Figure.of("P4b", "noop-rerun-creates", rerunCreates, "creates", "creates the no-op rerun sent")
                .withGoal(EQUAL, 0));
    }

    /**
     * Our engine on {@code project}: its makespan (opening the database and planning included). The studio's classes
     * are loaded first by planning a two-shot project, as the baselines' client classes were by the bound's
     * measurement: both sides are measured warm.
     */
    static Run ours(Path project, StudioOptions options, Emulator emulator) throws Exception {
        Path warm = project.resolveSibling("warm-up");
        Path warmProject = Workload.of(2).writeProject(warm.resolve("project"));
        try (Studio studio = Studio.open(
                warmProject,
                StudioOptions.builder().outputDir(warm.resolve("out")).build())) {
            studio.plan();
        }
        long start = System.nanoTime();
        RunReport report;
        try (Studio studio = Studio.open(project, options)) {
            report = studio.run(RunListener.none());
        }
        return new Run((System.nanoTime() - start) / 1e9, (int) report.delivered(), emulator.stats());
    }

    /** The per-task poller on a fresh emulator. */
    static Run poller(BenchContext context, double scale, Pace pace, Workload workload, Path out) throws Exception {
        try (Emulator emulator = emulator(context, scale, pace);
                SeedanceClient client = client(context, emulator)) {
            long start = System.nanoTime();
            Baselines.Outcome outcome = Baselines.perTaskPoller(client, workload, out, scale, CONCURRENCY);
            return new Run((System.nanoTime() - start) / 1e9, outcome.delivered(), emulator.stats());
        }
    }

    /** How fast the emulator serves result files: unthrottled, or a real store's pace (P8). */
    record Pace(long bytesPerSecond, Duration firstByte) {
        static final Pace NONE = new Pace(0, Duration.ZERO);

        boolean throttled() {
            return bytesPerSecond > 0 || !firstByte.isZero();
        }
    }

    /**
     * The lower bound of a run's makespan on this emulator, from one task's service time and one clip's render time
     * measured in the same run (and, with a throttled store, one clip's download, which the last shot of every
     * chain and the last shot of the run cannot avoid).
     */
    record Bound(double seconds, double service, double render, double download, int renderThreads) {
        static Bound measure(BenchContext context, double scale, int n, Pace pace, Workload workload) throws Exception {
            double render = renderSeconds(context);
            double[] serviceAndDownload = serviceSeconds(context, scale, pace);
            double service = serviceAndDownload[0];
            double download = serviceAndDownload[1];
            int renderThreads = Runtime.getRuntime().availableProcessors();
            double bound = Math.max(
                    workload.criticalPathShots() * (service + download),
                    Math.max(n * service / CONCURRENCY, n * render / renderThreads) + download);
            return new Bound(bound, service, render, download, renderThreads);
        }

        String describe() {
            return "bound " + f(seconds) + " s from one task's service time " + f(service) + " s, render time "
                    + f(render) + " s on " + renderThreads + " render threads"
                    + (download > 0 ? " and one clip's download " + f(download) + " s" : "");
        }
    }

    static String f(double v) {
        return String.format("%.2f", v);
    }

    record Run(double seconds, int delivered, EmulatorStats stats) {
        /** Create, get and list requests per delivered shot. */
        double apiRequestsPerShot() {
            return List.of("create", "get", "list").stream()
                            .mapToLong(e -> stats.requestsByEndpoint().getOrDefault(e, 0L))
                            .sum()
                    / (double) delivered;
        }

        double downloadsPerShot() {
            return stats.requestsByEndpoint().getOrDefault("files", 0L) / (double) delivered;
        }
    }

    static Emulator emulator(BenchContext context, double scale, Pace pace) {
        return Emulator.builder()
                .apiKeys(context.apiKey())
                .timeScale(scale)
                .concurrency(CONCURRENCY)
                .downloadRate(pace.bytesPerSecond())
                .downloadLatency(pace.firstByte())
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

    /**
     * Create-to-succeeded time of one workload task alone on a fresh emulator, polled every 10 ms, and the time its
     * clip then takes to download (0 when the store is not throttled).
     */
    static double[] serviceSeconds(BenchContext context, double scale, Pace pace) throws Exception {
        try (Emulator emulator = emulator(context, scale, pace);
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
            double service = (System.nanoTime() - start) / 1e9;
            if (!pace.throttled()) return new double[] {service, 0};
            Path clip = context.directory("p1-download").resolve("one.mp4");
            long downloadStart = System.nanoTime();
            client.download(task, clip);
            return new double[] {service, (System.nanoTime() - downloadStart) / 1e9};
        }
    }
}
