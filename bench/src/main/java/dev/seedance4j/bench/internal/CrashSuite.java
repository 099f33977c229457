package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.ShotState;
import dev.seedance4j.studio.ShotView;
import dev.seedance4j.studio.Studio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * R1: the engine in a child JVM killed with SIGKILL at random moments of a run and started again each time, until
 * the run completes. Then: creates beyond one per shot (paid twice), shots without a clip (lost), and shots whose
 * picture differs from a clean uninterrupted run's on the same emulator (decoded frames compared by MD5; the files
 * themselves differ in the task id in their metadata).
 */
public final class CrashSuite implements Suite {

    @Override
    public String id() {
        return "R1";
    }

    @Override
    public List<String> figureIds() {
        return List.of("R1a", "R1b", "R1c", "R1d");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int n = context.size(5, 100);
        int kills = context.size(2, 20);
        double scale = 0.02;
        Workload workload = Workload.of(n);
        Path root = context.directory("r1");
        Path project = workload.writeProject(root.resolve("project"));
        Random random = new Random(20261125L);
        try (Emulator emulator = EngineSuite.emulator(context, scale, EngineSuite.Pace.NONE);
                SeedanceClient client = EngineSuite.client(context, emulator)) {
            int killed = 0;
            int attempt = 0;
            boolean done = false;
            while (!done) {
                attempt++;
                if (attempt > kills + 10)
                    throw new IllegalStateException("the engine did not finish after " + attempt + " starts");
                Path log = root.resolve("child-" + attempt + ".log");
                Process child = EngineChild.start(
                        context,
                        project,
                        root.resolve("out"),
                        emulator.baseUrl(),
                        scale,
                        EngineSuite.CONCURRENCY,
                        "256m",
                        log);
                if (killed < kills) {
                    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (child.isAlive()
                            && !Files.readString(log).contains("STARTED")
                            && System.nanoTime() < waitUntil) {
                        Thread.sleep(20);
                    }
                    if (!child.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS)) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                        child.waitFor();
                        killed++;
                        continue;
                    }
                } else if (!child.waitFor(10, TimeUnit.MINUTES)) {
                    child.destroyForcibly();
                    throw new IllegalStateException("the final run did not finish in 10 minutes; see " + log);
                }
                String output = Files.readString(log);
                if (child.exitValue() != 0)
                    throw new IllegalStateException("the engine failed; see " + log + ":\n" + tail(output));
                done = output.contains("DONE delivered=" + n + " ");
                if (!done)
                    throw new IllegalStateException("the run ended without delivering every shot:\n" + tail(output));
            }
            long creates = emulator.stats().creates();
            Map<String, String> interrupted = pictures(context, project, root.resolve("out"), client, scale);
            long lost = n - interrupted.size();

            try (Studio clean = Studio.open(project, EngineSuite.options(client, root.resolve("clean"), scale))) {
                clean.run(RunListener.none());
            }
            Map<String, String> cleanRun = pictures(context, project, root.resolve("clean"), client, scale);
            long different = cleanRun.entrySet().stream()
                    .filter(e -> !e.getValue().equals(interrupted.get(e.getKey())))
                    .count();

            String how = n + " shots, " + killed + " SIGKILLs at random moments (0-1.5 s after the engine started), "
                    + attempt + " starts in all";
            context.emit(Figure.of("R1a", "sigkills", killed, "kills", how));
            context.emit(Figure.of(
                            "R1b",
                            "duplicate-creates",
                            Math.max(0, creates - n),
                            "tasks",
                            "creates counted by the emulator (" + creates + ") beyond one per shot")
                    .withGoal(EQUAL, 0));
            context.emit(
                    Figure.of("R1c", "lost-clips", lost, "shots", "shots without a verified clip after the last start")
                            .withGoal(EQUAL, 0));
            context.emit(Figure.of(
                            "R1d",
                            "differs-from-clean-run",
                            different,
                            "shots",
                            "shots whose decoded picture differs from a clean run's on the same emulator")
                    .withGoal(EQUAL, 0));
        }
    }

    /** Shot → MD5 of its clip's decoded video, for every delivered shot. */
    private static Map<String, String> pictures(
            BenchContext context, Path project, Path out, SeedanceClient client, double scale) {
        Map<String, String> md5 = new TreeMap<>();
        try (Studio studio = Studio.open(project, EngineSuite.options(client, out, scale))) {
            for (ShotView s : studio.status().shots()) {
                if (s.state() != ShotState.DELIVERED || s.clip() == null || !Files.isRegularFile(s.clip())) continue;
                String stdout = context.ffmpeg()
                        .run(
                                List.of("-i", s.clip().toString(), "-map", "0:v:0", "-f", "md5", "-"),
                                Duration.ofMinutes(1))
                        .stdout();
                md5.put(s.shot().toString(), stdout.trim());
            }
        }
        return md5;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
