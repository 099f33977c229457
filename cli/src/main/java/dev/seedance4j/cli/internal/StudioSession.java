package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.LoopbackVideoPublisher;
import dev.seedance4j.studio.MediaRef;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.S3VideoPublisher;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import dev.seedance4j.studio.VideoPublisher;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A studio opened for one command, with what it needs to run: the backend (emulator or real service) and a
 * publisher for local videos (a loopback file server when the service runs on this machine; S3-compatible storage
 * for the real service, configured by {@code SEEDANCE_S3_*} variables).
 */
public final class StudioSession implements AutoCloseable {

    private static final List<String> S3_VARIABLES =
            List.of("SEEDANCE_S3_ENDPOINT", "SEEDANCE_S3_BUCKET", "SEEDANCE_S3_ACCESS_KEY", "SEEDANCE_S3_SECRET_KEY");

    private final Studio studio;
    private final Backend backend;
    private final VideoPublisher publisher;
    private final StateFolder state;
    private final Project project;

    private StudioSession(
            Studio studio, Backend backend, VideoPublisher publisher, StateFolder state, Project project) {
        this.studio = studio;
        this.backend = backend;
        this.publisher = publisher;
        this.state = state;
        this.project = project;
    }

    /** Records in the output folder which project file its state belongs to; called when a run starts. */
    void markState() {
        if (project != null) state.mark(project);
    }

    /**
     * A studio that can plan, show status and pick, but not send anything, for a command of this command line (its
     * current folder, and its environment, which may name the store: {@code SEEDANCE_STORE}).
     */
    static StudioSession offline(CommandSpec spec, ProjectOptions project, Optional<BigDecimal> budget) {
        Map<String, String> env = RootContext.environment(spec);
        StateFolder state = StateFolder.of(project, Project.load(project.project), RootContext.workingDirectory(spec));
        StudioOptions.Builder options = StudioOptions.builder().outputDir(state.folder());
        project.applyTo(options, env);
        budget.ifPresent(options::budgetCny);
        return new StudioSession(Studio.open(project.project, options.build()), null, null, state, null);
    }

    /** A studio that can run, for a command of this command line (its environment and current folder). */
    static StudioSession online(
            CommandSpec spec, ProjectOptions project, ServiceOptions service, Consumer<Project> flagChecks) {
        return online(
                project,
                service.engine,
                service.budget.value(),
                service.connection,
                RootContext.environment(spec),
                RootContext.workingDirectory(spec),
                flagChecks);
    }

    /**
     * A studio that can run, connected as {@code connection} says, once {@code flagChecks} has accepted the
     * command's other flags against the project: nothing is started or created for a command that would be refused.
     */
    public static StudioSession online(
            ProjectOptions project,
            EngineOptions engine,
            Optional<BigDecimal> budget,
            ConnectionOptions connection,
            Map<String, String> env,
            Path workingDirectory,
            Consumer<Project> flagChecks) {
        engine.check();
        project.check(env);
        Duration giveUpAfter = engine.giveUpAfter(env);
        // Read the project first: a broken file is reported before any key is asked for or emulator started.
        Project loaded = Project.load(project.project);
        flagChecks.accept(loaded);
        StateFolder state = StateFolder.of(project, loaded, workingDirectory);
        boolean loopback = connection.emulator() || Backend.isLoopback(connection, env);
        S3Settings s3 = S3Settings.of(env);
        if (!loopback && s3 == null) requireNoLocalVideos(loaded);
        // The embedded emulator keeps its tasks beside the project's state, as the service keeps them: a run that
        // resumes (after Ctrl-C or a crash) finds the tasks it follows.
        Backend backend = Backend.open(
                connection, env, connection.emulator() ? state.folder().resolve("emulator") : null);
        VideoPublisher publisher = null;
        try {
            publisher = loopback ? LoopbackVideoPublisher.start() : s3 == null ? null : s3.publisher();
            StudioOptions.Builder options = StudioOptions.builder()
                    .outputDir(state.folder())
                    .concurrency(engine.concurrency)
                    .requestsPerMinute(engine.requestsPerMinute)
                    .maxRerolls(engine.rerolls)
                    .client(backend.client())
                    .leaseTime(Duration.ofSeconds(engine.leaseSeconds))
                    .videoPublisher(publisher);
            project.applyTo(options, env);
            engine.quotaKey(env, backend.isEmulator()).ifPresent(options::quotaKey);
            budget.ifPresent(options::budgetCny);
            if (giveUpAfter != null) options.giveUpAfter(giveUpAfter);
            if (backend.isEmulator()) options.pollInterval(Duration.ofMillis(200), Duration.ofSeconds(2));
            Studio studio = Studio.open(project.project, options.build());
            return new StudioSession(studio, backend, publisher, state, loaded);
        } catch (RuntimeException e) {
            backend.close();
            if (publisher != null) closeQuietly(publisher);
            throw e;
        }
    }

