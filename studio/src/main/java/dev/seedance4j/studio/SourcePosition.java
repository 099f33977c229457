package dev.seedance4j.studio;

import java.nio.file.Path;

/** Where something was written: a file and a 1-based line and column, as editors show them. */
public record SourcePosition(Path file, int line, int column) {

    @Override
    public String toString() {
        return file.getFileName() + ":" + line + ":" + column;
    }
}
