package dev.seedance4j.storyboard;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The scripts written for the tests ({@code src/test/resources/scripts}). */
final class TestScripts {
    private TestScripts() {}

    static Path folder() throws URISyntaxException {
        return Path.of(TestScripts.class.getResource("/scripts").toURI());
    }

    static List<Path> all() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(
                            f -> f.toString().endsWith(".md") || f.toString().endsWith(".fountain"))
                    .sorted()
                    .toList();
        }
    }

    static Path get(String name) throws URISyntaxException {
        return folder().resolve(name);
    }

    /** The file in the source tree (for writing new expected outlines). */
    static Path source(String name) {
        return Path.of("src/test/resources/scripts").resolve(name).toAbsolutePath();
    }
}
