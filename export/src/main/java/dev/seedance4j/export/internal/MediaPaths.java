package dev.seedance4j.export.internal;

import java.nio.file.Path;

/** How a timeline file names its media: relative to itself where the format allows, else as an absolute URL. */
final class MediaPaths {

    private MediaPaths() {}

    /** {@code file} relative to {@code folder} with {@code /} separators, or absolute when they share no root. */
    static String relative(Path folder, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return folder.toAbsolutePath()
                    .normalize()
                    .relativize(absolute)
                    .toString()
                    .replace('\\', '/');
        } catch (IllegalArgumentException differentRoot) {
            return absolute.toString();
        }
    }

    /** {@code file:///…} with non-ASCII characters and spaces percent-encoded, as FCPXML and OTIO readers expect. */
    static String fileUrl(Path file) {
        return file.toAbsolutePath().normalize().toUri().toASCIIString();
    }
}
