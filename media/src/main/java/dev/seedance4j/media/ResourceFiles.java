package dev.seedance4j.media;

import dev.seedance4j.media.internal.UserCache;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Class path resources as real files, because ffmpeg filters only read files ({@code drawtext=fontfile=...},
 * {@code movie=...}). Each resource is copied once into the per-user cache directory, under a directory named after
 * its checksum, atomically; later calls return the same path.
 */
public final class ResourceFiles {

    private ResourceFiles() {}

    /**
     * @param resource a resource URL, e.g. {@code MyClass.class.getResource("fonts/DejaVuSansMono.ttf")}
     * @param fileName the file name to give it (keep the extension: some filters look at it)
     */
    public static Path file(URL resource, String fileName) {
        Objects.requireNonNull(resource, "resource (was the resource name misspelt?)");
        return UserCache.forCurrentUser().materialise(resource, fileName, false);
    }
}
