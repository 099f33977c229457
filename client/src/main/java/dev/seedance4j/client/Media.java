package dev.seedance4j.client;

import dev.seedance4j.client.internal.MediaProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an image, video or audio input comes from, as the service will see it: an {@code http(s)} URL, an
 * {@code asset://} id of the Ark asset library, or a {@code data:} URL made from a local file.
 *
 * <pre>{@code
 * Media.file(Path.of("lin.png"))              // local image or audio: read now, sent as data:image/png;base64,...
 * Media.url("https://cdn.example.com/a.mp4")  // the service fetches it
 * Media.asset("asset-20260810164850-mqxvm")   // a portrait from the asset library: asset://asset-...
 * Media.url(videoUrl).withDuration(Duration.ofSeconds(6))  // lets validation and cost use the clip's length
 * }</pre>
 *
 * <p>Local videos are refused: the contract accepts videos by URL or asset id only. Audio read from a WAV file
 * knows its duration; for other inputs declare it with {@link #withDuration} so that the duration limits can be
 * checked before sending and the cost estimate counts input video seconds.
 *
 * @param url      the URL sent to the service
 * @param duration length of a video or audio clip if known, else {@code null}; never sent
 * @param file     the local file the data URL was read from, else {@code null}; used in error messages, never sent
 */
public record Media(String url, Duration duration, Path file) {
    private static final List<String> SCHEMES = List.of("http://", "https://", "asset://", "data:");
    /** The contract's limits for one image (&lt; 30 MB) and one audio clip (≤ 15 MB). */
    static final long MAX_IMAGE_BYTES = 30L * 1024 * 1024;

    static final long MAX_AUDIO_BYTES = 15L * 1024 * 1024;
    private static final int HEAD_BYTES = 64;

    public Media {
        Objects.requireNonNull(url, "url");
        String lower = url.toLowerCase(Locale.ROOT);
        if (SCHEMES.stream().noneMatch(lower::startsWith)) {
            throw new ValidationException(List.of(new Violation(
                    "url",
                    abbreviate(url),
                    "must start with http://, https://, asset:// or data: (use Media.file(Path) for a local file)")));
        }
    }

    /** A URL the service fetches, an {@code asset://} id or a ready {@code data:} URL. */
    public static Media url(String url) {
        return new Media(url, null, null);
    }

    /** An asset of the Ark asset library by its id ({@code asset-...}); {@code asset://} is added if missing. */
    public static Media asset(String assetId) {
        Objects.requireNonNull(assetId, "asset id");
        return url(assetId.startsWith("asset://") ? assetId : "asset://" + assetId);
    }

    /**
     * Reads a local image (jpeg, png, webp, bmp, tiff, gif, heic, heif) or audio file (wav, mp3) into a data URL.
     * The format comes from the file's bytes, not its name; the size is checked before the file is read (images
     * under 30 MB, audio up to 15 MB).
     *
     * @throws ValidationException naming the file when it cannot be read, is a video, or has an unknown format
     */
    public static Media file(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        MediaProbe.Format format;
        // The size is checked before the file is read: a 3 GB file must not be read into memory to be refused.
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            format = MediaProbe.sniff(head);
            long size = Files.size(file);
            long limit = format != null && format.kind() == MediaProbe.Kind.AUDIO ? MAX_AUDIO_BYTES : MAX_IMAGE_BYTES;
            if (format != null && format.kind() != MediaProbe.Kind.VIDEO && size > limit) {
                throw new ValidationException(List.of(new Violation(
                        "file",
                        file + " (" + size + " bytes)",
                        "an " + (format.kind() == MediaProbe.Kind.AUDIO ? "audio clip" : "image")
                                + " may be at most " + limit / (1024 * 1024) + " MB (" + limit
                                + " bytes); pass larger files by URL")));
            }
            bytes = format == null || format.kind() == MediaProbe.Kind.VIDEO ? head : readRest(head, in, size);
        } catch (IOException e) {
            throw new ValidationException(List.of(new Violation(
                    "file",
                    file.toString(),
                    "must be a readable file (" + e.getClass().getSimpleName() + ")")));
        }
        if (format == null) {
            throw new ValidationException(List.of(new Violation(
                    "file",
                    file.toString(),
                    "must be an image (jpeg, png, webp, bmp, tiff, gif, heic, heif) or audio (wav, mp3) file")));
        }
        if (format.kind() == MediaProbe.Kind.VIDEO) {
            throw new ValidationException(List.of(new Violation(
                    "file",
                    file.toString(),
                    "local videos cannot be sent: the service takes videos by URL or asset:// id only")));
        }
        String dataUrl =
                "data:" + format.mimeType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
        return new Media(dataUrl, MediaProbe.audioDuration(format, bytes), file);
    }

    // Reads no more than the size checked, even if the file grows meanwhile.
    private static byte[] readRest(byte[] head, InputStream in, long size) throws IOException {
        byte[] rest = in.readNBytes((int) Math.max(0, size - head.length));
        byte[] all = new byte[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    /**
     * The whole seconds the service counts (reports and bills) for this clip, from its declared length:
     * floor(frames / 24), frames being the length at 24 fps rounded to a whole frame. A generated 15 s clip has
     * 361 frames (15.04 s) and counts as 15; {@code null} when the length is unknown.
     */
    public Long countedSeconds() {
        if (duration == null) {
            return null;
        }
        long frames = Math.round(duration.toNanos() * 24 / 1e9);
        return frames / 24;
    }

    /** The same media with its clip length declared (for videos and audio given by URL). */
    public Media withDuration(Duration clipLength) {
        return new Media(url, clipLength, file);
    }

    /** True for a {@code data:} URL (an inline local file). */
    public boolean isInline() {
        return url.regionMatches(true, 0, "data:", 0, 5);
    }

    /** A short description for messages: the file name for local files, else the URL (data URLs shortened). */
    public String describe() {
        return file != null ? file.toString() : abbreviate(url);
    }

    @Override
    public String toString() {
        return "Media[" + describe() + (duration == null ? "" : ", " + duration) + "]";
    }

    static String abbreviate(String url) {
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? url.substring(0, Math.min(40, url.length())) : url.substring(0, comma);
            return header + ",… (" + url.length() + " chars)";
        }
        return url.length() <= 200 ? url : url.substring(0, 200) + "…";
    }
}
