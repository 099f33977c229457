package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.LoopbackVideoPublisher;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.S3VideoPublisher;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import dev.seedance4j.studio.VideoPublisher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A studio opened for one command, with what it needs to run: the backend (emulator or real service) and a
 * publisher for local videos (a loopback file server the emulator can fetch; S3-compatible storage for the real
 * service, configured by {@code SEEDANCE_S3_*} variables).
 */
public final class StudioSession implements AutoCloseable {

    private final Studio studio;
    private final Backend backend;
    private final VideoPublisher publisher;

    private StudioSession(Studio studio, Backend backend, VideoPublisher publisher) {
        this.studio = studio;
        this.backend = backend;
        this.publisher = publisher;
    }

    /** A studio that can plan, show status and pick, but not send anything. */
    public static StudioSession offline(ProjectOptions project) {
        return new StudioSession(Studio.open(project.project, options(project).build()), null, null);
    }

    /** A studio that can run, connected as {@code connection} says. */
    public static StudioSession online(ProjectOptions project, ConnectionOptions connection, Map<String, String> env) {
        // Read the project first: a broken file is reported before any key is asked for or emulator started.
        Project.load(project.project);
        Path emulatorData = null;
        if (connection.emulator()) {
            // The embedded emulator keeps its tasks beside the project's state, as the service keeps them: a run
            // that resumes (after Ctrl-C or a crash) finds the tasks it follows.
            try (Studio probe = Studio.open(project.project, options(project).build())) {
                emulatorData = probe.outputDir().resolve("emulator");
            }
        }
        Backend backend = Backend.open(connection, env, emulatorData);
        VideoPublisher publisher = null;
        try {
            publisher = backend.isEmulator() ? LoopbackVideoPublisher.start() : s3Publisher(env);
            StudioOptions.Builder options =
                    options(project).client(backend.client()).videoPublisher(publisher);
            if (backend.isEmulator()) options.pollInterval(Duration.ofMillis(200), Duration.ofSeconds(2));
            return new StudioSession(Studio.open(project.project, options.build()), backend, publisher);
        } catch (RuntimeException e) {
            backend.close();
            if (publisher != null) closeQuietly(publisher);
            throw e;
        }
    }

    private static StudioOptions.Builder options(ProjectOptions project) {
        StudioOptions.Builder b = StudioOptions.builder()
                .concurrency(project.concurrency)
                .requestsPerMinute(project.requestsPerMinute)
                .maxRerolls(project.rerolls);
        if (project.outputDir != null) b.outputDir(project.outputDir);
        if (project.budget != null) b.budgetCny(project.budget);
        return b;
    }

    /** The S3-compatible publisher described by the environment, or null when none is configured. */
    private static VideoPublisher s3Publisher(Map<String, String> env) {
        String bucket = env.get("SEEDANCE_S3_BUCKET");
        if (bucket == null) return null;
        S3VideoPublisher.Builder b = S3VideoPublisher.builder()
                .bucket(bucket)
                .endpoint(URI.create(require(env, "SEEDANCE_S3_ENDPOINT")))
                .accessKey(require(env, "SEEDANCE_S3_ACCESS_KEY"))
                .secretKey(require(env, "SEEDANCE_S3_SECRET_KEY"));
        if (env.containsKey("SEEDANCE_S3_REGION")) b.region(env.get("SEEDANCE_S3_REGION"));
        return b.build();
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new UserError(
                    ExitCodes.AUTH_OR_CONFIG,
                    "SEEDANCE_S3_BUCKET is set but " + name + " is not;"
                            + " local videos need SEEDANCE_S3_ENDPOINT, SEEDANCE_S3_ACCESS_KEY and SEEDANCE_S3_SECRET_KEY too");
        }
        return value;
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
