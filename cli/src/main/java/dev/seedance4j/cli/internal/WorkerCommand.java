package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.LoopbackVideoPublisher;
import dev.seedance4j.studio.StudioOptions;
import dev.seedance4j.studio.StudioWorker;
import dev.seedance4j.studio.VideoPublisher;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seedance worker --store URL}: team mode's worker. Serves every project of a shared store with open work
 * (registered by a {@code seedance run} on any machine), beside the runs and workers elsewhere: shots are claimed,
 * the account's quota is shared, a dead worker's tasks are taken over by their remote ids.
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = "Serve every project of a shared store that has open work (team mode).")
public final class WorkerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "The shared store: jdbc:postgresql://host:port/database (default: $SEEDANCE_STORE).")
    String store;

    @Option(
            names = "--exit-when-idle",
            paramLabel = "SECONDS",
            description = "Stop when no project has had open work for this long (default: serve until Ctrl-C).")
    Integer idleSeconds;

    @Mixin
    EngineOptions engine;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        engine.check();
        Map<String, String> env = RootContext.environment(spec);
        String url = store != null ? store : env.get("SEEDANCE_STORE");
        if (url == null || url.isBlank()) {
            throw new UserError(
                    ExitCodes.BAD_INPUT,
                    "a worker needs the shared store: give --store jdbc:postgresql://host:port/database"
                            + " or set SEEDANCE_STORE");
        }
        StoreFlag.check(
                url,
                store != null ? "--store" : "SEEDANCE_STORE",
                store != null ? ExitCodes.BAD_INPUT : ExitCodes.AUTH_OR_CONFIG);
        if (idleSeconds != null) Flags.atLeast("--exit-when-idle", idleSeconds, 1, "seconds without open work");
        engine.keyPool(env, connection.emulator()); // checked before anything starts
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = Backend.open(connection, engine.serviceEnvironment(env, connection.emulator()));
                VideoPublisher publisher = Backend.isLoopback(connection, env) || connection.emulator()
                        ? LoopbackVideoPublisher.start()
                        : null) {
            StudioOptions.Builder options = StudioOptions.builder()
                    .store(url.strip())
                    .client(backend.client())
                    .maxRerolls(engine.rerolls)
                    .leaseTime(Duration.ofSeconds(engine.leaseSeconds))
                    .videoPublisher(publisher);
            engine.applyQuota(options, backend, env);
            if (backend.isEmulator()) options.pollInterval(Duration.ofMillis(200), Duration.ofSeconds(2));
            out.println("seedance worker: serving the projects of " + Redacted.store(url) + " with open work");
            out.flush();
            int runs = new StudioWorker(options.build(), event -> {
                        out.println(event.at() + " " + event.kind() + (event.shot() == null ? "" : " " + event.shot())
                                + " " + event.message());
                        out.flush();
                    })
                    .serve(Duration.ofSeconds(2), idleSeconds == null ? null : Duration.ofSeconds(idleSeconds));
            out.println("seedance worker: idle for " + idleSeconds + " s after " + runs + " project run(s); stopping");
            return ExitCodes.OK;
        }
    }

    /** A store URL as it may be printed: without a password. */
    static final class Redacted {
        private Redacted() {}

        static String store(String url) {
            return url.replaceAll("(?i)(password=)[^&]*", "$1****");
        }
    }
}
