package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_LEAST;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.RenderSpec;
import dev.seedance4j.emulator.VideoRenderer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P6: the emulator's throughput (create+get requests per second from client threads over loopback HTTP, against a
 * bare JDK HTTP server answering fixed JSON) and its render speed (a 5 s 720p clip with sound, as a multiple of real
 * time).
 */
public final class EmulatorSuite implements Suite {
    static final int CLIENT_THREADS = 16;

    @Override
    public String id() {
        return "P6";
    }

    @Override
    public List<String> figureIds() {
        return List.of("P6a", "P6b");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        throughput(context);
        renderSpeed(context);
    }

    private void throughput(BenchContext context) throws Exception {
        double seconds = context.quick() ? 2 : 15;
        double warmup = context.quick() ? 0.5 : 3;
        HttpClient http = RawApi.newHttpClient();
        // Rendering goes on in the background while the API answers, as it does in use: one clip at a time, so that
        // the figure is about the service and still pays for the renders it causes.
        try (Emulator emulator = Emulator.builder()
                .apiKeys(context.apiKey())
                .rpm(10_000_000)
                .queueLimit(10_000_000)
                .concurrency(1)
                .renderThreads(1)
                .build()
                .start()) {
            RawApi api = new RawApi(http, emulator.baseUrl(), context.apiKey());
            HttpResponse<String> created = api.create(RawApi.TEXT_TO_VIDEO);
            HttpResponse<String> task = api.get(RawApi.id(created));
            Load ours = createAndGet(api, CLIENT_THREADS, warmup, seconds);
            long serverCreates = emulator.stats().creates() - 1;
            try (BareServer bare = new BareServer(64, created.body(), task.body())) {
                Load baseline = createAndGet(
                        new RawApi(http, bare.baseUrl(), context.apiKey()), CLIENT_THREADS, warmup, seconds);
                context.emit(Figure.of(
                                "P6a",
                                "emulator-create+get",
                                ours.requestsPerSecond(),
                                "req/s",
                                CLIENT_THREADS + " client threads, " + seconds + " s after " + warmup + " s warm-up; "
                                        + ours.errors + " errors; the emulator counted " + serverCreates
                                        + " creates (the clients "
                                        + ours.creates
                                        + ") while rendering one clip at a time; baseline: bare JDK HttpServer "
                                        + "answering the same bytes, " + baseline.errors + " errors")
                        .withBaseline("bare-jdk-httpserver", baseline.requestsPerSecond())
                        .withGoal(AT_LEAST, 200));
            }
            if (serverCreates != ours.creates) {
                throw new IllegalStateException(
                        "the emulator counted " + serverCreates + " creates, the clients made " + ours.creates);
            }
        }
    }

    /** Requests per second (both create and get count) and errors of {@code threads} loops of create then get. */
    static Load createAndGet(RawApi api, int threads, double warmupSeconds, double seconds)
            throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong requests = new AtomicLong();
        AtomicLong creates = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(
                    () -> {
                        while (!stop.get()) {
                            try {
                                HttpResponse<String> created = api.create(RawApi.TEXT_TO_VIDEO);
                                boolean counted = measuring.get();
                                if (created.statusCode() != 200) {
                                    errors.incrementAndGet();
                                    continue;
                                }
                                creates.incrementAndGet();
                                HttpResponse<String> task = api.get(RawApi.id(created));
                                if (task.statusCode() != 200) errors.incrementAndGet();
                                if (counted && measuring.get()) requests.addAndGet(2);
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                        }
                    },
                    "bench-load-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        Thread.sleep((long) (warmupSeconds * 1000));
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : workers) t.join(30_000);
        return new Load(requests.get() / elapsed, creates.get(), errors.get());
    }

    record Load(double requestsPerSecond, long creates, long errors) {}

    private void renderSpeed(BenchContext context) throws Exception {
        VideoRenderer renderer = VideoRenderer.withFfmpeg(context.ffmpeg());
        Path dir = context.directory("p6-render");
        RenderSpec spec = new RenderSpec(
                "cgt-20260101000000-bench",
                1280,
                720,
                5,
                "清晨的海边，一只猫对着镜头打哈欠，镜头缓慢推近 (bench)",
                42,
                true,
                true,
                true,
                null,
                null,
                List.of(),
                List.of(),
                List.of());
        renderer.render(spec, dir); // warm-up: font extraction, page cache, JIT
        int runs = context.size(3, 9);
        double[] seconds = new double[runs];
        Path video = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            video = renderer.render(spec, dir).video();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        double probed = context.ffmpeg().probe(video).durationSeconds();
        context.emit(Figure.of(
                        "P6b",
                        "render-5s-720p",
                        5 / median,
                        "x-realtime",
                        "median of " + runs
                                + " renders of a 5 s 1280x720 24 fps clip with AAC sound, watermark and last frame: "
                                + String.format("%.3f", median) + " s wall (probed duration " + probed
                                + " s); baseline: real time")
                .withBaseline("real-time", 1.0)
                .withGoal(AT_LEAST, 5));
    }
}
