package dev.seedance4j.emulator.internal.images;

import dev.seedance4j.emulator.internal.service.ApiException;
import dev.seedance4j.emulator.internal.service.UrlSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated images on disk behind signed URLs {@code /files/images/<id>/<n>.<ext>?expires=..&signature=..} that stop
 * working after the result URL lifetime, like video results; a file is deleted once its URL has expired (there is
 * no task record to keep it for).
 */
final class ImageStore {

    private record Stored(Path file, long expiresAt) {}

    private final Path directory;
    private final Clock clock;
    private final Duration ttl;
    private final UrlSigner signer = new UrlSigner();
    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    private volatile String publicBaseUrl = "http://127.0.0.1";

    ImageStore(Path directory, Clock clock, Duration ttl) {
        this.directory = directory;
        this.clock = clock;
        this.ttl = ttl;
    }

    void publicBaseUrl(String url) {
        this.publicBaseUrl = url;
    }

    /** Keeps the image and returns its signed URL. */
    String save(String id, String name, byte[] bytes) {
        Path file = directory.resolve(id).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a generated image under " + directory, e);
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String path = path(id, name);
        files.put(path, new Stored(file, expires));
        return publicBaseUrl + path + "?expires=" + expires + "&signature=" + signer.sign(path, expires);
    }

    /** The file behind a signed URL; 403 for a bad or expired signature, 404 when it is gone. */
    Path file(String id, String name, String expires, String signature) {
        String path = path(id, name);
        signer.check(path, expires, signature, clock.instant().getEpochSecond());
        Stored stored = files.get(path);
        if (stored == null || !Files.isRegularFile(stored.file()))
            throw new ApiException(404, "NoSuchKey", "The file no longer exists.", "");
        return stored.file();
    }

    /** Deletes the files whose URLs have expired. */
    void sweep() {
        long now = clock.instant().getEpochSecond();
        for (Iterator<Map.Entry<String, Stored>> it = files.entrySet().iterator(); it.hasNext(); ) {
            Stored stored = it.next().getValue();
            if (now <= stored.expiresAt()) continue;
            it.remove();
            delete(stored.file());
        }
    }

    /** Forgets and deletes every image. */
    void clear() {
        files.values().forEach(stored -> delete(stored.file()));
        files.clear();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent()); // only when it was the last image of its request
        } catch (IOException e) {
            // a directory with other images of the same request: they go when their own URLs expire
        }
    }

    private static String path(String id, String name) {
        return "/files/images/" + id + "/" + name;
    }
}
