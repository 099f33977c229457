package dev.seedance4j.cli.internal;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command takes from the root command rather than from globals: the environment variables and the
 * current folder (tests pass their own, so no test has to change the real environment to see what happens without
 * ARK_API_KEY, or write into the folder it runs in).
 */
public interface RootContext {

    Map<String, String> environment();

    /** The folder relative output paths ({@code out/demo}) are resolved against. */
    Path workingDirectory();

    /** The environment of the command line that {@code spec} belongs to. */
    static Map<String, String> environment(CommandSpec spec) {
        return ((RootContext) spec.root().userObject()).environment();
    }

    /** The current folder of the command line that {@code spec} belongs to. */
    static Path workingDirectory(CommandSpec spec) {
        return ((RootContext) spec.root().userObject()).workingDirectory();
    }
}
