package dev.seedance4j.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The demo project, which travels inside the jar (from {@code examples/demo}), copied out to a folder. */
final class DemoFiles {

    private static final String ROOT = "dev/seedance4j/cli/demo/";

    private DemoFiles() {}

    /** Copies the demo project into {@code target} (overwriting older copies) and returns its project file. */
    static Path extract(Path target) {
        URL marker = DemoFiles.class.getClassLoader().getResource(ROOT + "project.yaml");
        if (marker == null) throw new IllegalStateException("the demo project is missing from the class path");
        try {
            Files.createDirectories(target);
            if (marker.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) marker.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (entry.isDirectory() || !entry.getName().startsWith(ROOT)) continue;
                        try (InputStream in = jar.getInputStream(entry)) {
                            copy(in, target.resolve(entry.getName().substring(ROOT.length())));
                        }
                    }
                }
            } else {
                Path source = Path.of(marker.toURI()).getParent();
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            copy(in, target.resolve(source.relativize(file).toString()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the demo project to " + target, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return target.resolve("project.yaml");
    }

    private static void copy(InputStream in, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        // Keep unchanged files untouched so their timestamps (and the studio's reuse) stay as they were.
        byte[] bytes = in.readAllBytes();
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) return;
        Path tmp = Files.createTempFile(file.getParent(), ".demo", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
