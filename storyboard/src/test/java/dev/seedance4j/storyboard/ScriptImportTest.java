package dev.seedance4j.storyboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every test script imports to its expected outline ({@code NN-name.outline} beside it): the episodes, scenes, beats
 * with their line numbers, speakers, voices, emotions and notes, and the diagnostics. Run with
 * {@code -Dstoryboard.writeOutlines=true} to write the outlines of new scripts (then read them before committing).
 */
class ScriptImportTest {

    static Stream<Path> scripts() throws IOException, URISyntaxException {
        return TestScripts.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void importsToTheExpectedOutline(Path script) throws IOException {
        String outline =
                Outline.of(Script.read(script)).replace(script.getParent().toString(), "");
        Path expected = TestScripts.source(script.getFileName().toString().replaceFirst("\\.[^.]+$", ".outline"));
        if (Boolean.getBoolean("storyboard.writeOutlines") && !Files.exists(expected)) {
            Files.writeString(expected, outline, StandardCharsets.UTF_8);
        }
        assertThat(outline).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void everyScriptImportsWithoutFatalDiagnostics(Path script) {
        Script parsed = Script.read(script);
        assertThat(parsed.grade()).as(parsed.diagnostics().toString()).isNotEqualTo(Severity.FATAL);
        assertThat(parsed.episodes()).isNotEmpty();
        List<Beat> beats = parsed.episodes().stream()
                .flatMap(e -> e.scenes().stream())
                .flatMap(s -> s.beats().stream())
                .toList();
        assertThat(beats).allSatisfy(b -> assertThat(b.line()).isPositive());
    }
}
