package dev.seedance4j.board.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The files the board may serve: the project's own outputs (clips, last frames, episodes, subtitles, covers, sheets)
 * inside its output folder, by their relative path; nothing outside it, no link leading out of it, nothing but media
 * and subtitles (never the state database).
 */
final class MediaFiles {
    /** Editors' timelines, offered as downloads. */
    static final Map<String, String> DOWNLOADS = Map.of(
            "zip", "application/zip",
            "otio", "application/json",
            "otioz", "application/zip",
            "fcpxml", "application/xml",
            "mlt", "application/xml");

    static final Map<String, String> TYPES = Map.of(
            "mp4", "video/mp4",
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "webp", "image/webp",
            "srt", "text/plain; charset=utf-8",
            "vtt", "text/vtt; charset=utf-8",
            "wav", "audio/wav",
            "mp3", "audio/mpeg");

    private final Path root;

    MediaFiles(Path outputDir) {
        this.root = outputDir.toAbsolutePath().normalize();
    }

    /** The file {@code relative} names, if it is one the board may serve. */
    Optional<Path> resolve(String relative) {
        if (relative == null || relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.contains("\\")) {
            return Optional.empty();
        }
        Path file;
        try {
            file = root.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (!file.startsWith(root) || file.equals(root) || type(file).isEmpty()) {
            return Optional.empty();
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The path to ask for a file of the output folder, or null when it is not in it. */
    String link(Path file) {
        if (file == null) return null;
        Path f = file.toAbsolutePath().normalize();
        if (!f.startsWith(root)) return null;
        StringBuilder url = new StringBuilder("/media");
        for (Path part : root.relativize(f)) {
            url.append('/')
                    .append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("+", "%20"));
        }
        return url.toString();
    }

    static Optional<String> type(Path file) {
        String extension = extension(file);
        return Optional.ofNullable(TYPES.get(extension)).or(() -> Optional.ofNullable(DOWNLOADS.get(extension)));
    }

    static boolean download(Path file) {
        return DOWNLOADS.containsKey(extension(file));
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
