package dev.seedance4j.cli.internal;

import dev.seedance4j.export.ExportFormat;
import dev.seedance4j.export.ExportReport;
import dev.seedance4j.export.ExportSettings;
import dev.seedance4j.export.ExportedEpisode;
import dev.seedance4j.export.TimelineExport;
import dev.seedance4j.studio.Studio;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Exports a project's episodes for {@code seedance export} and {@code --export}, and prints what was written. */
final class ExportOutput {

    private ExportOutput() {}

    /** The format named by {@code flag}, or a usage error naming the flag and the formats there are. */
    static ExportFormat format(String flag, String name) {
        try {
            return ExportFormat.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, flag + ": " + e.getMessage());
        }
    }

    /** Exports the assembled episodes after a run, with the default settings, and prints one line per episode. */
    static void afterRun(Studio studio, ExportFormat format, PrintWriter out) {
        print(TimelineExport.project(studio, format, ExportSettings.defaults()), out, out);
    }

    static void print(ExportReport report, PrintWriter out, PrintWriter err) {
        for (ExportedEpisode episode : report.exported()) {
            out.println("exported " + episode.episodeId() + " as "
                    + episode.format().description() + ": "
                    + episode.path()
                    + episode.archive().map(zip -> " (ZIP: " + zip + ")").orElse(""));
        }
        report.skipped().forEach((episode, why) -> err.println("not exported: " + why));
    }

    static Map<String, Object> json(ExportFormat format, ExportReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", format.id());
        doc.put(
                "exported",
                report.exported().stream()
                        .map(e -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("episode", e.episodeId());
                            m.put("path", e.path().toString());
                            e.archive().ifPresent(zip -> m.put("zip", zip.toString()));
                            m.put(
                                    "files",
                                    e.files().stream().map(Object::toString).toList());
                            return m;
                        })
                        .toList());
        doc.put("skipped", report.skipped());
        return doc;
    }
}
