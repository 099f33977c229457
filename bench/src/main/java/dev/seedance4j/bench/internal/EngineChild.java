package dev.seedance4j.bench.internal;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The studio engine in a child JVM, for the suites that kill it (R1) or weigh it (P3). Arguments: project file,
 * output folder, base URL, time scale, concurrency; the API key comes in {@code ARK_API_KEY} (never on a command
 * line); team mode (T1) adds the store URL. Prints every run event, {@code STATS heap cpu-nanos uptime-ms} once a second,
 * {@code GCHEAP used-after-gc} for each line {@code gc} read from its standard input (a full GC is the bench's doing,
 * not the engine's: it is forced only when asked, outside any window whose CPU is measured), and
 * {@code DONE delivered=N created=M} at the end.
 */
public final class EngineChild {
    /** The system property in which the launcher gives the JVM options it starts a worker with. */
    static final String WORKER_JVM_OPTIONS = "seedance.worker-jvm-options";

    private EngineChild() {}

    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String baseUrl = args[2];
        double scale = Double.parseDouble(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        startStats();
        try (SeedanceClient client = SeedanceClient.builder()
                .apiKey(System.getenv("ARK_API_KEY"))
                .baseUrl(baseUrl)
                .build()) {
            StudioOptions.Builder builder = EngineSuite.options(client, out, scale).toBuilder()
                    .concurrency(concurrency)
                    .requestsPerMinute(1_000_000);
            if (args.length > 5) {
                builder.store(args[5]).quotaKey(System.getenv("ARK_API_KEY"));
            }
            StudioOptions options = builder.build();
            try (Studio studio = Studio.open(project, options)) {
                RunReport report = studio.run(event -> System.out.println(event));
                System.out.println("DONE delivered=" + report.delivered() + " created=" + report.created()
                        + " failures=" + report.failures());
            }
        }
    }

    private static void startStats() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread stats = new Thread(
                () -> {
                    try {
                        while (true) {
                            Thread.sleep(1000);
                            System.out.println("STATS "
                                    + memory.getHeapMemoryUsage().getUsed() + " " + os.getProcessCpuTime() + " "
                                    + ManagementFactory.getRuntimeMXBean().getUptime());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "bench-stats");
        stats.setDaemon(true);
        stats.start();
        Thread heap = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            if (line.equals("gc")) {
                                System.gc();
                                System.out.println(
                                        "GCHEAP " + memory.getHeapMemoryUsage().getUsed());
                            }
                        }
                    } catch (IOException e) {
                        // the bench closed the pipe: nothing more to weigh
                    }
                },
                "bench-heap");
        heap.setDaemon(true);
        heap.start();
    }

    /** Starts the child with this JVM's class path, its output going to {@code log}. */
    static Process start(
            BenchContext context,
            Path project,
            Path out,
            String baseUrl,
            double scale,
            int concurrency,
            String maxHeap,
            Path log,
            String... store)
            throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java);
        // started as the seedance launcher starts a worker (it passes its options when it starts the bench)
        String options = System.getProperty(WORKER_JVM_OPTIONS, "").strip();
        if (!options.isEmpty()) builder.command().addAll(Arrays.asList(options.split("\\s+")));
        builder.command()
                .addAll(List.of(
                        "-Xmx" + maxHeap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        EngineChild.class.getName(),
                        project.toString(),
                        out.toString(),
                        baseUrl,
                        String.valueOf(scale),
                        String.valueOf(concurrency)));
        builder.command().addAll(Arrays.asList(store));
        builder.environment().put("ARK_API_KEY", context.apiKey());
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
