package dev.seedance4j.studio;

import dev.seedance4j.client.SeedanceClient;
import java.nio.file.Path;

/** The engine in a child JVM, for {@link CrashSafetyTest}: runs a project to the end unless it is killed. */
public final class CrashChild {
    private CrashChild() {}

    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        Path out = Path.of(args[1]);
        try (SeedanceClient client = EmulatorHarness.client(args[2]);
                Studio studio = Studio.open(
                        project, EmulatorHarness.options(client, out).build())) {
            RunReport report = studio.run(event -> System.out.println(event));
            System.out.println("DONE delivered=" + report.delivered() + " failures=" + report.failures());
        }
    }
}
