package dev.seedance4j.studio;

import dev.seedance4j.client.SeedanceClient;
import java.nio.file.Path;
import java.util.Set;

/** Makes a project's sheets in a child JVM, for {@link SheetsCrashTest}: runs to the end unless it is killed. */
public final class SheetCrashChild {
    private SheetCrashChild() {}

    public static void main(String[] args) {
        try (SeedanceClient client = EmulatorHarness.client(args[2]);
                Studio studio = Studio.open(
                        Path.of(args[0]),
                        EmulatorHarness.options(client, Path.of(args[1])).build())) {
            System.out.println("STARTED");
            var sheets = studio.makeSheets(Set.of(), false, null, null, event -> System.out.println(event));
            System.out.println("DONE delivered="
                    + sheets.stream().filter(v -> v.state().equals("delivered")).count());
        }
    }
}
