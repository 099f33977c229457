package dev.seedance4j.export;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.studio.AssemblyReport;
import dev.seedance4j.studio.LoopbackVideoPublisher;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import dev.seedance4j.studio.assembly.AssemblyListener;
import dev.seedance4j.studio.assembly.AssemblySettings;
import dev.seedance4j.studio.assembly.EpisodeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The repository's demo project (9 shots, every mode, dialogue, sound) generated on the embedded emulator and
 * assembled, once per test JVM: the real episode every export test starts from.
 */
final class DemoEpisode {

    private static DemoEpisode instance;

    final Path folder;
    final Path projectFile;
    final Path outputDir;
    final EpisodeResult episode;

    private DemoEpisode(Path folder, Path projectFile, Path outputDir, EpisodeResult episode) {
        this.folder = folder;
        this.projectFile = projectFile;
        this.outputDir = outputDir;
        this.episode = episode;
    }

    static synchronized DemoEpisode get() {
        if (instance == null) instance = make();
        return instance;
    }

    Project project() {
        return Project.load(projectFile);
    }

    /** The demo's titles and prompts, as the project export takes them. */
    EpisodeLabels labels() {
        Project project = project();
        return TimelineExport.labels(project, project.episodes().get(0));
    }

    /** The demo episode exported with its labels into {@code folder}. */
    ExportedEpisode export(ExportFormat format, Path folder) {
        return export(format, labels(), ExportSettings.builder().outputDirectory(folder));
    }

    ExportedEpisode export(ExportFormat format, EpisodeLabels labels, ExportSettings.Builder settings) {
        return TimelineExport.write(episode, labels, format, settings.build());
    }

    /** Opens the demo's studio for a test (no client: it can plan, show status and export, not run). */
    Studio openStudio() {
        return Studio.open(
                projectFile, StudioOptions.builder().outputDir(outputDir).build());
    }

    private static DemoEpisode make() {
        try {
            Path folder = Files.createTempDirectory("seedance-export-demo");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
            Path project = folder.resolve("project");
            copyTree(Path.of("../examples/demo").toAbsolutePath().normalize(), project);
            Path out = folder.resolve("out");
            try (Emulator emulator = Emulator.builder()
                            .timeScale(0.002)
                            .concurrency(20)
                            .rpm(6000)
                            .build()
                            .start();
                    SeedanceClient client = SeedanceClient.builder()
                            .apiKey("test-key")
                            .baseUrl(emulator.baseUrl())
                            .build();
                    LoopbackVideoPublisher publisher = LoopbackVideoPublisher.start();
                    Studio studio = Studio.open(
                            project.resolve("modes.yaml"),
                            StudioOptions.builder()
                                    .client(client)
                                    .videoPublisher(publisher)
                                    .outputDir(out)
                                    .concurrency(10)
                                    .requestsPerMinute(6000)
                                    .pollInterval(Duration.ofMillis(30), Duration.ofMillis(200))
                                    .build())) {
                RunReport run = studio.run(RunListener.none());
                if (!run.failures().isEmpty()) throw new IllegalStateException("the demo failed: " + run.failures());
                AssemblyReport assembled = studio.assemble(AssemblySettings.defaults(), AssemblyListener.NONE);
                return new DemoEpisode(
                        folder,
                        project.resolve("modes.yaml"),
                        out,
                        assembled.episodes().get(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("making the demo episode failed", e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind harms nothing
        }
    }
}
