package dev.seedance4j.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user cache directory where class path resources become real files (ffmpeg, fonts), because a process or
 * a filter can only read files. Each resource lands in a sub-directory named after its checksum, written to a temp
 * file first and moved into place atomically, so concurrent JVMs never see a half-written file and a new artifact
 * version never reuses an old file.
 */
public final class UserCache {

    private static final Logger LOG = LoggerFactory.getLogger(UserCache.class);

    private final Path root;

    private UserCache(Path root) {
        this.root = root;
    }

    /** The cache of this user: {@code seedance.cache.dir}, {@code SEEDANCE_CACHE_DIR}, XDG, {@code ~/.cache}, temp. */
    public static UserCache forCurrentUser() {
        return new UserCache(chooseRoot(System.getProperties(), System.getenv()));
    }

    public static UserCache at(Path root) {
        return new UserCache(root);
    }

    public Path root() {
        return root;
    }

    static Path chooseRoot(Properties properties, Map<String, String> env) {
        String explicit = properties.getProperty("seedance.cache.dir", env.get("SEEDANCE_CACHE_DIR"));
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = env.get("XDG_CACHE_HOME");
        Path home = Path.of(properties.getProperty("user.home", "."));
        Path preferred = xdg != null && !xdg.isBlank() ? Path.of(xdg, "seedance4j") : home.resolve(".cache/seedance4j");
        if (writable(preferred)) return preferred;
        return Path.of(
                properties.getProperty("java.io.tmpdir"), "seedance4j-" + properties.getProperty("user.name", "user"));
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Returns a file holding the resource's bytes, extracting it on first use.
     *
     * @param resource   a class path resource URL
     * @param fileName   the name of the file inside its checksum directory
     * @param executable whether to mark the file executable (for programs)
     */
    public Path materialise(URL resource, String fileName, boolean executable) {
        try {
            String key = checksumKey(resource);
            Path target = root.resolve(key).resolve(fileName);
            if (Files.isRegularFile(target) && (!executable || Files.isExecutable(target))) return target;
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), fileName, ".part");
            try {
                try (InputStream in = resource.openStream()) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                if (executable && !temp.toFile().setExecutable(true, false)) {
                    throw new IOException("cannot mark " + temp + " executable");
                }
                moveAtomically(temp, target);
                LOG.info("extracted {} to {}", fileName, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + " into the cache " + root, e);
        }
    }

    private static void moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * A jar entry already carries its CRC-32 and size, so the key of a resource inside a jar costs nothing to
     * compute (ffmpeg is 77 MB); anything else (an exploded class path in an IDE) is hashed with SHA-256.
     */
    static String checksumKey(URL resource) throws IOException {
        URLConnection connection = resource.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            JarEntry entry = jar.getJarEntry();
            if (entry != null && entry.getCrc() != -1 && entry.getSize() != -1) {
                return "crc32-%08x-%d".formatted(entry.getCrc(), entry.getSize());
            }
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        try (InputStream in = new DigestInputStream(resource.openStream(), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return "sha256-" + HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
