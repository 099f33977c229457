package dev.seedance4j.export.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The assembler's {@code .srt}, copied beside a timeline for editors that import subtitles as a file. */
final class Subtitles {

    private Subtitles() {}

    static Path copyBeside(Cut cut, Path folder) throws IOException {
        Path target = beside(cut, folder);
        Files.copy(cut.episode().subtitles(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    static Path beside(Cut cut, Path folder) {
        return folder.resolve(cut.episodeId() + ".srt");
    }
}
