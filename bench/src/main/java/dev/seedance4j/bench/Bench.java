package dev.seedance4j.bench;

import dev.seedance4j.bench.internal.BenchContext;
import dev.seedance4j.bench.internal.ResultsJson;
import dev.seedance4j.bench.internal.Suite;
import dev.seedance4j.bench.internal.Suites;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmarks and the reliability suite behind {@code seedance bench}: every figure of the README's benchmark
 * table, measured on the real parts (emulator over loopback HTTP, the client, the studio engine, ffmpeg), each with
 * its baseline measured in the same run.
 *
 * <pre>{@code
 * BenchReport report = Bench.run(BenchOptions.defaults().withQuick(true), new PrintWriter(System.out, true));
 * report.figures().forEach(f -> System.out.println(f.line()));
 * }</pre>
 *
 * <p>It prints one line per figure as {@code ID name value unit [baseline value, ratio r] [goal op value, met|missed]}
 * (lines starting with {@code #} are comments: the machine, the suites' progress) and writes the same, with the
 * machine, as JSON.
 */
public final class Bench {

    private Bench() {}

    /** {@code [--quick] [--only ID,...] [--json FILE] [--work DIR]}; exits 1 when a suite failed or a goal was missed. */
    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        BenchReport report = run(options, out);
        System.exit(report.passed() ? 0 : 1);
    }

    /** Runs the selected suites, printing each figure as it is measured, and writes the JSON file if asked. */
    public static BenchReport run(BenchOptions options, PrintWriter out) {
        return run(options, out, Suites.all());
    }

    static BenchReport run(BenchOptions options, PrintWriter out, List<Suite> suites) {
        Machine machine = Machine.current();
        Instant started = Instant.now();
        long start = System.nanoTime();
        List<Figure> figures = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        out.println("# seedance4j bench (" + (options.quick() ? "quick" : "full") + ") on " + machine.summary());
        Path work = options.workDirectory();
        boolean ownsWork = work == null;
        try {
            work = ownsWork ? Files.createTempDirectory("seedance-bench-") : Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work folder", e);
        }
        try {
            BenchContext context = new BenchContext(options.quick(), work, figure -> {
                synchronized (figures) {
                    figures.add(figure);
                }
                out.println(figure.line());
                out.flush();
            });
            for (Suite suite : suites) {
                if (!options.selects(suite.id(), suite.figureIds())) continue;
                long suiteStart = System.nanoTime();
                try {
                    suite.run(context);
                } catch (Exception | Error e) {
                    if (e instanceof InterruptedException)
                        Thread.currentThread().interrupt();
                    if (e instanceof VirtualMachineError vm && !(e instanceof OutOfMemoryError)) throw vm;
                    String failure = suite.id() + ": " + e;
                    failures.add(failure);
                    out.println("# " + suite.id() + " failed: " + e);
                }
                out.printf("# %s took %.1f s%n", suite.id(), (System.nanoTime() - suiteStart) / 1e9);
                out.flush();
            }
        } finally {
            if (ownsWork) deleteTree(work);
        }
        BenchReport report = new BenchReport(
                machine, options.quick(), started, Duration.ofNanos(System.nanoTime() - start), figures, failures);
        if (options.jsonFile() != null) {
            ResultsJson.write(report, options.jsonFile());
            out.println("# results written to " + options.jsonFile().toAbsolutePath());
        }
        out.flush();
        return report;
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a file still held by a finishing child process; the temp folder is the OS's to clean then
        }
    }
}