    /**
     * Without storage the service can fetch from, a local video cannot be sent: say so, with every place the
     * project uses one, before anything is sent (a shot's own clip is reused by its result link and needs none).
     */
    private static void requireNoLocalVideos(Project project) {
        List<String> uses = new ArrayList<>();
        for (Project.Episode episode : project.episodes()) {
            for (Shot shot : episode.shots()) {
                Stream.of(shot.edit().stream(), shot.extend().stream(), shot.videos().stream())
                        .flatMap(s -> s)
                        .filter(MediaRef.LocalFile.class::isInstance)
                        .map(MediaRef.LocalFile.class::cast)
                        .forEach(v -> uses.add("  " + v.position() + ": episodes[" + episode.id() + "].shots["
                                + shot.id() + "]: " + v.written()));
            }
        }
        if (!uses.isEmpty()) {
            throw new UserError(
                    ExitCodes.AUTH_OR_CONFIG,
                    "the project sends local videos, which the service fetches by link, and no storage is set up"
                            + " (nothing was sent):" + System.lineSeparator()
                            + String.join(System.lineSeparator(), uses) + System.lineSeparator()
                            + "Set " + String.join(", ", S3_VARIABLES)
                            + " (and SEEDANCE_S3_REGION if needed) for S3-compatible storage, or use --emulator"
                            + " (or a --base-url on this machine, which is served from here).");
        }
    }

    /** The S3-compatible storage the environment describes, or null when none of its variables is set. */
    private record S3Settings(Map<String, String> env) {
        static S3Settings of(Map<String, String> env) {
            boolean any = Stream.concat(S3_VARIABLES.stream(), Stream.of("SEEDANCE_S3_REGION"))
                    .anyMatch(env::containsKey);
            if (!any) return null;
            List<String> missing = S3_VARIABLES.stream()
                    .filter(name -> env.get(name) == null || env.get(name).isBlank())
                    .toList();
            if (!missing.isEmpty()) {
                throw new UserError(
                        ExitCodes.AUTH_OR_CONFIG,
                        "incomplete S3 settings: " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                                + " not set; local videos need all of " + String.join(", ", S3_VARIABLES)
                                + " (SEEDANCE_S3_REGION is optional)");
            }
            String endpoint = env.get("SEEDANCE_S3_ENDPOINT");
            String lower = endpoint.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
                throw new UserError(
                        ExitCodes.AUTH_OR_CONFIG,
                        "SEEDANCE_S3_ENDPOINT must be an http:// or https:// URL (got " + endpoint + ")");
            }
            return new S3Settings(env);
        }

        VideoPublisher publisher() {
            try {
                S3VideoPublisher.Builder b = S3VideoPublisher.builder()
                        .endpoint(URI.create(env.get("SEEDANCE_S3_ENDPOINT")))
                        .bucket(env.get("SEEDANCE_S3_BUCKET"))
                        .accessKey(env.get("SEEDANCE_S3_ACCESS_KEY"))
                        .secretKey(env.get("SEEDANCE_S3_SECRET_KEY"));
                if (env.containsKey("SEEDANCE_S3_REGION")) b.region(env.get("SEEDANCE_S3_REGION"));
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new UserError(
                        ExitCodes.AUTH_OR_CONFIG, "the SEEDANCE_S3_* settings are not usable: " + e.getMessage());
            }
        }
    }

    public Studio studio() {
        return studio;
    }

    public boolean isEmulator() {
        return backend != null && backend.isEmulator();
    }

    /** Stops an embedded emulator at once (on Ctrl-C); its tasks stay in the output folder for the next run. */
    void stopEmulator() {
        if (backend != null) backend.stopEmulator();
    }

    /** Where the state was found, when that is not where the project's own rule puts it; else null. */
    public String stateNote() {
        return state.note();
    }

    @Override
    public void close() {
        studio.close();
        if (publisher != null) closeQuietly(publisher);
        if (backend != null) backend.close();
    }

    private static void closeQuietly(VideoPublisher publisher) {
        try {
            publisher.close();
        } catch (Exception ignored) {
            // closing a loopback file server cannot lose anything
        }
    }
}
