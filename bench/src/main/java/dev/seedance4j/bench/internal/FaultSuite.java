package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.Studio;
import java.nio.file.Path;
import java.util.List;

/**
 * R2: the engine on an emulator that injects 10 % mixed faults (5xx, 429, connections dropped before and after a
 * create, truncated downloads, output moderation): every shot must end delivered or with a reason code, and no shot
 * may be paid twice.
 */
public final class FaultSuite implements Suite {
    static final Faults MIXED = Faults.builder()
            .serverErrorRate(0.02)
            .rateLimitRate(0.02)
            .dropBeforeRate(0.01)
            .dropAfterRate(0.01)
            .truncatedDownloadRate(0.02)
            .outputModerationRate(0.02)
            .seed(20261125)
            .build();

    @Override
    public String id() {
        return "R2";
    }

    @Override
    public List<String> figureIds() {
        return List.of("R2a", "R2b", "R2c");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int n = context.size(10, 100);
        double scale = 0.02;
        Workload workload = Workload.of(n);
        Path root = context.directory("r2");
        try (Emulator emulator = Emulator.builder()
                        .apiKeys(context.apiKey())
                        .timeScale(scale)
                        .faults(MIXED)
                        .build()
                        .start();
                SeedanceClient client = EngineSuite.client(context, emulator)) {
            RunReport report;
            try (Studio studio = Studio.open(
                    workload.writeProject(root.resolve("project")),
                    EngineSuite.options(client, root.resolve("out"), scale))) {
                report = studio.run(RunListener.none());
            }
            long reasonCoded = report.shots().stream()
                    .filter(s -> !s.delivered() && s.reason() != null)
                    .count();
            long unaccounted = n - report.delivered() - reasonCoded;
            long tasksSent = emulator.stats().creates();
            // every create the emulator counted belongs to a shot; more creates than shots that were tried means a
            // shot was paid twice (rerolls are off, so one task per shot is the most there may be)
            long paidTwice = Math.max(0, tasksSent - n);
            context.emit(Figure.of(
                    "R2a",
                    "delivered-under-faults",
                    report.delivered(),
                    "shots",
                    n + " shots, faults " + MIXED + "; failures by reason " + report.failures() + "; faults injected "
                            + emulator.stats().faultsInjected()));
            context.emit(Figure.of(
                            "R2b",
                            "unaccounted-shots",
                            unaccounted,
                            "shots",
                            "shots neither delivered nor carrying a reason code")
                    .withGoal(EQUAL, 0));
            context.emit(Figure.of(
                            "R2c",
                            "paid-twice",
                            paidTwice,
                            "tasks",
                            "creates counted by the emulator (" + tasksSent + ") beyond one per shot")
                    .withGoal(EQUAL, 0));
        }
    }
}
