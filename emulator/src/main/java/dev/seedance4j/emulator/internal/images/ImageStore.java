package dev.seedance4j.emulator.internal.images;

import dev.seedance4j.emulator.internal.service.ApiException;
import dev.seedance4j.emulator.internal.service.UrlSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generated images on disk behind signed URLs {@code /files/images/<id>/<n>.<ext>?expires=..&signature=..} that stop
 * working after the result URL lifetime, like video results. The images of one request live in
 * {@code <data>/images/<id>/} beside {@code expires}, the second their URLs expire; the folder is deleted once they
 * have (there is no task record to keep it for). Everything is on disk and signed with the task service's key, so a
 * persistent emulator started again on the same data directory serves the URLs it handed out before.
 */
final class ImageStore {

    private static final Logger log = LoggerFactory.getLogger(ImageStore.class);
    private static final String EXPIRES = "expires";

    private final Path directory;
    private final Clock clock;
    private final Duration ttl;
    private final UrlSigner signer;
    /** The requests whose images are kept, with the epoch second their URLs expire. */
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    private volatile String publicBaseUrl = "http://127.0.0.1";

    ImageStore(Path directory, Clock clock, Duration ttl, UrlSigner signer) {
        this.directory = directory;
        this.clock = clock;
        this.ttl = ttl;
        this.signer = signer;
        restore();
    }

    void publicBaseUrl(String url) {
        this.publicBaseUrl = url;
    }

    /** Takes up the images a previous emulator kept in the same data directory. */
    private void restore() {
        if (!Files.isDirectory(directory)) return;
        try (Stream<Path> folders = Files.list(directory)) {
            for (Path folder : folders.toList()) {
                try {
                    long expires = Long.parseLong(
                            Files.readString(folder.resolve(EXPIRES)).strip());
                    expiries.put(folder.getFileName().toString(), expires);
                } catch (IOException | NumberFormatException e) {
                    log.warn("cannot take up the stored images in {}: {}", folder, e.toString());
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the stored images in {}: {}", directory, e.toString());
        }
    }

    /** Keeps the image and returns its signed URL. */
    String save(String id, String name, byte[] bytes) {
        Path folder = directory.resolve(id);
        long expires = expiries.computeIfAbsent(id, k -> {
            long at = clock.instant().plus(ttl).getEpochSecond();
            try {
                // the expiry first: a folder on disk always says when it may go
                Files.createDirectories(folder);
                Files.writeString(folder.resolve(EXPIRES), Long.toString(at), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store a generated image under " + directory, e);
            }
            return at;
        });
        try {
            Files.write(folder.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a generated image under " + directory, e);
        }
        String path = path(id, name);
        return publicBaseUrl + path + "?expires=" + expires + "&signature=" + signer.sign(path, expires);
    }

    /** The file behind a signed URL; 403 for a bad or expired signature, 404 when it is gone. */
    Path file(String id, String name, String expires, String signature) {
        signer.check(path(id, name), expires, signature, clock.instant().getEpochSecond());
        Path file = directory.resolve(id).resolve(name);
        if (!expiries.containsKey(id) || !Files.isRegularFile(file))
            throw new ApiException(404, "NoSuchKey", "The file no longer exists.", "");
        return file;
    }

    /** Deletes the images whose URLs have expired. */
    void sweep() {
        long now = clock.instant().getEpochSecond();
        for (Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> entry = it.next();
            if (now <= entry.getValue()) continue;
            it.remove();
            deleteTree(directory.resolve(entry.getKey()));
        }
    }

    /** Forgets and deletes every image. */
    void clear() {
        expiries.clear();
        deleteTree(directory);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException | UncheckedIOException e) {
            log.debug("cannot delete {}: {}", root, e.toString()); // a reader still has it open; the next sweep
        }
    }

    private static String path(String id, String name) {
        return "/files/images/" + id + "/" + name;
    }
}
