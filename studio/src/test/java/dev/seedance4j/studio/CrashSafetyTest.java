package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.Faults;
import dev.seedance4j.media.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine runs in a child JVM that is killed with SIGKILL at random moments, at least ten times, and started
 * again each time. In the end every shot was created exactly once, every clip is there, and the result equals
 * an uninterrupted run's.
 */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void survivesSigkillAtRandomPointsWithoutPayingTwiceOrLosingAClip() throws Exception {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        Path out = dir.resolve("out");
        Random random = new Random(20261125L);
        try (EmulatorHarness harness = new EmulatorHarness(Faults.none())) {
            int kills = 0;
            int attempt = 0;
            boolean done = false;
            while (kills < 10 || !done) {
                attempt++;
                Process child = child(file, out, harness.emulator.baseUrl(), dir.resolve("child-" + attempt + ".log"));
                Path log = dir.resolve("child-" + attempt + ".log");
                if (kills < 10) {
                    // kill at a random moment after the engine started working (the JVM start itself is not
                    // interesting)
                    long started = System.nanoTime();
                    while (child.isAlive()
                            && !Files.readString(log).contains("STARTED")
                            && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30)) {
                        Thread.sleep(20);
                    }
                    long wait = random.nextInt(700);
                    if (!child.waitFor(wait, TimeUnit.MILLISECONDS)) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
                        child.waitFor();
                        kills++;
                        continue;
                    }
                } else {
                    assertThat(child.waitFor(3, TimeUnit.MINUTES))
                            .as("final run finishes")
                            .isTrue();
                }
                assertThat(child.exitValue())
                        .as("child exit, see child-" + attempt + ".log")
                        .isZero();
                done = Files.readString(dir.resolve("child-" + attempt + ".log"))
                        .contains("DONE delivered=6 failures={}");
            }
            String logs = String.join("\n", readAll(dir));
            // the kills did land while tasks were in flight: later runs followed them instead of sending them again
            assertThat(logs).containsAnyOf("RESUMED", "RECONCILED");
            assertThat(kills).isGreaterThanOrEqualTo(10);
            assertThat(harness.emulator.stats().creates())
                    .as("one create per shot")
                    .isEqualTo(6);

            Map<String, String> interrupted = summary(file, out, harness);
            long createsBefore = harness.emulator.stats().creates();
            try (Studio clean =
                    Studio.open(file, harness.options(dir.resolve("clean")).build())) {
                assertThat(clean.run(RunListener.none()).created()).isEqualTo(6);
            }
            assertThat(harness.emulator.stats().creates()).isEqualTo(createsBefore + 6);
            assertThat(interrupted).isEqualTo(summary(file, dir.resolve("clean"), harness));
        }
    }

    /** Per shot: state, number of takes and the clip's probed duration and size; plus the money spent. */
    private static Map<String, String> summary(Path file, Path out, EmulatorHarness harness) {
        Map<String, String> summary = new TreeMap<>();
        Ffmpeg ffmpeg = Ffmpeg.locate();
        try (Studio studio = Studio.open(file, harness.options(out).build())) {
            StudioStatus status = studio.status();
            for (ShotView s : status.shots()) {
                var info = ffmpeg.probe(s.clip());
                summary.put(
                        s.shot().toString(),
                        s.state() + " takes=" + s.takes() + " "
                                + Math.round(info.durationSeconds()) + "s "
                                + info.video().orElseThrow().width() + "x"
                                + info.video().orElseThrow().height());
            }
            summary.put("spent", status.spentCny().toPlainString());
            summary.put("counts", status.counts().toString());
        }
        return summary;
    }

    private static List<String> readAll(Path dir) throws Exception {
        List<String> logs = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().startsWith("child-"))
                    .sorted()
                    .toList()) {
                logs.add(Files.readString(log));
            }
        }
        System.out.println("crash test: " + logs.size() + " child runs; resumed tasks: "
                + logs.stream()
                        .mapToLong(l ->
                                l.lines().filter(x -> x.startsWith("RESUMED")).count())
                        .sum()
                + "; reconciliations: "
                + logs.stream()
                        .mapToLong(l -> l.lines()
                                .filter(x -> x.startsWith("RECONCILED"))
                                .count())
                        .sum());
        return logs;
    }

    private static Process child(Path file, Path out, String baseUrl, Path log) throws Exception {
        return child(CrashChild.class, log, file.toString(), out.toString(), baseUrl);
    }

    /** A JVM on this test's class path running {@code main} with {@code args}, its output in {@code log}. */
    static Process child(Class<?> main, Path log, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
