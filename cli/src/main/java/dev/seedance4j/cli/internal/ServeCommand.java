package dev.seedance4j.cli.internal;

import dev.seedance4j.board.Board;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code seedance serve PROJECT.yaml}: the review board of a project, until Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the review board of a project: every shot live, playable and regenerable in a browser.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Mixin
    EngineOptions engine;

    @Mixin
    BudgetOption budget;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BoardOptions board;

    @Override
    public Integer call() throws InterruptedException {
        StudioSession session = StudioSession.online(spec, project, engine, budget.value(), connection, loaded -> {});
        Board served;
        try {
            served = board.start(session.studio(), spec.commandLine().getOut());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        spec.commandLine().getOut().println("Ctrl-C stops the board.");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            served.close();
            session.close();
            stopped.countDown();
        }, "board-stop"));
        stopped.await(); // Ctrl-C: the JVM exits with 130 (128 + SIGINT) once the hook has closed everything
        return 130;
    }
}
