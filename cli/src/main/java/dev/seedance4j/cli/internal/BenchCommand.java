package dev.seedance4j.cli.internal;

import dev.seedance4j.bench.Bench;
import dev.seedance4j.bench.BenchOptions;
import dev.seedance4j.bench.BenchReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seedance bench [--quick]}: the figures of the README's benchmark table and the reliability suite, each
 * measured against a baseline taken in the same run, printed one per line and written as JSON.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Run the benchmarks and the reliability suite (--quick: small sizes, under 2 minutes).")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Small sizes.")
    boolean quick;

    @Option(names = "--only", paramLabel = "ID", split = ",", description = "Only these figures or suites, e.g. P1,R3.")
    List<String> only = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Where the JSON goes (default: bench-results.json).")
    Path json;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a temporary one).")
    Path work;

    @Override
    public Integer call() {
        BenchOptions options = BenchOptions.defaults().withQuick(quick);
        if (!only.isEmpty()) options = options.withOnly(only.toArray(String[]::new));
        if (json != null) options = options.withJsonFile(json);
        if (work != null) options = options.withWorkDirectory(work);
        BenchReport report = Bench.run(options, spec.commandLine().getOut());
        return report.passed() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }
}
