package dev.seedance4j.cli.internal;

import dev.seedance4j.export.ExportFormat;
import dev.seedance4j.studio.AssemblyReport;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.assembly.AssemblyListener;
import dev.seedance4j.studio.assembly.AssemblySettings;
import dev.seedance4j.studio.assembly.EpisodeResult;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seedance pick PROJECT.yaml EPISODE/SHOT TAKE}: choose the take an episode uses, then assemble that
 * episode again (with the assembly flags given, as {@code run} takes them), unless {@code --no-assemble}.
 */
@Command(
        name = "pick",
        mixinStandardHelpOptions = true,
        description = "Choose which take of a shot its episode uses, and assemble the episode again.")
public final class PickCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Mixin
    AssemblyOptions assembly;

    @Parameters(index = "1", paramLabel = "EPISODE/SHOT", description = "e.g. ep01/s03")
    String shot;

    @Parameters(index = "2", paramLabel = "TAKE", description = "take number, as `status` shows")
    int take;

    @Override
    public Integer call() {
        try (StudioSession session = StudioSession.offline(spec, project, Optional.empty())) {
            ShotKey key = RegenCommand.shotOf(session, shot);
            ExportFormat export = assembly.exportFormat();
            AssemblySettings settings =
                    assembly.skip ? null : assembly.settings(session.studio().project());
            try {
                session.studio().pick(key.episode(), key.shot(), take);
            } catch (StudioException e) {
                throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(key + " now uses take " + take);
            if (settings == null) {
                out.println("Episode " + key.episode() + " is assembled again by the next `seedance run "
                        + project.project() + "`.");
                return ExitCodes.OK;
            }
            AssemblyReport report = session.studio().assemble(settings, AssemblyListener.NONE);
            Optional<EpisodeResult> episode = report.episodes().stream()
                    .filter(e -> e.episodeId().equals(key.episode()))
                    .findFirst();
            if (episode.isPresent()) {
                out.println("Episode " + key.episode() + " assembled again: "
                        + episode.get().video());
            } else {
                out.println("Episode " + key.episode() + " is not assembled yet: it lacks "
                        + report.incomplete().get(key.episode()));
            }
            if (export != null) ExportOutput.afterRun(session.studio(), export, out);
            return ExitCodes.OK;
        }
    }
}
