package dev.seedance4j.cli.internal;

import dev.seedance4j.storyboard.ScriptImporter;
import dev.seedance4j.studio.Charges;
import dev.seedance4j.studio.Studio;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seedance make SCRIPT}: from a script to finished episodes in one command: import (skipped when the project
 * was imported from this very script with these settings), plan, admission, run and assembly. Resumable like
 * {@code run}: run it again after a stop and nothing is paid twice; its exit codes are run's (a fatal script
 * diagnostic is 2).
 */
@Command(
        name = "make",
        mixinStandardHelpOptions = true,
        description = "From a script to finished episodes: import, plan, admission, run, assemble (resumes like run).")
public final class MakeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "The script file (.md, .txt or .fountain).")
    Path script;

    @Mixin
    ImportOptions imports;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output folder: state, clips and episodes (default: out/<name> beside the project file).")
    Path out;

    @Mixin
    ServiceOptions service;

    @Mixin
    OutputOptions output;

    @Mixin
    AssemblyOptions assembly;

    @Mixin
    LiveBoardOption live;

    @Override
    public Integer call() {
        Path dir = RootContext.workingDirectory(spec);
        return make(
                spec,
                dir.resolve(script).toAbsolutePath().normalize(),
                imports,
                out == null ? null : dir.resolve(out).normalize(),
                service,
                output,
                assembly,
                live);
    }

    /** The whole of make, also for {@code seedance demo}. */
    static int make(
            CommandSpec spec,
            Path scriptFile,
            ImportOptions imports,
            Path outDir,
            ServiceOptions service,
            OutputOptions output,
            AssemblyOptions assembly,
            LiveBoardOption live) {
        Path dir = RootContext.workingDirectory(spec);
        Path projectFile = imports.projectFile(dir, scriptFile);
        // every flag is checked before anything is imported, started or spent
        service.engine.check();
        service.budget.value();
        assembly.checkBeforeImport();
        imports.episodeRange();
        imports.format();
        live.check();
        Path state = outDir != null ? outDir : Studio.defaultOutputDir(projectFile);
        // with --json the import's report goes to stderr: stdout carries only the run's document
        PrintWriter report = output.json() || output.jsonLines()
                ? spec.commandLine().getErr()
                : spec.commandLine().getOut();
        Backend importBackend =
                imports.llm == null ? null : Backend.open(service.connection, RootContext.environment(spec));
        try (Charges ledger = imports.llm == null ? null : Charges.open(state)) {
            ScriptImporter importer =
                    ScriptImport.importer(imports, importBackend == null ? null : importBackend.client(), ledger);
            if (importer.isUpToDate(scriptFile, projectFile)) {
                report.println(projectFile.getFileName() + " is up to date with " + scriptFile.getFileName()
                        + " (imported before; `seedance import` imports it again)");
            } else {
                ScriptImport.run(
                        importer, scriptFile, projectFile, importBackend != null && importBackend.isEmulator(), report);
            }
        } finally {
            if (importBackend != null) importBackend.close();
        }
        ProjectOptions project = new ProjectOptions();
        project.project = projectFile;
        project.outputDir = state;
        return ProjectRun.runAll(spec, project, service, output, assembly, live);
    }
}
