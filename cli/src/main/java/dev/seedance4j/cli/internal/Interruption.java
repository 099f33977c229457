package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.ShotKey;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What Ctrl-C during a run prints: the shots that were in flight, that nothing is lost, and the command that picks
 * them up again. The JVM then exits with 130 (128 + SIGINT), as shells expect. Tasks go on at the service; the
 * embedded emulator is stopped and keeps its tasks in the output folder, where the next run finds them.
 */
final class Interruption implements AutoCloseable {

    private final Thread hook;

    private Interruption(Thread hook) {
        this.hook = hook;
    }

    static Interruption watch(CommandSpec spec, StudioSession session, ProgressView view) {
        PrintWriter err = spec.commandLine().getErr();
        String resume = "seedance "
                + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        String where = session.studio().outputDir().toString();
        boolean emulator = session.isEmulator();
        Thread hook = new Thread(
                () -> {
                    err.println();
                    err.println(message(view.inFlight(), resume, where, emulator));
                    err.flush();
                    session.stopEmulator();
                },
                "seedance-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Interruption(hook);
    }

    static String message(List<ShotKey> inFlight, String resume, String outputDir, boolean emulator) {
        StringBuilder b = new StringBuilder("seedance: interrupted. ");
        if (inFlight.isEmpty()) {
            b.append("No task was in flight.");
        } else {
            b.append(inFlight.size())
                    .append(inFlight.size() == 1 ? " shot was" : " shots were")
                    .append(" in flight: ")
                    .append(inFlight.stream().map(ShotKey::toString).collect(Collectors.joining(", ")))
                    .append('.');
            b.append(
                    emulator
                            ? " The embedded emulator keeps their tasks in " + outputDir + "/emulator."
                            : " Their tasks go on at the service; the state in " + outputDir + " knows them.");
        }
        b.append(System.lineSeparator())
                .append("Nothing is lost or paid twice: run `")
                .append(resume)
                .append("` again to pick up where this run stopped.");
        return b.toString();
    }

    /** The run ended by itself: Ctrl-C no longer concerns it. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running or has run
        }
    }
}
