package dev.seedance4j.cli.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The project a command works on, and the engine settings a run may override. */
public final class ProjectOptions {

    @Parameters(index = "0", paramLabel = "PROJECT.yaml", description = "The project file.")
    Path project;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output folder (default: out/<project name> beside the project file).")
    Path outputDir;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "10",
            description = "Tasks in flight at once: the account's concurrency (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--rpm",
            paramLabel = "N",
            defaultValue = "60",
            description = "Creates per minute: the account's RPM (default: ${DEFAULT-VALUE}).")
    int requestsPerMinute;

    @Option(names = "--budget", paramLabel = "CNY", description = "Budget for the project; overrides budget.max_cny.")
    BigDecimal budget;

    @Option(
            names = "--rerolls",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Retries with a new seed for a clip refused by output moderation (default: ${DEFAULT-VALUE}).")
    int rerolls;

    public Path project() {
        return project;
    }
}
