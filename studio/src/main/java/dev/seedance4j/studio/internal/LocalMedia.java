package dev.seedance4j.studio.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a project's local media file passes each time it is read: when the project is parsed, and again when
 * the file is read for sending, because it may have been replaced in between (by a link to a file outside the
 * project, or by a much larger file). The size is checked before a byte is read.
 */
public final class LocalMedia {
    private static final long MB = 1024L * 1024;
    /** The service takes images smaller than 30 MB, audio up to 15 MB and videos up to 50 MB (the contract). */
    public static final long MAX_IMAGE_BYTES = 30 * MB - 1;

    public static final long MAX_AUDIO_BYTES = 15 * MB;
    public static final long MAX_VIDEO_BYTES = 50 * MB;

    /** File name extensions of the videos and audio a project may use (anything else it uses is an image). */
    public static final Set<String> VIDEO_TYPES = Set.of("mp4", "mov");

    public static final Set<String> AUDIO_TYPES = Set.of("wav", "mp3");

    private LocalMedia() {}

    /** Why a file may not be read for a project; the message names the file and the rule. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The real path of {@code file} after checking that it exists, is a regular file, stays inside
     * {@code realFolder} with every link resolved, and is within the service's size limit for its kind.
     *
     * @param written how the file is named in messages (as the project file writes it)
     */
    public static Path realPath(Path file, Path realFolder, String written) throws Refused {
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(realFolder)) {
                throw new Refused("'" + written + "' is a link that leads out of the project folder (to " + real + ")");
            }
            if (!Files.isRegularFile(real)) {
                throw new Refused("'" + written + "' is not a file");
            }
            if (!Files.isReadable(real)) {
                throw new Refused("'" + written + "' cannot be read (permission denied)");
            }
            long size = Files.size(real);
            long max = maxBytes(real);
            if (size > max) {
                throw new Refused(String.format(
                        Locale.ROOT,
                        "'%s' is %.1f MB; %s may be at most %s (the service's limit)",
                        written,
                        size / (double) MB,
                        kind(real),
                        max == MAX_IMAGE_BYTES ? "just under 30 MB" : max / MB + " MB"));
            }
            return real;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Refused("file not found: '" + written + "'");
        } catch (IOException e) {
            throw new Refused("cannot read '" + written + "': " + reason(e));
        }
    }

    /** Why a file could not be read, in words (an exception's class name means nothing to a writer). */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.FileSystemLoopException) return "its links form a loop";
        return e.getMessage() == null ? "an input/output error" : e.getMessage();
    }

    /** The size limit of a file by its kind (its extension). */
    public static long maxBytes(Path file) {
        String kind = kind(file);
        return kind.equals("a video") ? MAX_VIDEO_BYTES : kind.equals("audio") ? MAX_AUDIO_BYTES : MAX_IMAGE_BYTES;
    }

    /** Whether the file is a video (by its extension), which is published rather than sent inline. */
    public static boolean isVideo(Path file) {
        return kind(file).equals("a video");
    }

    private static String kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return VIDEO_TYPES.contains(extension) ? "a video" : AUDIO_TYPES.contains(extension) ? "audio" : "an image";
    }
}
