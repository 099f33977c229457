package dev.seedance4j.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One episode exported to one format.
 *
 * @param episodeId the episode
 * @param format    the format
 * @param path      what to open or import: the {@code .mlt}, {@code .otio}, {@code .otioz} or {@code .fcpxml}, or the
 *                  draft folder of Jianying/CapCut
 * @param files     everything written, {@code path} first (a draft's ZIP, the subtitles beside the timeline, ...)
 */
public record ExportedEpisode(String episodeId, ExportFormat format, Path path, List<Path> files) {

    public ExportedEpisode {
        files = List.copyOf(files);
    }

    /** The ZIP of a Jianying/CapCut draft, to unpack into the draft root. */
    public Optional<Path> archive() {
        return files.stream()
                .filter(f -> f.getFileName().toString().endsWith(".zip"))
                .findFirst();
    }
}
