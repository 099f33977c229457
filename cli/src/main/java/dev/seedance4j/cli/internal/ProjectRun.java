package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.AssemblyReport;
import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.assembly.AssemblySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;

/** What run, regen and demo share: admission, the progress view, the run itself and the summary. */
final class ProjectRun {

    private ProjectRun() {}

    static int execute(
            CommandSpec spec,
            StudioSession session,
            OutputOptions output,
            AssemblyOptions assembly,
            BiFunction<Studio, RunListener, RunReport> run) {
        Instant start = Instant.now();
        Studio studio = session.studio();
        AssemblySettings settings = assembly.skip ? null : assembly.settings();
        Plan plan = Admission.plan(studio);
        ProgressView view = ProgressView.create(
                output, spec.commandLine().getOut(), spec.commandLine().getErr(), plan);
        RunReport report;
        AssemblyReport episodes;
        try (Interruption interruption = Interruption.watch(spec, session, view)) {
            report = Admission.run(() -> run.apply(studio, view));
            episodes = settings == null ? null : studio.assemble(settings, view);
        }
        return RunSummary.print(
                studio,
                report,
                episodes,
                Duration.between(start, Instant.now()),
                session.isEmulator(),
                output.json(),
                output.jsonLines(),
                spec.commandLine().getOut());
    }
}
