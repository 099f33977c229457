package dev.seedance4j.studio.internal.plan;

import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.internal.LocalMedia;
import java.nio.file.Path;

/** Where one input of a compiled request comes from; resolved to a URL only when the request is sent. */
public sealed interface Source {

    /** A local image or audio file: sent as a data URL. */
    record LocalFile(Path path, String sha256, Path realFolder) implements Source {
        /** The file to read for sending, checked again now (see {@link LocalMedia}). */
        public Path checkedPath() {
            return checked(path, realFolder);
        }
    }

    /** A local video: sent as the URL a {@code VideoPublisher} gives it. */
    record LocalVideo(Path path, String sha256, double seconds, Path realFolder) implements Source {
        /** The file to publish for sending, checked again now (see {@link LocalMedia}). */
        public Path checkedPath() {
            return checked(path, realFolder);
        }
    }

    /** An https URL or asset id: sent as written. */
    record Remote(String url) implements Source {}

    /**
     * The generated reference sheet of a character or scene (see {@code internal.sheets}): {@code identity} is the
     * planned sheet's; {@code file} and {@code sha256} are the image its shots use, null until it is made.
     */
    record Sheet(String name, String identity, Path file, String sha256) implements Source {
        /** The image to send; a sheet that was not made cannot be sent. */
        public Path made() {
            if (file == null || sha256 == null) {
                throw new StudioException("the reference sheet of " + name + " has not been made; nothing was sent");
            }
            return file;
        }
    }

    /** The last frame of another shot (for {@code after:}). */
    record LastFrameOf(ShotKey shot) implements Source {}

    /** The clip of another shot (for {@code edit:} and {@code extend:}), {@code seconds} long as planned. */
    record ClipOf(ShotKey shot, int seconds) implements Source {}

    /**
     * A file may have been replaced since the project was read (by a link to a file outside the project, or by a
     * far larger file): what is read is checked where it is read.
     */
    private static Path checked(Path path, Path realFolder) {
        try {
            String written =
                    path.startsWith(realFolder) ? realFolder.relativize(path).toString() : path.toString();
            return LocalMedia.realPath(path, realFolder, written);
        } catch (LocalMedia.Refused e) {
            throw new StudioException(e.getMessage() + "; nothing was sent for it");
        }
    }
}
