package dev.seedance4j.cli.internal;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
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

    @Mixin
    StoreOptions store = new StoreOptions();

    public Path project() {
        return project;
    }

    /**
     * Checks {@code --store}/{@code SEEDANCE_STORE} and {@code --project-id} before anything starts or is created,
     * naming the flag or variable on error.
     */
    void check(Map<String, String> env) {
        store.check(env);
    }

    /** Applies {@code --store}/{@code SEEDANCE_STORE} and {@code --project-id} (checked by {@link #check}). */
    void applyTo(dev.seedance4j.studio.StudioOptions.Builder options, Map<String, String> env) {
        store.applyTo(options, env);
    }
}
