package dev.seedance4j.cli;

import dev.seedance4j.cli.internal.BenchCommand;
import dev.seedance4j.cli.internal.DemoCommand;
import dev.seedance4j.cli.internal.EmulatorCommand;
import dev.seedance4j.cli.internal.ExitCodes;
import dev.seedance4j.cli.internal.ExportCommand;
import dev.seedance4j.cli.internal.GenerateCommand;
import dev.seedance4j.cli.internal.PickCommand;
import dev.seedance4j.cli.internal.PlanCommand;
import dev.seedance4j.cli.internal.RegenCommand;
import dev.seedance4j.cli.internal.RootContext;
import dev.seedance4j.cli.internal.RunCommand;
import dev.seedance4j.cli.internal.StatusCommand;
import dev.seedance4j.cli.internal.TasksCommand;
import dev.seedance4j.cli.internal.UserError;
import dev.seedance4j.client.AuthenticationException;
import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.PermissionDeniedException;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.client.Violation;
import dev.seedance4j.studio.ProjectException;
import dev.seedance4j.studio.StudioException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code seedance} command. {@link #main} is the entry point of the fat jar; {@link #execute} runs a command
 * line in-process with the given output streams and environment, which is how the tests call it.
 *
 * <p>Exit codes: 0 all delivered, 1 some shots failed (each with a reason code), 2 usage or bad input, 3 refused by
 * admission or budget, 4 authentication or configuration.
 */
@Command(
        name = "seedance",
        mixinStandardHelpOptions = true,
        versionProvider = SeedanceCli.Version.class,
        description = "From a written script to finished episodes with Seedance 2.0 (Volcengine Ark).",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            PlanCommand.class,
            StatusCommand.class,
            RegenCommand.class,
            PickCommand.class,
            ExportCommand.class,
            GenerateCommand.class,
            TasksCommand.class,
            EmulatorCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all delivered",
            "1:some shots failed (reason-coded)",
            "2:usage or bad input",
            "3:refused by admission or budget",
            "4:authentication or configuration"
        })
public final class SeedanceCli implements RootContext {

    private final Map<String, String> environment;

    private SeedanceCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err, System.getenv()));
    }

    /** Runs one command line and returns its exit code; nothing is written outside {@code out} and {@code err}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new SeedanceCli(environment));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("seedance: " + describe(e));
            commandLine.getErr().flush();
            return exitCodeOf(e);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Exception e) {
        if (e instanceof ValidationException v) {
            StringBuilder b = new StringBuilder("the request is invalid, nothing was sent:");
            for (Violation violation : v.violations())
                b.append(System.lineSeparator()).append("  - ").append(violation);
            return b.toString();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static int exitCodeOf(Exception e) {
        if (e instanceof UserError u) return u.exitCode();
        // A project file that cannot be read, a take or task that does not exist.
        if (e instanceof ValidationException
                || e instanceof ProjectException
                || e instanceof StudioException
                || e instanceof NotFoundException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof AuthenticationException || e instanceof PermissionDeniedException) {
            return ExitCodes.AUTH_OR_CONFIG;
        }
        return ExitCodes.SOME_FAILED;
    }

    /** The version from the jar's manifest (absent when run from classes). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SeedanceCli.class.getPackage().getImplementationVersion();
            return new String[] {"seedance " + (v == null ? "(development build)" : v)};
        }
    }
}
