package dev.seedance4j.bench.internal;

import dev.seedance4j.bench.Figure;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * P7: the typed client's overhead per call, measured with JMH ({@link ClientOverheadBenchmark}) in a forked JVM
 * through the Runner API and the benchmark list that JMH's annotation processor generated at build time.
 */
public final class ClientOverheadSuite implements Suite {

    @Override
    public String id() {
        return "P7";
    }

    @Override
    public List<String> figureIds() {
        return List.of("P7a", "P7b");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Options options = new OptionsBuilder()
                .include(ClientOverheadBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(context.size(1, 5))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(context.size(2, 10))
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .jvmArgsAppend("-Xmx512m")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double ours = score(results, "seedanceClientGet");
        double raw = score(results, "rawHttpClientGet");
        String how =
                "JMH average time, 1 fork, 1 thread, " + context.size(1, 5) + "x1 s warm-up, " + context.size(2, 10)
                        + "x1 s measured; GET of one succeeded task on an in-process emulator over loopback";
        context.emit(Figure.of(
                        "P7a",
                        "client-get",
                        ours,
                        "us/call",
                        how + "; baseline: java.net.http HttpClient GET of the same URL")
                .withBaseline("raw-httpclient-get", raw));
        context.emit(Figure.of(
                "P7b",
                "client-overhead",
                ours - raw,
                "us/call",
                "SeedanceClient.tasks().get(id) minus the raw GET: building, bookkeeping, JSON into a Task"));
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH returned no result for " + method))
                .getPrimaryResult()
                .getScore();
    }
}
