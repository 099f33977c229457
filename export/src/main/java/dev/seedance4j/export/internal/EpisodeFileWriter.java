package dev.seedance4j.export.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A timeline written as one file named after the episode ({@code ep01.mlt}), the subtitles beside it. */
abstract class EpisodeFileWriter implements TimelineWriter {

    /** The file's extension, with its dot. */
    abstract String extension();

    /** Writes the timeline into {@code file}, which is in {@code folder}. */
    abstract void writeFile(Cut cut, Path file, Path folder, Context context) throws IOException;

    @Override
    public final List<Path> targets(Cut cut, Path folder, Context context) {
        return List.of(file(cut, folder), Subtitles.beside(cut, folder));
    }

    @Override
    public final List<Path> write(Cut cut, Path folder, Context context) throws IOException {
        Path file = file(cut, folder);
        Path subtitles = Subtitles.copyBeside(cut, folder);
        writeFile(cut, file, folder, context);
        return List.of(file, subtitles);
    }

    private Path file(Cut cut, Path folder) {
        return folder.resolve(cut.episodeId() + extension());
    }
}
