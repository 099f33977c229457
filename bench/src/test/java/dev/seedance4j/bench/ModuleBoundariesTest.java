package dev.seedance4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of {@code shared/design.md}, checked on the sources of every module: no module reaches into
 * another's {@code .internal} packages, and each module's main code imports only the modules it may depend on.
 */
class ModuleBoundariesTest {
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?dev\\.seedance4j\\.(\\w+)((?:\\.\\w+)*);", Pattern.MULTILINE);

    /** Which of our modules each module's main code may import (besides itself). */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "client", Set.of(),
            "media", Set.of(),
            "emulator", Set.of("media"),
            "studio", Set.of("client", "media"),
            "storyboard", Set.of("client", "studio"),
            "board", Set.of("studio", "client", "media", "export"),
            "export", Set.of("studio", "media"),
            "bench", Set.of("client", "media", "emulator", "studio", "storyboard", "board", "export", "cli"),
            "cli", Set.of("client", "media", "emulator", "studio", "storyboard", "board", "export", "bench"));

    @Test
    void noModuleImportsAnotherModulesInternals() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path module : modules()) {
            String name = module.getFileName().toString();
            for (Path file : javaFiles(module.resolve("src"))) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(name) && m.group(2).contains(".internal")) {
                        violations.add(
                                root().relativize(file) + ": " + m.group().trim());
                    }
                }
            }
        }
        assertThat(violations).as("imports of another module's internals").isEmpty();
    }

    @Test
    void mainCodeDependsOnlyOnTheModulesTheDesignAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path module : modules()) {
            String name = module.getFileName().toString();
            Set<String> allowed = MAY_USE.get(name);
            assertThat(allowed)
                    .as("the design names the dependencies of module " + name)
                    .isNotNull();
            for (Path file : javaFiles(module.resolve("src/main/java"))) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(name) && !allowed.contains(m.group(1))) {
                        violations.add(
                                root().relativize(file) + ": " + m.group().trim());
                    }
                }
            }
        }
        assertThat(violations)
                .as("imports of modules the design does not allow")
                .isEmpty();
    }

    @Test
    void theCheckSeesEveryModule() throws IOException {
        assertThat(modules().stream().map(p -> p.getFileName().toString()))
                .contains("client", "media", "emulator", "studio", "export", "bench", "cli");
    }

    private static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** The reactor's modules that hold Java sources (the BOM has none). */
    private static List<Path> modules() throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root().resolve("pom.xml")));
        List<Path> modules = new ArrayList<>();
        while (m.find()) {
            Path module = root().resolve(m.group(1));
            if (Files.isDirectory(module.resolve("src"))) {
                modules.add(module);
            }
        }
        return modules;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
