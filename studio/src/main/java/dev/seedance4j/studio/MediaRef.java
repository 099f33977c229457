package dev.seedance4j.studio;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A piece of media a shot refers to: a local file inside the project folder, a remote URL or platform asset that
 * passes through untouched, or the output of another shot ({@code edit:} and {@code extend:} may name shots).
 */
public sealed interface MediaRef {

    /** Where the reference was written in the project file. */
    SourcePosition position();

    /** A file inside the project folder (already resolved and checked to stay inside it). */
    record LocalFile(Path path, String written, SourcePosition position) implements MediaRef {
        public LocalFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** An {@code https://} (or {@code http://}) URL or an {@code asset://} id, sent to the service as written. */
    record Remote(String url, SourcePosition position) implements MediaRef {
        public boolean isAsset() {
            return url.startsWith("asset://");
        }
    }

    /** The generated clip of another shot. */
    record ShotOutput(ShotKey shot, SourcePosition position) implements MediaRef {}
}
