package dev.seedance4j.cli.internal;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command takes from the root command rather than from globals: the environment variables (tests pass
 * their own, so no test has to change the real environment to see what happens without ARK_API_KEY).
 */
public interface RootContext {

    Map<String, String> environment();

    /** The environment of the command line that {@code spec} belongs to. */
    static Map<String, String> environment(CommandSpec spec) {
        return ((RootContext) spec.root().userObject()).environment();
    }
}
