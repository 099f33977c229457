package dev.seedance4j.cli.internal;

import dev.seedance4j.export.ExportFormat;
import dev.seedance4j.studio.AssemblyReport;
import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.Studio;
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
        // a typo in --export is reported before anything is spent
        ExportFormat export = assembly.export == null ? null : ExportOutput.format("--export", assembly.export);
        if (export != null && assembly.skip) {
            throw new UserError(ExitCodes.BAD_INPUT, "--export needs the episodes assembled; drop --no-assemble");
        }
        Studio studio = session.studio();
        Plan plan = Admission.plan(studio);
        ProgressView view = ProgressView.create(
                output, spec.commandLine().getOut(), spec.commandLine().getErr(), plan);
        RunReport report = Admission.run(() -> run.apply(studio, view));
        AssemblyReport episodes = assembly.skip ? null : studio.assemble(assembly.settings(), view);
        int code = RunSummary.print(
                studio,
                report,
                episodes,
                Duration.between(start, Instant.now()),
                session.isEmulator(),
                output.json(),
                output.jsonLines(),
                spec.commandLine().getOut());
        // with --json or --json-lines stdout carries only the summary, so the export's lines go to stderr
        if (export != null) {
            boolean machine = output.json() || output.jsonLines();
            ExportOutput.afterRun(
                    studio,
                    export,
                    machine ? spec.commandLine().getErr() : spec.commandLine().getOut());
        }
        return code;
    }
}
