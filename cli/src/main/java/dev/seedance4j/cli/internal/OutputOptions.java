package dev.seedance4j.cli.internal;

import picocli.CommandLine.Option;

/** How a long command reports: a live view on a terminal, plain lines, or JSON for machines. */
public final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON document at the end (and nothing else on stdout).")
    boolean json;

    @Option(
            names = "--json-lines",
            description = "Print every event as one JSON line, then the summary as the last line.")
    boolean jsonLines;

    @Option(names = "--no-progress", description = "Plain timestamped lines even on a terminal.")
    boolean noProgress;

    public boolean json() {
        return json;
    }

    public boolean jsonLines() {
        return jsonLines;
    }

    public boolean noProgress() {
        return noProgress;
    }
}
