package dev.seedance4j.cli.internal;

import dev.seedance4j.board.Board;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
    ServiceOptions service;

    @Mixin
    BoardOptions board;

    @Override
    public Integer call() {
        board.check();
        StudioSession session = StudioSession.online(spec, project, service, loaded -> {});
        Board served;
        try {
            served = board.start(session.studio(), spec.commandLine().getOut());
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        spec.commandLine().getOut().println("Ctrl-C stops the board.");
        spec.commandLine().getOut().flush();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeAll = () -> {
            if (closed.compareAndSet(false, true)) {
                served.close();
                session.close();
            }
        };
        Thread hook = new Thread(closeAll, "board-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await(); // until Ctrl-C (the hook closes everything) or this thread is interrupted
        } catch (InterruptedException e) {
            interrupted = true; // set again once everything is closed: closing waits for threads to end
        } finally {
            closeAll.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return 130; // stopped by Ctrl-C (128 + SIGINT), as shells expect
    }
}
