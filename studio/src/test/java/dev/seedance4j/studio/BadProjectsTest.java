package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.emulator.Faults;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of broken project is refused with a clear message before anything is sent. */
class BadProjectsTest {
    static EmulatorHarness harness;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        harness = new EmulatorHarness(Faults.none());
    }

    @AfterAll
    static void stop() {
        assertThat(harness.emulator.stats().creates()).isZero();
        harness.close();
    }

    static final String HEAD = """
      title: t
      defaults: { model: seedance-2.0-fast, resolution: 480p, duration: 4 }
      characters:
        lin: { images: [assets/lin-front.png], voice: assets/lin.wav }
      """;

    /** A project whose only shot has {@code shotFields} (written inside "{ id: s01, ... }"). */
    static String shot(String shotFields) {
        return HEAD + "episodes: [{ id: ep01, shots: [{ id: s01, " + shotFields + " }] }]\n";
    }

    static Stream<Arguments> badProjects() {
        return Stream.of(
                Arguments.of("unclosed quote", "title: \"t\nepisodes: []\n", "it started at line 1, column 8"),
                Arguments.of("tab indentation", "title: t\nepisodes:\n\t- id: e\n", "YAML syntax error"),
                Arguments.of(
                        "unknown top key",
                        "titel: t\nepisodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n",
                        "unknown key 'titel'"),
                Arguments.of("unknown shot key", shot("promt: hello"), "unknown key 'promt' (did you mean 'prompt'?)"),
                Arguments.of(
                        "missing title",
                        "episodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n",
                        "'title' is required"),
                Arguments.of("missing episodes", "title: t\n", "'episodes' is required"),
                Arguments.of("no episodes", "title: t\nepisodes: []\n", "at least one episode"),
                Arguments.of(
                        "episode without shots", "title: t\nepisodes: [{ id: e, shots: [] }]\n", "at least one shot"),
                Arguments.of(
                        "duplicate episode",
                        "title: t\nepisodes: [{ id: e, shots: [{ id: a, prompt: p }] },"
                                + " { id: e, shots: [{ id: b, prompt: p }] }]\n",
                        "duplicate episode id 'e'"),
                Arguments.of(
                        "duplicate shot",
                        HEAD + "episodes: [{ id: e, shots: [{ id: a, prompt: p }, { id: a, prompt: q }] }]\n",
                        "duplicate shot id 'a'"),
                Arguments.of(
                        "missing file",
                        shot("prompt: p, first_frame: assets/nope.png"),
                        "file not found: 'assets/nope.png'"),
                Arguments.of(
                        "path leaving the folder",
                        shot("prompt: p, first_frame: ../outside.png"),
                        "leaves the project folder"),
                Arguments.of("absolute path", shot("prompt: p, first_frame: /etc/hosts.png"), "is absolute"),
                Arguments.of("audio given as image", shot("prompt: p, images: [assets/lin.wav]"), "is not an image"),
                Arguments.of(
                        "too many references",
                        shot("prompt: p, images: [" + "assets/door.png, ".repeat(9) + "assets/door.png]"),
                        "images"),
                Arguments.of(
                        "first frame mixed with references",
                        shot("prompt: p, first_frame: assets/door.png," + " images: [assets/door.png]"),
                        "may not be mixed"),
                Arguments.of(
                        "mention with images mixed with a first frame",
                        shot("prompt: \"@lin 走来\"," + " first_frame: assets/door.png"),
                        "may not be mixed"),
                Arguments.of("duration out of range", shot("prompt: p, duration: 20"), "must be within [4, 15]"),
                Arguments.of("duration not a number", shot("prompt: p, duration: five"), "must be a whole number"),
                Arguments.of("unknown character", shot("prompt: \"@nobody 走来\""), "unknown character or scene @nobody"),
                Arguments.of(
                        "unknown speaker",
                        shot("prompt: p, dialogue: [{ who: wang, text: 你好 }]"),
                        "unknown character 'wang'"),
                Arguments.of(
                        "cycle in after",
                        HEAD + "episodes: [{ id: e, shots: [{ id: a, prompt: p, after: b },"
                                + " { id: b, prompt: p, after: a }] }]\n",
                        "dependency cycle"),
                Arguments.of("after itself", shot("prompt: p, after: s01"), "dependency cycle"),
                Arguments.of("after an unknown shot", shot("prompt: p, after: s09"), "unknown shot 's09'"),
                Arguments.of(
                        "extend more than three",
                        HEAD + "episodes: [{ id: e, shots: [{ id: a, prompt: p },"
                                + " { id: b, prompt: p, extend: [a, a, a, a] }] }]\n",
                        "at most 3 videos"),
                Arguments.of(
                        "edit and extend",
                        HEAD + "episodes: [{ id: e, shots: [{ id: a, prompt: p },"
                                + " { id: b, prompt: p, edit: a, extend: [a] }] }]\n",
                        "not both"),
                Arguments.of(
                        "last frame alone",
                        shot("prompt: p, last_frame: assets/door.png"),
                        "last_frame needs a first_frame"),
                Arguments.of("unknown resolution", shot("prompt: p, resolution: 8k"), "resolution"),
                Arguments.of(
                        "1080p on the fast model", shot("prompt: p, resolution: 1080p"), "must be one of [480p, 720p]"),
                Arguments.of("unknown ratio", shot("prompt: p, ratio: \"5:4\""), "ratio"),
                Arguments.of(
                        "budget too small",
                        HEAD.replace("characters:", "budget: { max_cny: 0.01 }\ncharacters:")
                                + "episodes: [{ id: e, shots: [{ id: a, prompt: p }] }]\n",
                        "refused"),
                Arguments.of(
                        "negative budget",
                        HEAD.replace("characters:", "budget: { max_cny: -5 }\ncharacters:")
                                + "episodes: [{ id: e, shots: [{ id: a, prompt: p }] }]\n",
                        "must be more than 0 CNY"),
                Arguments.of("seed out of range", shot("prompt: p, seed: 99999999999"), "seed"),
                Arguments.of(
                        "unsupported scheme",
                        shot("prompt: p, first_frame: \"ftp://host/a.png\""),
                        "unsupported reference"),
                Arguments.of(
                        "bad character name",
                        "title: t\ncharacters: { \"lin lin\": { description: x } }\n"
                                + "episodes: [{ id: e, shots: [{ id: a, prompt: p }] }]\n",
                        "may contain only letters"),
                Arguments.of("audio without an image", shot("prompt: p, audio: [assets/lin.wav]"), "audio"),
                Arguments.of(
                        "dialogue ends before it starts",
                        shot("prompt: p, dialogue: [{ who: lin, text: 你好, start: 2," + " end: 1 }]"),
                        "must be after start"),
                Arguments.of(
                        "text instead of a boolean",
                        shot("prompt: p, generate_audio: \"yes\""),
                        "must be true or false"),
                Arguments.of(
                        "reference to a missing image",
                        shot("prompt: \"看[图5]\", images: [assets/door.png]"),
                        "image 5"),
                Arguments.of(
                        "after and first frame",
                        HEAD + "episodes: [{ id: e, shots: [{ id: a, prompt: p },"
                                + " { id: b, prompt: p, after: a, first_frame: assets/door.png }] }]\n",
                        "already gives this shot its first frame"),
                Arguments.of("empty file", "", "the project file is empty"),
                Arguments.of("a list instead of a mapping", "- title: t\n", "must be a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProjects")
    void isRefusedWithAClearErrorAndNothingSent(String name, String yaml, String expected) {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), yaml);
        long creates = harness.emulator.stats().creates();
        assertThatThrownBy(() -> {
                    try (Studio studio = Studio.open(
                            file, harness.options(dir.resolve("out")).build())) {
                        studio.run(RunListener.none());
                    }
                })
                .isInstanceOfAny(ProjectException.class, BudgetExceededException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> {
                    if (e instanceof ProjectException p) {
                        assertThat(p.problems()).allSatisfy(problem -> {
                            assertThat(problem.position().file().getFileName().toString())
                                    .isEqualTo("drama.yaml");
                            assertThat(problem.position().line()).isPositive();
                        });
                    }
                });
        assertThat(harness.emulator.stats().creates()).isEqualTo(creates);
    }
}
