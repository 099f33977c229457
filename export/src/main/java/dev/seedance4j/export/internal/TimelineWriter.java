package dev.seedance4j.export.internal;

import dev.seedance4j.export.ExportFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Writes one episode's cut in one format into a folder. */
public interface TimelineWriter {

    /**
     * @return every file written, the one to open first (for a draft, the draft folder)
     */
    List<Path> write(Cut cut, Path folder, Context context) throws IOException;

    /** The files (or draft folder) {@link #write} replaces in {@code folder}. */
    List<Path> targets(Cut cut, Path folder, Context context);

    /**
     * What a writer needs besides the cut.
     *
     * @param format           the format asked for (Jianying and CapCut share a writer)
     * @param subtitleLanguage a BCP 47 tag
     * @param draftRoot        the editor's draft root, or null for paths relative to the draft
     * @param zip              whether a draft is also packed into a ZIP
     * @param clock            for the timestamps a draft carries
     */
    record Context(ExportFormat format, String subtitleLanguage, String draftRoot, boolean zip, Clock clock) {}

    /** The writer of {@code format}. */
    static TimelineWriter of(ExportFormat format) {
        return switch (format) {
            case JIANYING, CAPCUT -> new JianyingDraftWriter();
            case OTIO -> new OtioWriter(false);
            case OTIOZ -> new OtioWriter(true);
            case FCPXML -> new FcpxmlWriter();
            case MLT -> new MltWriter();
        };
    }
}
