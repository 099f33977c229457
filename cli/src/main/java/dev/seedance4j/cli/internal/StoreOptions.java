package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.StudioOptions;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a project's state lives: {@code --store} (or {@code SEEDANCE_STORE}) and {@code --project-id}. */
public final class StoreOptions {

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "Where the state lives: jdbc:postgresql://host:port/database (team mode: many machines,"
                    + " one quota) or a SQLite file (default: $SEEDANCE_STORE, else studio.db in the output folder).")
    String store;

    @Option(
            names = "--project-id",
            paramLabel = "ID",
            description = "The project's id in a shared store (default: the output folder's name).")
    String projectId;

    /** The store from {@code --store}, else {@code SEEDANCE_STORE}; empty for the output folder's SQLite file. */
    Optional<String> store(Map<String, String> env) {
        if (store != null) return Optional.of(store);
        String fromEnv = env.get("SEEDANCE_STORE");
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.strip());
    }

    /**
     * Checks {@code --store}/{@code SEEDANCE_STORE} and {@code --project-id} before anything starts or is created,
     * naming the flag or variable on error.
     */
    void check(Map<String, String> env) {
        store(env)
                .ifPresent(url -> StoreFlag.check(
                        url,
                        store != null ? "--store" : "SEEDANCE_STORE",
                        store != null ? ExitCodes.BAD_INPUT : ExitCodes.AUTH_OR_CONFIG));
        if (projectId != null && (projectId.isBlank() || projectId.length() > 100)) {
            throw new UserError(ExitCodes.BAD_INPUT, "--project-id must be 1 to 100 characters");
        }
    }

    /** Applies {@code --store}/{@code SEEDANCE_STORE} and {@code --project-id} (checked by {@link #check}). */
    StudioOptions.Builder applyTo(StudioOptions.Builder options, Map<String, String> env) {
        check(env);
        store(env).ifPresent(options::store);
        if (projectId != null) options.projectId(projectId);
        return options;
    }
}
