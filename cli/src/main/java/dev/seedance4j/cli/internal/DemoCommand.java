package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.Studio;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seedance demo}: the sample AI comic episode, generated on an in-process emulator (nothing is paid) into
 * {@code out/demo/}. Running it again reuses every clip.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the sample project on the embedded emulator into out/demo/ (nothing is paid).")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    AssemblyOptions assembly;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "out/demo",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--time-scale",
            paramLabel = "X",
            defaultValue = "0.01",
            description = "Emulator run-time multiplier; 1 = as slow as the real service (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Override
    public Integer call() {
        Path folder = RootContext.workingDirectory(spec).resolve(out).normalize();
        ProjectOptions project = new ProjectOptions();
        project.project = DemoFiles.extract(folder.resolve("project"));
        project.outputDir = folder;
        EngineOptions engine = new EngineOptions();
        engine.concurrency = 10;
        engine.requestsPerMinute = 600;
        ConnectionOptions connection = new ConnectionOptions();
        connection.emulator = true;
        connection.timeScale = timeScale;
        try (StudioSession session =
                StudioSession.online(spec, project, engine, java.util.Optional.empty(), connection, assembly::check)) {
            return ProjectRun.execute(spec, session, output, assembly, Studio::run);
        }
    }
}
