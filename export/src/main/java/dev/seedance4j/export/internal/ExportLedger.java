package dev.seedance4j.export.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an export folder holds from earlier exports: {@code .seedance4j-export.json}, each written file's (or draft
 * folder's) fingerprint. A file that is no longer as it was written, or that no export wrote, is never replaced:
 * Shotcut saves its project over the {@code .mlt}, Jianying saves into its draft folder, and an editor's work must
 * not be lost to a new export.
 */
public final class ExportLedger {

    static final String FILE = ".seedance4j-export.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;
    private final Map<String, String> written;

    private ExportLedger(Path folder, Map<String, String> written) {
        this.folder = folder;
        this.written = written;
    }

    public static ExportLedger of(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) return new ExportLedger(folder, new TreeMap<>());
        return new ExportLedger(folder, JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() {}));
    }

    /**
     * The first of {@code targets} that exists and is not as an earlier export left it, or null when all may be
     * replaced.
     */
    public Path changed(List<Path> targets) throws IOException {
        for (Path target : targets) {
            if (!Files.exists(target)) continue;
            if (!fingerprint(target).equals(written.get(name(target)))) return target;
        }
        return null;
    }

    /** Remembers {@code files} as written now, and saves the ledger. */
    public void record(List<Path> files) throws IOException {
        for (Path file : files) written.put(name(file), fingerprint(file));
        Path temporary = folder.resolve(FILE + ".part");
        JSON.writeValue(temporary.toFile(), written);
        Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
    }

    private String name(Path target) {
        return folder.relativize(target).toString().replace('\\', '/');
    }

    /** A file's SHA-256; a folder's over every file's relative name and bytes, in name order. */
    private static String fingerprint(Path target) throws IOException {
        MessageDigest sha = sha256();
        if (Files.isDirectory(target)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(target)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                sha.update(target.relativize(file)
                        .toString()
                        .replace('\\', '/')
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                digest(sha, file);
            }
        } else {
            digest(sha, target);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void digest(MessageDigest sha, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
