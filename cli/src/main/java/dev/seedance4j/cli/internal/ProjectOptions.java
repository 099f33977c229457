package dev.seedance4j.cli.internal;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The project a command works on, and where its state lives. */
public final class ProjectOptions {

    @Parameters(index = "0", paramLabel = "PROJECT.yaml", description = "The project file.")
    Path project;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output folder: state, clips and episodes (default: out/<name> beside the project file).")
    Path outputDir;

    public Path project() {
        return project;
    }
}
