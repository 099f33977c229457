package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.Charges;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seedance import SCRIPT}: reads a script (the Chinese short-drama convention or Fountain), matches its cast
 * to the project, breaks it into shots and writes the project file; prints the diagnostics and the shot table.
 * Spends nothing without {@code --llm}.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Turn a script (短剧剧本 or Fountain) into a project file: cast, scenes and shots.")
public final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The script file (.md, .txt or .fountain).")
    Path script;

    @Mixin
    ImportOptions imports;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "With --llm: the state folder whose ledger records the chat calls (default: out/<name>"
                    + " beside the project file, where run keeps it).")
    Path out;

    /** With --llm: the store whose ledger records the chat calls, as run would use it. */
    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        Path dir = RootContext.workingDirectory(spec);
        Path scriptFile = dir.resolve(script).toAbsolutePath().normalize();
        Path projectFile = imports.projectFile(dir, scriptFile);
        imports.episodeRange();
        imports.format();
        Map<String, String> env = RootContext.environment(spec);
        store.check(env);
        if (imports.llm == null) {
            ScriptImport.run(
                    ScriptImport.importer(imports, null, null),
                    scriptFile,
                    projectFile,
                    false,
                    spec.commandLine().getOut());
            return ExitCodes.OK;
        }
        Path state = out != null ? dir.resolve(out).normalize() : Studio.defaultOutputDir(projectFile);
        try (Backend backend = Backend.open(connection, env);
                Charges ledger = Charges.open(
                        state, store.applyTo(StudioOptions.builder(), env).build())) {
            ScriptImport.run(
                    ScriptImport.importer(imports, backend.client(), ledger),
                    scriptFile,
                    projectFile,
                    backend.isEmulator(),
                    spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
