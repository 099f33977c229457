package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.BudgetExceededException;
import dev.seedance4j.studio.SheetView;
import dev.seedance4j.studio.StudioException;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seedance sheets PROJECT.yaml [--emulator] [--only NAME]}: makes the reference sheets of characters and
 * scenes described in words (or a new take of them, with {@code --regen}, {@code --seed} or {@code --style}) and
 * prints where they are.
 */
@Command(
        name = "sheets",
        mixinStandardHelpOptions = true,
        description = "Make or refresh the reference sheets of characters and scenes described in words (Seedream),"
                + " and print where they are.")
public final class SheetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Mixin
    ServiceOptions service;

    @Option(names = "--only", paramLabel = "NAME", description = "only this character or scene (repeatable)")
    List<String> only = List.of();

    @Option(names = "--regen", description = "make a new take of each sheet in scope and use it")
    boolean regen;

    @Option(names = "--seed", description = "seed of the new take (implies --regen)")
    Long seed;

    @Option(
            names = "--style",
            description = "style of the new take: anime, comic, 3d, realistic or any words (implies --regen)")
    String style;

    @Option(names = "--pick", paramLabel = "TAKE", description = "use this take of the sheet named by --only")
    Integer pick;

    @Override
    public Integer call() {
        Set<String> names = new LinkedHashSet<>(only);
        if (pick != null && names.size() != 1) {
            throw new UserError(ExitCodes.BAD_INPUT, "--pick needs exactly one --only NAME");
        }
        if (style != null && style.isBlank()) {
            throw new UserError(ExitCodes.BAD_INPUT, "--style needs a value: anime, comic, 3d, realistic or any words");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (StudioSession session = pick != null
                ? StudioSession.offline(spec, project, service.budget.value())
                : StudioSession.online(spec, project, service, loaded -> {})) {
            List<SheetView> sheets;
            try {
                if (pick != null) {
                    session.studio().pickSheet(names.iterator().next(), pick);
                    sheets = session.studio().sheets().stream()
                            .filter(v -> names.contains(v.name()))
                            .toList();
                } else {
                    session.markState();
                    sheets = session.studio()
                            .makeSheets(
                                    names,
                                    regen || seed != null || style != null,
                                    seed,
                                    style,
                                    event -> out.println(Wording.forCli(event.toString())));
                }
            } catch (BudgetExceededException e) {
                throw new UserError(ExitCodes.REFUSED, e.getMessage());
            } catch (StudioException e) {
                throw new UserError(
                        e.getMessage().startsWith("refused") ? ExitCodes.REFUSED : ExitCodes.BAD_INPUT, e.getMessage());
            }
            if (session.studio().sheets().isEmpty()) {
                out.println("No sheets: a sheet is made for a character or scene with description: and no images:.");
                return ExitCodes.OK;
            }
            out.printf("%-16s %-10s %-10s %5s %5s  %s%n", "sheet", "kind", "state", "take", "takes", "image / reason");
            boolean failed = false;
            for (SheetView v : sheets) {
                failed |= !v.state().equals("delivered");
                out.printf(
                        "%-16s %-10s %-10s %5s %5d  %s%n",
                        v.name(),
                        v.kind(),
                        v.state(),
                        v.take() == null ? "-" : v.take(),
                        v.takes(),
                        v.image() != null ? v.image() : v.reason() == null ? "" : v.reason() + ": " + v.message());
            }
            if (pick != null || regen || seed != null || style != null) {
                out.println("The shots that use a new sheet are made again by the next `seedance run " + project.project
                        + "`.");
            }
            return failed ? ExitCodes.SOME_FAILED : ExitCodes.OK;
        }
    }
}
