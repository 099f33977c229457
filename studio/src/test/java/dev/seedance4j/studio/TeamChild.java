package dev.seedance4j.studio;

import dev.seedance4j.client.SeedanceClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A run or a worker in a JVM of its own, for the tests that overlap and kill them. Arguments: {@code run} or
 * {@code worker}, project file (run) or "-", output folder or "-", emulator base URL, store URL or "-" (the SQLite file
 * in the output folder), lease in ms, quota (tasks in flight). Prints run events and {@code DONE delivered=N created=M}.
 */
public final class TeamChild {
    private TeamChild() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        // the grace of an intent whose worker died is half a lease plus the request timeout: short here, so that the
        // tests that kill workers do not wait a minute for each intent they leave
        try (SeedanceClient client = EmulatorHarness.clientBuilder(args[3])
                .requestTimeout(Duration.ofSeconds(15))
                .build()) {
            StudioOptions.Builder options = EmulatorHarness.options(client, Path.of(args[2]))
                    .leaseTime(Duration.ofMillis(Long.parseLong(args[5])))
                    .concurrency(Integer.parseInt(args[6]))
                    .quotaKey("test-key");
            if (!"-".equals(args[4])) {
                options.store(args[4]);
            }
            if ("worker".equals(mode)) {
                int runs = new StudioWorker(options.build(), event -> System.out.println(event))
                        .serve(Duration.ofMillis(200), Duration.ofSeconds(3));
                System.out.println("DONE runs=" + runs);
                return;
            }
            try (Studio studio = Studio.open(Path.of(args[1]), options.build())) {
                RunReport report = studio.run(event -> System.out.println(event));
                System.out.println("DONE delivered=" + report.delivered() + " created=" + report.created()
                        + " failures=" + report.failures());
            }
        }
    }

    /** Starts a child with this JVM's class path; its output goes to {@code log}. */
    static Process start(Path log, String... args) throws java.io.IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                javaBin,
                "-Xmx192m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                TeamChild.class.getName()));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
