package dev.seedance4j.cli.internal;

import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.EmulatorMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code seedance emulator}: runs the local Seedance service until interrupted. The flags are the emulator's own
 * ({@code --port}, {@code --time-scale}, {@code --faults}, ...), parsed by the emulator so that
 * {@code java -jar seedance4j-emulator-*-all.jar} and this command never disagree.
 */
@Command(
        name = "emulator",
        description = "Run the local Seedance emulator (--help for its flags).",
        helpCommand = false)
public final class EmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Emulator.Builder builder;
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        try {
            builder = EmulatorMain.parse(
                    args.toArray(String[]::new),
                    new PrintStream(help, true, StandardCharsets.UTF_8),
                    "seedance emulator");
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "emulator: " + e.getMessage() + " (see seedance emulator --help)");
        }
        if (builder == null) { // --help
            spec.commandLine().getOut().print(help.toString(StandardCharsets.UTF_8));
            return ExitCodes.OK;
        }
        Emulator emulator;
        try {
            emulator = builder.build().start();
        } catch (IllegalArgumentException e) { // a model table that is not valid
            throw new UserError(ExitCodes.BAD_INPUT, "emulator: " + e.getMessage());
        } catch (IllegalStateException e) { // its --data-dir is in use
            throw new UserError(ExitCodes.SOME_FAILED, "emulator: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            stopped.countDown();
                        },
                        "emulator-shutdown"));
        spec.commandLine()
                .getOut()
                .println("Seedance emulator listening on " + emulator.baseUrl() + "  (stats: " + emulator.rootUrl()
                        + "/emulator/stats; Ctrl-C stops it)");
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
