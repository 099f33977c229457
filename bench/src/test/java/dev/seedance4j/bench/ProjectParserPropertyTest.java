package dev.seedance4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.ProjectException;
import dev.seedance4j.studio.ProjectProblem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The studio's project parser on arbitrary input: it either reads a project or refuses it with a
 * {@link ProjectException} whose every problem has a line and a message; it never fails any other way.
 */
class ProjectParserPropertyTest {
    static final String VALID = """
            title: 每种模式
            defaults: { model: doubao-seedance-2-0-fast-260128, resolution: 480p, ratio: "16:9", duration: 4 }
            characters:
              lin: { images: [assets/a.png], description: 短发女主 }
            scenes:
              office: { images: [assets/a.png] }
            episodes:
              - id: ep01
                title: 第一集
                shots:
                  - { id: s01, prompt: "@lin 站在 @office 的落地窗前", seed: 7 }
                  - { id: s02, after: s01, prompt: "转身", duration: 5 }
                  - id: s03
                    first_frame: assets/a.png
                    prompt: "门缓缓打开"
                    dialogue: [{ who: lin, text: "这一次，我不会再输。" }]
                  - { id: s04, extend: [s01, s02], prompt: "接起来" }
            """;

    static Path folder;

    @BeforeContainer
    static void assets() throws IOException {
        folder = Files.createTempDirectory("bench-parser-");
        Files.createDirectories(folder.resolve("assets"));
        ImageIO.write(
                new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB),
                "png",
                folder.resolve("assets/a.png").toFile());
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Example
    void theValidProjectStillLoadsSoTheMutationsBelowStartFromAGoodOne() throws IOException {
        assertThat(Project.load(write(VALID)).shots()).hasSize(4);
    }

    @Property(tries = 150)
    void arbitraryTextIsReadOrRefusedWithProblems(@ForAll("text") String text) throws IOException {
        loadOrRefuse(text);
    }

    @Property(tries = 200)
    void mutatedProjectsAreReadOrRefusedWithProblems(@ForAll("mutated") String yaml) throws IOException {
        loadOrRefuse(yaml);
    }

    private static void loadOrRefuse(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            Project project = Project.load(file);
            assertThat(project.shots()).allSatisfy(s -> assertThat(s.id()).isNotBlank());
        } catch (ProjectException e) {
            assertThat(e.problems()).isNotEmpty();
            for (ProjectProblem p : e.problems()) {
                assertThat(p.position().line()).isPositive();
                assertThat(p.message()).isNotBlank();
            }
        }
    }

    private static Path write(String yaml) throws IOException {
        return Files.writeString(folder.resolve("p.yaml"), yaml);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]:-,\"'#&*!|>%@ \n\tabc01").ofMaxLength(200));
    }

    /** The valid project with a few of its lines deleted, duplicated, cut or given an arbitrary value. */
    @Provide
    Arbitrary<String> mutated() {
        List<String> lines = VALID.lines().toList();
        Arbitrary<Integer> line = Arbitraries.integers().between(0, lines.size() - 1);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of(
                        "-1",
                        "0",
                        "99999999999",
                        "null",
                        "~",
                        "[]",
                        "{}",
                        "true",
                        "s01",
                        "../x.png",
                        "\"\"",
                        "assets/a.png",
                        "{ id: s01 }",
                        "[s01, s01, s01, s01]",
                        "1.5",
                        "&a",
                        "*a"));
        Arbitrary<int[]> mutation = Combinators.combine(line, kind).as((l, k) -> new int[] {l, k});
        return Combinators.combine(
                        mutation.list().ofMinSize(1).ofMaxSize(4), value.list().ofSize(4))
                .as((ms, values) -> {
                    List<String> out = new ArrayList<>(lines);
                    for (int i = 0; i < ms.size(); i++) {
                        int at = Math.min(ms.get(i)[0], out.size() - 1);
                        if (at < 0) break;
                        String l = out.get(at);
                        switch (ms.get(i)[1]) {
                            case 0 -> out.remove(at);
                            case 1 -> out.add(at, l);
                            case 2 -> out.set(at, l.substring(0, l.length() / 2));
                            case 3 ->
                                out.set(
                                        at,
                                        l.contains(":")
                                                ? l.substring(0, l.lastIndexOf(':') + 1) + " " + values.get(i)
                                                : l + values.get(i));
                            default -> out.set(at, l.replaceFirst("[a-z0-9]+", values.get(i)));
                        }
                    }
                    return String.join("\n", out) + "\n";
                });
    }
}
