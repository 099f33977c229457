package dev.seedance4j.cli;

import dev.seedance4j.cli.internal.BenchCommand;
import dev.seedance4j.cli.internal.DemoCommand;
import dev.seedance4j.cli.internal.EmulatorCommand;
import dev.seedance4j.cli.internal.ExitCodes;
import dev.seedance4j.cli.internal.ExportCommand;
import dev.seedance4j.cli.internal.Failures;
import dev.seedance4j.cli.internal.GenerateCommand;
import dev.seedance4j.cli.internal.ImportCommand;
import dev.seedance4j.cli.internal.Json;
import dev.seedance4j.cli.internal.MakeCommand;
import dev.seedance4j.cli.internal.PickCommand;
import dev.seedance4j.cli.internal.PlanCommand;
import dev.seedance4j.cli.internal.RegenCommand;
import dev.seedance4j.cli.internal.RootContext;
import dev.seedance4j.cli.internal.RunCommand;
import dev.seedance4j.cli.internal.ServeCommand;
import dev.seedance4j.cli.internal.SheetsCommand;
import dev.seedance4j.cli.internal.StatusCommand;
import dev.seedance4j.cli.internal.TasksCommand;
import dev.seedance4j.cli.internal.UserError;
import dev.seedance4j.cli.internal.Wording;
import dev.seedance4j.cli.internal.WorkerCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParseResult;

/**
 * The {@code seedance} command. {@link #main} is the entry point of the fat jar; {@link #execute} runs a command
 * line in-process with the given output streams and environment, which is how the tests call it.
 *
 * <p>Exit codes: 0 all delivered, 1 some shots failed (each with a reason code) or another failure, 2 usage or bad
 * input (a flag, a project file), 3 refused by the budget, 4 authentication or configuration.
 */
@Command(
        name = "seedance",
        mixinStandardHelpOptions = true,
        versionProvider = SeedanceCli.Version.class,
        description = "From a written script to finished episodes with Seedance 2.0 (Volcengine Ark).",
        subcommands = {
            DemoCommand.class,
            ImportCommand.class,
            MakeCommand.class,
            RunCommand.class,
            PlanCommand.class,
            StatusCommand.class,
            RegenCommand.class,
            ServeCommand.class,
            PickCommand.class,
            SheetsCommand.class,
            ExportCommand.class,
            GenerateCommand.class,
            TasksCommand.class,
            WorkerCommand.class,
            EmulatorCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all delivered",
            "1:some shots failed (reason-coded)",
            "2:usage or bad input (a flag, a project file, a fatal script diagnostic)",
            "3:refused by the budget (nothing was sent), or stopped at it",
            "4:authentication or configuration (ARK_API_KEY, ARK_BASE_URL, SEEDANCE_S3_*)"
        })
public final class SeedanceCli implements RootContext {

    private final Map<String, String> environment;
    private final Path workingDirectory;

    private SeedanceCli(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err, System.getenv()));
    }

    /** Runs one command line and returns its exit code; nothing is written outside {@code out} and {@code err}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return execute(args, out, err, environment, Path.of(""));
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter, Map)}, in the given current folder. */
    public static int execute(
            String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDirectory) {
        CommandLine cli = new CommandLine(new SeedanceCli(environment, workingDirectory));
        cli.setOut(out);
        cli.setErr(err);
        everyCommand(cli, c -> c.getCommandSpec().versionProvider(new Version()));
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> fail(Failures.of(e), commandLine, JsonRequest.of(leaf(parseResult))));
        cli.setParameterExceptionHandler((e, arguments) -> {
            UserError error = new UserError(
                    ExitCodes.BAD_INPUT,
                    Wording.forCli(e.getMessage()) + " (see "
                            + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return fail(error, e.getCommandLine(), JsonRequest.of(e.getCommandLine(), arguments));
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int fail(UserError error, CommandLine commandLine, JsonRequest json) {
        commandLine.getErr().println("seedance: " + error.getMessage());
        commandLine.getErr().flush();
        if (json == JsonRequest.DOCUMENT) {
            commandLine.getOut().println(Json.pretty(Failures.document(error)));
        } else if (json == JsonRequest.LINES) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("event", "error");
            line.putAll(Failures.document(error));
            commandLine.getOut().println(Json.line(line));
        }
        commandLine.getOut().flush();
        return error.exitCode();
    }

    /** Whether a failed command was asked for JSON: one document, or JSON lines. */
    private enum JsonRequest {
        NONE,
        DOCUMENT,
        LINES;

        static JsonRequest of(ParseResult result) {
            if (result.hasMatchedOption("--json-lines")) return LINES;
            // bench's --json names a file; only the flag without a value asks for a document
            if (result.hasMatchedOption("--json")
                    && result.matchedOption("--json").arity().max() == 0) return DOCUMENT;
            return NONE;
        }

        /** For a command line that could not be parsed: the words as given. */
        static JsonRequest of(CommandLine command, String[] arguments) {
            List<String> words = List.of(arguments);
            if (words.contains("--json-lines")) return LINES;
            if (words.contains("--json")
                    && command.getCommandSpec().findOption("--json") != null
                    && command.getCommandSpec().findOption("--json").arity().max() == 0) return DOCUMENT;
            return NONE;
        }
    }

    private static ParseResult leaf(ParseResult result) {
        ParseResult leaf = result;
        while (leaf.subcommand() != null) leaf = leaf.subcommand();
        return leaf;
    }

    private static void everyCommand(CommandLine command, java.util.function.Consumer<CommandLine> action) {
        action.accept(command);
        command.getSubcommands().values().forEach(sub -> everyCommand(sub, action));
    }

    /** The version the build wrote into the jar (version.properties, filtered by Maven). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = SeedanceCli.class.getResourceAsStream("version.properties")) {
                if (in != null) p.load(in);
            } catch (IOException e) {
                // the version is reported as unknown below
            }
            return new String[] {
                "seedance " + p.getProperty("version", "(unknown version)"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
