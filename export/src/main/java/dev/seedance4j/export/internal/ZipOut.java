package dev.seedance4j.export.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes ZIPs with UTF-8 names: text deflated, media stored (video does not compress, and stored entries can be
 * read without inflating). Written under a temporary name and moved into place, so a failed export never leaves a
 * half ZIP under the final name.
 */
final class ZipOut implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final ZipOutputStream zip;
    private boolean complete;

    private ZipOut(Path target) throws IOException {
        this.target = target;
        this.temporary = target.resolveSibling(target.getFileName() + ".part");
        this.zip = new ZipOutputStream(Files.newOutputStream(temporary), StandardCharsets.UTF_8);
    }

    static ZipOut create(Path target) throws IOException {
        return new ZipOut(target);
    }

    void text(String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Adds a file as it is; text files ({@code .json}, {@code .srt}, ...) deflated, anything else stored. */
    void file(String name, Path file) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        if (!compressible(name)) {
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(Files.size(file));
            entry.setCompressedSize(Files.size(file));
            entry.setCrc(crc(file));
        }
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
    }

    /** Adds every file under {@code folder}, named {@code prefix/<relative path>}. */
    void tree(String prefix, Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            file(prefix + "/" + folder.relativize(file).toString().replace('\\', '/'), file);
        }
    }

    /** Marks the ZIP whole; only then does {@link #close()} move it into place. */
    void complete() {
        complete = true;
    }

    private static boolean compressible(String name) {
        return name.endsWith(".json") || name.endsWith(".otio") || name.endsWith(".srt") || name.endsWith(".txt");
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) crc.update(buffer, 0, n);
        }
        return crc.getValue();
    }

    @Override
    public void close() throws IOException {
        try (OutputStream closing = zip) {
            if (complete) zip.finish();
        }
        if (complete) {
            Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(temporary);
        }
    }
}
