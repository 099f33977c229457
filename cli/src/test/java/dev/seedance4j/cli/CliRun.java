package dev.seedance4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of the command line: its exit code and everything it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> environment, String... args) {
        return in(Path.of(""), environment, args);
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** As if started in {@code folder} (where relative output paths such as {@code out/demo} go). */
    static CliRun in(Path folder, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SeedanceCli.execute(args, new PrintWriter(out), new PrintWriter(err), environment, folder);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Everything printed, for checks that hold for both streams. */
    String all() {
        return out + err;
    }
}
