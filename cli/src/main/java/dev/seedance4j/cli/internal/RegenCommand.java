package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.ShotKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seedance regen PROJECT.yaml EPISODE/SHOT [--seed N]}: a new take of one shot, picked for its episode. */
@Command(name = "regen", mixinStandardHelpOptions = true, description = "Make a new take of one shot and pick it.")
public final class RegenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Mixin
    ServiceOptions service;

    @Mixin
    OutputOptions output;

    @Mixin
    AssemblyOptions assembly;

    @Parameters(index = "1", paramLabel = "EPISODE/SHOT", description = "e.g. ep01/s03")
    String shot;

    @Option(names = "--seed", description = "seed of the new take (default: a new seed no take of the shot used)")
    Long seed;

    @Override
    public Integer call() {
        try (StudioSession session = StudioSession.online(spec, project, service, assembly::check)) {
            ShotKey key = shotOf(session, shot);
            return ProjectRun.execute(
                    spec,
                    session,
                    output,
                    assembly,
                    (studio, listener) -> studio.regen(key.episode(), key.shot(), seed, listener));
        }
    }

    /** {@code EPISODE/SHOT}, checked against the project so that a typo is a usage error naming the shots. */
    static ShotKey shotOf(StudioSession session, String text) {
        ShotKey key;
        try {
            key = ShotKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        if (session.studio().project().shot(key).isEmpty()) {
            throw new UserError(
                    ExitCodes.BAD_INPUT,
                    "the project has no shot " + key + " (shots: "
                            + session.studio().project().shots().stream()
                                    .map(s -> s.key().toString())
                                    .limit(20)
                                    .toList()
                            + (session.studio().project().shots().size() > 20 ? " …" : "") + ")");
        }
        return key;
    }
}
