package dev.seedance4j.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seedance demo}: {@code seedance make} of the sample script ({@code examples/demo/script.md}, two episodes)
 * on an in-process emulator (nothing is paid) into {@code out/demo/}. Running it again reuses every clip.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Make the sample script's two episodes on the embedded emulator into out/demo/ (nothing is paid).")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    AssemblyOptions assembly;

    @Mixin
    LiveBoardOption live;

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
        Path script = DemoFiles.extract(folder.resolve("project")).resolveSibling("script.md");
        ImportOptions imports = new ImportOptions();
        imports.output = script.resolveSibling("project.yaml");
        ServiceOptions service = new ServiceOptions();
        service.engine.concurrency = 10;
        service.engine.requestsPerMinute = 600;
        service.connection.emulator = true;
        service.connection.timeScale = timeScale;
        return MakeCommand.make(spec, script, imports, folder, service, output, assembly, live);
    }
}
