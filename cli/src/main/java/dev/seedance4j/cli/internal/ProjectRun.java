package dev.seedance4j.cli.internal;

import dev.seedance4j.board.Board;
import dev.seedance4j.export.ExportFormat;
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

/** What run, make, regen and demo share: admission, the progress view, the run itself and the summary. */
final class ProjectRun {

    private ProjectRun() {}

    /** Every shot that has no clip yet (run, make and demo), shown live on the board with {@code --serve}. */
    static int runAll(
            CommandSpec spec,
            ProjectOptions project,
            ServiceOptions service,
            OutputOptions output,
            AssemblyOptions assembly,
            LiveBoardOption live) {
        try (StudioSession session = StudioSession.online(spec, project, service, assembly::check)) {
            Board board = live.startIfAsked(session.studio(), spec.commandLine().getErr());
            try {
                return execute(
                        spec,
                        session,
                        output,
                        assembly,
                        (studio, listener) ->
                                board == null ? studio.run(listener) : board.act("run", () -> studio.run(listener)));
            } finally {
                if (board != null) board.close();
            }
        }
    }

    static int execute(
            CommandSpec spec,
            StudioSession session,
            OutputOptions output,
            AssemblyOptions assembly,
            BiFunction<Studio, RunListener, RunReport> run) {
        Instant start = Instant.now();
        ExportFormat export = assembly.exportFormat();
        Studio studio = session.studio();
        // Every flag is checked before anything is sent: assembly would refuse a bad one after the clips are paid.
        AssemblySettings settings = assembly.skip ? null : assembly.settings(studio.project());
        if (session.stateNote() != null) spec.commandLine().getErr().println("seedance: " + session.stateNote());
        Plan plan = studio.plan();
        ProgressView view = ProgressView.create(
                output, spec.commandLine().getOut(), spec.commandLine().getErr(), plan);
        try (Interruption interruption = Interruption.watch(spec, session, view)) {
            session.markState();
            RunReport report = run.apply(studio, view);
            AssemblyReport episodes = settings == null ? null : studio.assemble(settings, view);
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
                        machine
                                ? spec.commandLine().getErr()
                                : spec.commandLine().getOut());
            }
            return code;
        } catch (RuntimeException e) {
            // With --json the error document says what this run had sent and what the project has spent.
            UserError error = Failures.of(e).with("created", view.created());
            try {
                error.with("spent_cny", studio.status().spentCny());
            } catch (RuntimeException unreadable) {
                // the error itself may be that the state cannot be read; the message says so
            }
            throw error;
        }
    }
}
