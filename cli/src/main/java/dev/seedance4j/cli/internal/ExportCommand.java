package dev.seedance4j.cli.internal;

import dev.seedance4j.export.ExportException;
import dev.seedance4j.export.ExportFormat;
import dev.seedance4j.export.ExportReport;
import dev.seedance4j.export.ExportSettings;
import dev.seedance4j.export.TimelineExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seedance export PROJECT.yaml --format F}: the assembled episodes as editable timelines for an editor
 * (Jianying/CapCut drafts, OTIO, FCPXML, MLT). Reads the assembler's records and the state database; sends nothing.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export assembled episodes as editable timelines: Jianying/CapCut drafts, OTIO, FCPXML, MLT.")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = "jianying, capcut, otio, otioz (with media), fcpxml or mlt.")
    String format;

    @Option(
            names = "--episode",
            paramLabel = "ID",
            description = "Export this episode (repeat for more; default: every assembled one).")
    List<String> episodes = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Folder for the exported files (default: exports/<format>/ in the project's output folder).")
    Path output;

    @Option(
            names = "--draft-root",
            paramLabel = "PATH",
            description = "Jianying/CapCut draft root on the editor's machine; media paths in the draft then point"
                    + " there (default: relative to the draft folder).")
    String draftRoot;

    @Option(names = "--no-zip", description = "Do not pack Jianying/CapCut drafts into a ZIP.")
    boolean noZip;

    @Option(
            names = "--language",
            paramLabel = "TAG",
            defaultValue = "zh",
            description = "Language of the subtitles, a BCP 47 tag (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        ExportFormat chosen = ExportOutput.format("--format", format);
        ExportSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (StudioSession session = StudioSession.offline(spec, project, Optional.empty())) {
            ExportReport report = TimelineExport.project(session.studio(), chosen, settings);
            if (json) out.println(Json.pretty(ExportOutput.json(chosen, report)));
            else ExportOutput.print(report, out, err);
            if (report.exported().isEmpty()) {
                if (!json) err.println("nothing exported: no episode of the project is assembled and current");
                return ExitCodes.SOME_FAILED;
            }
            return ExitCodes.OK;
        } catch (ExportException e) {
            throw new UserError(
                    e.reason() == ExportException.Reason.UNKNOWN_EPISODE ? ExitCodes.BAD_INPUT : ExitCodes.SOME_FAILED,
                    e.reason() == ExportException.Reason.UNKNOWN_EPISODE
                            ? "--episode: " + e.getMessage()
                            : e.getMessage());
        }
    }

    private ExportSettings settings() {
        ExportSettings.Builder b = ExportSettings.builder().episodes(episodes).zip(!noZip);
        if (output != null) b.outputDirectory(output);
        try {
            if (draftRoot != null) b.draftRoot(draftRoot);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "--draft-root: " + e.getMessage());
        }
        try {
            b.subtitleLanguage(language);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "--language: " + e.getMessage());
        }
        return b.build();
    }
}
