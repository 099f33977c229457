package dev.seedance4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Bench#run} measures and where it writes.
 *
 * @param quick         small sizes and short runs (under two minutes in total) instead of the full figures
 * @param only          suite or figure ids to run (e.g. {@code P6}, {@code R5}, {@code P6a}); empty = all
 * @param jsonFile      where the results go as JSON, or null to write none
 * @param workDirectory where the suites put projects, clips, databases and logs; null = a temporary folder that is
 *                      deleted afterwards
 */
public record BenchOptions(boolean quick, Set<String> only, Path jsonFile, Path workDirectory) {

    /** The default JSON file, in the working directory. */
    public static final String DEFAULT_JSON_FILE = "bench-results.json";

    public BenchOptions {
        only = Set.copyOf(only.stream()
                .map(s -> s.trim().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList());
    }

    /** Every suite in full, JSON to {@value #DEFAULT_JSON_FILE}. */
    public static BenchOptions defaults() {
        return new BenchOptions(false, Set.of(), Path.of(DEFAULT_JSON_FILE), null);
    }

    public BenchOptions withQuick(boolean quick) {
        return new BenchOptions(quick, only, jsonFile, workDirectory);
    }

    public BenchOptions withOnly(String... ids) {
        return new BenchOptions(quick, new LinkedHashSet<>(Arrays.asList(ids)), jsonFile, workDirectory);
    }

    public BenchOptions withJsonFile(Path jsonFile) {
        return new BenchOptions(quick, only, jsonFile, workDirectory);
    }

    public BenchOptions withWorkDirectory(Path workDirectory) {
        return new BenchOptions(quick, only, jsonFile, workDirectory);
    }

    /**
     * True when a suite was asked for: by its id, or by the id of one of its figures or a prefix of one ({@code P2}
     * selects the suite that measures {@code P2a} and {@code P2b}). A suite always measures all its figures.
     */
    public boolean selects(String suiteId, List<String> figureIds) {
        if (only.isEmpty() || only.contains(suiteId.toUpperCase(Locale.ROOT))) return true;
        return figureIds.stream()
                .map(f -> f.toUpperCase(Locale.ROOT))
                .anyMatch(f -> only.stream().anyMatch(f::startsWith));
    }

    /**
     * Parses {@code --quick}, {@code --only ID,...}, {@code --json FILE} and {@code --work DIR}.
     *
     * @throws IllegalArgumentException naming the unknown or incomplete argument
     */
    public static BenchOptions parse(String... args) {
        BenchOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i]);
            switch (arg) {
                case "--quick" -> options = options.withQuick(true);
                case "--only" ->
                    options = options.withOnly(value(args, ++i, arg).split(","));
                case "--json" -> options = options.withJsonFile(Path.of(value(args, ++i, arg)));
                case "--work" -> options = options.withWorkDirectory(Path.of(value(args, ++i, arg)));
                default ->
                    throw new IllegalArgumentException("unknown argument '" + arg
                            + "' (usage: [--quick] [--only ID,...] [--json FILE] [--work DIR])");
            }
        }
        return options;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) throw new IllegalArgumentException(flag + " needs a value");
        return args[i];
    }
}
