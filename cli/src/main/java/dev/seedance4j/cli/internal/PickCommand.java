package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.ShotKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seedance pick PROJECT.yaml EPISODE/SHOT TAKE}: choose the take an episode uses. */
@Command(name = "pick", mixinStandardHelpOptions = true, description = "Choose which take of a shot its episode uses.")
public final class PickCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Parameters(index = "1", paramLabel = "EPISODE/SHOT", description = "e.g. ep01/s03")
    String shot;

    @Parameters(index = "2", paramLabel = "TAKE", description = "take number, as `status` shows")
    int take;

    @Override
    public Integer call() {
        ShotKey key = RegenCommand.parse(shot);
        try (StudioSession session = StudioSession.offline(project)) {
            session.studio().pick(key.episode(), key.shot(), take);
            spec.commandLine().getOut().println(key + " now uses take " + take);
            return ExitCodes.OK;
        }
    }
}
