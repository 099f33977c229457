package dev.seedance4j.emulator.internal.service;

import dev.seedance4j.emulator.internal.service.GenerationRequest.MediaItem;
import dev.seedance4j.emulator.internal.service.GenerationRequest.MediaItem.Kind;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegException;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches one reference medium (http(s), data URL, or {@code asset://<id>} from the local asset library) into the
 * task's folder and checks it against the service's limits (contract §3.1–§3.3). Failures are the 400 the service
 * would answer, naming the content item.
 */
public final class MediaFetcher {

    /** A fetched, checked medium. Width/height are 0 for audio, seconds 0 for images. */
    public record FetchedMedia(MediaItem item, Path file, int width, int height, double seconds) {}

    private static final long MAX_IMAGE_BYTES = 30L * 1024 * 1024;
    /** UNCERTAIN: 50 MB in the 2.0-era doc, 200 MB in a later one; the stricter older limit is used. */
    private static final long MAX_VIDEO_BYTES = 50L * 1024 * 1024;

    private static final long MAX_AUDIO_BYTES = 15L * 1024 * 1024;
    private static final Set<String> IMAGE_FORMATS = Set.of("jpeg", "png", "webp", "bmp", "tiff", "gif");
    private static final Pattern ASSET_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final HttpClient http;
    private final Duration timeout;
    private final Path assetDirectory;
    private final Ffmpeg ffmpeg;
    private final RealFaces realFaces;

    /** @param realFaces refuses reference images that stand for photographs of real people */
    public MediaFetcher(Duration timeout, Path assetDirectory, Ffmpeg ffmpeg, RealFaces realFaces) {
        this.realFaces = realFaces;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
        this.assetDirectory = assetDirectory;
        this.ffmpeg = ffmpeg;
    }

    public FetchedMedia fetch(MediaItem item, Path directory) {
        long limit = switch (item.kind()) {
            case IMAGE -> MAX_IMAGE_BYTES;
            case VIDEO -> MAX_VIDEO_BYTES;
            case AUDIO -> MAX_AUDIO_BYTES;
        };
        byte[] bytes = load(item, limit);
        if (bytes.length > limit) {
            throw ApiException.invalid(
                    item.param(), "The " + noun(item) + " is larger than " + limit / (1024 * 1024) + " MB.");
        }
        try {
            Files.createDirectories(directory);
            return switch (item.kind()) {
                case IMAGE -> image(item, bytes, directory);
                case VIDEO -> video(item, bytes, directory);
                case AUDIO -> audio(item, bytes, directory);
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot store a reference medium under " + directory, e);
        }
    }

    private FetchedMedia image(MediaItem item, byte[] bytes, Path directory) throws IOException {
        MediaSniffer.ImageHeader header = MediaSniffer.image(bytes);
        if (header == null || !IMAGE_FORMATS.contains(header.format())) {
            // heic/heif is listed for 1.5 pro and newer by a later doc only; the emulator cannot decode it, so it
            // refuses.
            throw ApiException.invalid(
                    item.param(), "The image format is not supported (supported: jpeg, png, webp, bmp, tiff, gif).");
        }
        if (header.width() <= 0 || header.height() <= 0) {
            throw ApiException.invalid(
                    item.param(), "The image size cannot be read from its " + header.format() + " header.");
        }
        checkSidesAndAspect(item, header.width(), header.height());
        realFaces.check(item.url(), bytes, item.param());
        Path file = directory.resolve("input-" + item.index() + "." + header.format());
        Files.write(file, bytes);
        return new FetchedMedia(item, file, header.width(), header.height(), 0);
    }

    private FetchedMedia video(MediaItem item, byte[] bytes, Path directory) throws IOException {
        String format = MediaSniffer.video(bytes);
        if (format == null)
            throw ApiException.invalid(item.param(), "The video format is not supported (supported: mp4, mov).");
        Path file = directory.resolve("input-" + item.index() + "." + format);
        Files.write(file, bytes);
        MediaInfo info = probe(item, file);
        MediaStream video =
                info.video().orElseThrow(() -> ApiException.invalid(item.param(), "The video has no video stream."));
        if (!Set.of("h264", "hevc").contains(video.codec())) {
            throw ApiException.invalid(
                    item.param(), "The video codec " + video.codec() + " is not supported (supported: H.264, H.265).");
        }
        Set<String> audioCodecs = format.equals("mov")
                ? Set.of("aac", "mp3", "pcm_s16le", "pcm_s24le", "pcm_f32le")
                : Set.of("aac", "mp3");
        for (MediaStream audio : info.streams(MediaStream.Type.AUDIO)) {
            if (!audioCodecs.contains(audio.codec())) {
                throw ApiException.invalid(
                        item.param(), "The video's audio codec " + audio.codec() + " is not supported.");
            }
        }
        checkSeconds(item, info.durationSeconds());
        checkSidesAndAspect(item, video.width(), video.height());
        long pixels = (long) video.width() * video.height();
        if (pixels < 409_600 || pixels > 2_086_876) {
            throw ApiException.invalid(
                    item.param(),
                    "The video has " + pixels + " pixels per frame; it must be within [409600, 2086876].");
        }
        if (video.fps() < 24 || video.fps() > 60) {
            throw ApiException.invalid(item.param(), "The video frame rate " + video.fps() + " is outside [24, 60].");
        }
        return new FetchedMedia(item, file, video.width(), video.height(), info.durationSeconds());
    }

    private FetchedMedia audio(MediaItem item, byte[] bytes, Path directory) throws IOException {
        String format = MediaSniffer.audio(bytes);
        if (format == null)
            throw ApiException.invalid(item.param(), "The audio format is not supported (supported: wav, mp3).");
        Path file = directory.resolve("input-" + item.index() + "." + format);
        Files.write(file, bytes);
        MediaInfo info = probe(item, file);
        if (info.audio().isEmpty()) throw ApiException.invalid(item.param(), "The audio file has no audio stream.");
        checkSeconds(item, info.durationSeconds());
        return new FetchedMedia(item, file, 0, 0, info.durationSeconds());
    }

    private MediaInfo probe(MediaItem item, Path file) {
        try {
            return ffmpeg.probe(file);
        } catch (FfmpegException e) {
            throw ApiException.invalid(item.param(), "The " + noun(item) + " cannot be decoded.");
        }
    }

    private static void checkSeconds(MediaItem item, double seconds) {
        if (seconds < 2 || seconds > 15) {
            throw ApiException.invalid(
                    item.param(),
                    String.format(
                            Locale.ROOT,
                            "The %s lasts %.2f s; each must last between 2 and 15 s.",
                            noun(item),
                            seconds));
        }
    }

    private static void checkSidesAndAspect(MediaItem item, int width, int height) {
        if (width < 300 || height < 300 || width > 6000 || height > 6000) {
            throw ApiException.invalid(
                    item.param(),
                    "The " + noun(item) + " is " + width + "x" + height + "; each side must be within [300, 6000] px.");
        }
        double aspect = (double) width / height;
        if (aspect < 0.4 || aspect > 2.5) {
            throw ApiException.invalid(
                    item.param(),
                    "The " + noun(item) + " aspect ratio " + width + ":" + height + " is outside [0.4, 2.5].");
        }
    }

    /** The bytes of an http(s) URL, a data URL or an {@code asset://} id; at most {@code limit} + 1 are read. */
    public byte[] load(MediaItem item, long limit) {
        String url = item.url();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) return dataUrl(item);
        if (lower.startsWith("asset://")) return asset(item, url.substring("asset://".length()));
        if (lower.startsWith("http://") || lower.startsWith("https://")) return download(item, limit);
        throw ApiException.invalid(item.param(), "The URL must be http(s), a data URL or asset://<id>.");
    }

    private byte[] dataUrl(MediaItem item) {
        if (item.kind() == Kind.VIDEO)
            throw ApiException.invalid(item.param(), "A video must be given by URL or asset id, not a data URL.");
        String url = item.url();
        int comma = url.indexOf(',');
        String header = comma < 0 ? "" : url.substring(5, comma);
        String prefix = item.kind() == Kind.IMAGE ? "image/" : "audio/";
        if (!header.startsWith(prefix)
                || !header.endsWith(";base64")
                || !header.equals(header.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalid(
                    item.param(),
                    "A data URL must look like data:" + prefix + "<format>;base64,<data> with a lower-case format.");
        }
        try {
            return Base64.getMimeDecoder().decode(url.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(item.param(), "The data URL is not valid base64.");
        }
    }

    private byte[] asset(MediaItem item, String id) {
        if (assetDirectory == null) {
            throw ApiException.invalid(
                    item.param(), "The asset " + id + " does not exist (this emulator has no asset library).");
        }
        if (!ASSET_ID.matcher(id).matches())
            throw ApiException.invalid(item.param(), "The asset id " + id + " is not valid.");
        try (Stream<Path> files = Files.list(assetDirectory)) {
            Path file = files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.equals(id) || (name.startsWith(id + ".") && name.indexOf('.', id.length() + 1) < 0);
                    })
                    .findFirst()
                    .orElseThrow(() -> ApiException.invalid(item.param(), "The asset " + id + " does not exist."));
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw ApiException.invalid(item.param(), "The asset " + id + " cannot be read.");
        }
    }

    private byte[] download(MediaItem item, long limit) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(item.url()))
                    .timeout(timeout)
                    .GET()
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw ApiException.invalid(
                            item.param(),
                            "The " + noun(item) + " could not be downloaded (HTTP " + response.statusCode() + ").");
                }
                return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(item.param(), "The URL is not valid.");
        } catch (IOException e) {
            throw ApiException.invalid(
                    item.param(),
                    "The " + noun(item) + " could not be downloaded: "
                            + e.getClass().getSimpleName() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.invalid(item.param(), "The download of the " + noun(item) + " was interrupted.");
        }
    }

    private static String noun(MediaItem item) {
        return switch (item.kind()) {
            case IMAGE -> "image";
            case VIDEO -> "video";
            case AUDIO -> "audio";
        };
    }
}
