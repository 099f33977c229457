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
        assertThat(harness.emulator.stats().imagesGenerated()).isZero();
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
                Arguments.of(
                        "alias naming another character",
                        "title: t\ncharacters:\n  a: { aliases: [b] }\n  b: { description: x }\n"
                                + "episodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n",
                        "alias 'b' already names another character, scene or alias"),
                Arguments.of(
                        "alias used twice",
                        "title: t\ncharacters:\n  a: { aliases: [小A] }\nscenes:\n  c: { aliases: 小A }\n"
                                + "episodes: [{ id: e, shots: [{ id: s, prompt: p }] }]\n",
                        "alias '小A' already names another character, scene or alias"),
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
                Arguments.of(
                        "episode id ..",
                        "title: t\nepisodes: [{ id: \"..\", shots: [{ id: a, prompt: p }] }]\n",
                        "an episode id must be ASCII letters"),
                Arguments.of(
                        "episode id .",
                        "title: t\nepisodes: [{ id: \".\", shots: [{ id: a, prompt: p }] }]\n",
                        "not starting with '.'"),
                Arguments.of(
                        "hidden shot id",
                        shot("prompt: p").replace("id: s01", "id: .hidden"),
                        "a shot id must be ASCII letters"),
                Arguments.of("shot id ..", shot("prompt: p").replace("id: s01", "id: \"..\""), "a shot id must be"),
                Arguments.of(
                        "300-character shot id",
                        shot("prompt: p").replace("id: s01", "id: " + "s".repeat(300)),
                        "at most 64 characters"),
                Arguments.of(
                        "unknown model",
                        shot("prompt: p, model: seedance-9"),
                        "unknown model 'seedance-9': write one of seedance-1.0-lite-i2v"),
                Arguments.of("ratio 9:17", shot("prompt: p, ratio: \"9:17\""), "ratio: must be one of"),
                Arguments.of(
                        "dialogue that ends after the shot",
                        shot("prompt: p, dialogue: [{ who: lin, text: 你好, start: 2, end: 9 }]"),
                        "dialogue[0].end: ends at 9.0 s but the shot lasts 4 s"),
                Arguments.of(
                        "dialogue with a start and no end",
                        shot("prompt: p, dialogue: [{ who: lin, text: 你好, start: 2 }]"),
                        "a timed line needs both start and end"),
                Arguments.of(
                        "timed dialogue out of order",
                        shot(
                                "prompt: p, dialogue: [{ who: lin, text: 你好, start: 1, end: 3 }, { who: lin, text: 再见, start: 2, end: 3.5 }]"),
                        "before the previous timed line ends"),
                Arguments.of(
                        "timed dialogue leaves no time for an untimed line",
                        shot("prompt: p, dialogue: [{ who: lin, text: 你好, start: 0, end: 4 }, { who: lin, text: 再见 }]"),
                        "no time is left for this line"),
                Arguments.of(
                        "timed dialogue with the model's choice of duration",
                        shot("prompt: p, duration: -1, dialogue: [{ who: lin, text: 你好, start: 0, end: 2 }]"),
                        "needs a fixed duration"),
                Arguments.of(
                        "a budget no one can print",
                        HEAD.replace("characters:", "budget: { max_cny: 1e999999999 }\ncharacters:")
                                + "episodes: [{ id: e, shots: [{ id: a, prompt: p }] }]\n",
                        "must be within [0.000001, 1000000000] CNY with at most 6 decimals (got 1e999999999)"),
                Arguments.of(
                        "a budget too fine to keep",
                        HEAD.replace("characters:", "budget: { max_cny: 1e-999999999 }\ncharacters:")
                                + "episodes: [{ id: e, shots: [{ id: a, prompt: p }] }]\n",
                        "must be within [0.000001"),
                Arguments.of(
                        "a dialogue time of 1e999",
                        shot("prompt: p, dialogue: [{ who: lin, text: 你好, start: 0, end: 1e999 }]"),
                        "must be seconds into the shot"),
                Arguments.of(
                        "tab indentation, in plain words",
                        "title: t\nepisodes:\n\t- id: e\n",
                        "a tab is used for indentation"),
                Arguments.of("an unquoted mention", "title: t\nepisodes: []\nprompt: @lin\n", "put it in quotes"),
                Arguments.of(
                        "nesting 2000 deep",
                        "title: t\nx: " + "[".repeat(2000) + "]".repeat(2000) + "\nepisodes: []\n",
                        "nested more than 64 deep"),
                Arguments.of(
                        "a non-image file named .png",
                        shot("prompt: p, images: [assets/not-an-image.png]"),
                        "drama.yaml:5:63: episodes[ep01].shots[s01].images: 'assets/not-an-image.png' must be an image (jpeg, png"),
                Arguments.of(
                        "an image of aspect 2.6, once for every shot that uses it",
                        "title: t\ndefaults: { model: seedance-2.0-fast, resolution: 480p, duration: 4 }\n"
                                + "characters: { wide: { images: [assets/wide.png] } }\n"
                                + "episodes: [{ id: e, shots: [{ id: a, prompt: \"@wide\" }, { id: b, prompt: \"@wide\" }] }]\n",
                        "1 problem in the project:\n  drama.yaml:3:32: characters.wide.images: aspect ratio width/height must be within [0.4, 2.5], is 2.60 (got assets/wide.png (780×300))"),
                Arguments.of(
                        "a mistake in defaults, once",
                        "title: t\ndefaults: { model: seedance-2.0-fast, duration: 20 }\n"
                                + "episodes: [{ id: e, shots: [{ id: a, prompt: p }, { id: b, after: a, prompt: q }, { id: c, prompt: r }] }]\n",
                        "1 problem in the project:\n  drama.yaml:2:49: defaults.duration: must be within [4, 15]"),
                Arguments.of("a list instead of a mapping", "- title: t\n", "must be a mapping"),
                Arguments.of(
                        "a sheet's size",
                        sheet("{ size: huge }"),
                        "characters.wang.sheet.size: a sheet's size is 1K, 2K, 4K or WIDTHxHEIGHT"),
                Arguments.of(
                        "a sheet's unknown key", sheet("{ sead: 3 }"), "unknown key 'sead' (did you mean 'seed'?)"),
                Arguments.of(
                        "a sheet without a description",
                        HEAD
                                + "  wang: { sheet: { seed: 3 } }\nepisodes: [{ id: ep01, shots: [{ id: s01, prompt: p }] }]\n",
                        "a sheet is made from the description: add 'description:'"),
                Arguments.of(
                        "a sheet's pixels below the model's minimum",
                        sheet("{ model: doubao-seedream-4-5-251128, size: 1024x1024 }"),
                        "characters.wang.sheet.size"),
                Arguments.of(
                        "a sheet's model that makes no images",
                        sheet("{ model: doubao-seedance-2-0-260128 }"),
                        "is not an image model"),
                Arguments.of(
                        "sheets and shots over the budget",
                        "title: t\nbudget: { max_cny: 0.3 }\ncharacters:\n  wang: { description: 老人 }\n"
                                + "  chen: { description: 男人 }\nepisodes: [{ id: ep01, shots: [{ id: s01, prompt: \"@wang\" }] }]\n",
                        "refused"));
    }

    /** A project whose character wang has a description and {@code sheet}, mentioned by the only shot. */
    static String sheet(String sheet) {
        return "title: t\ncharacters:\n  lin: { description: 女孩 }\n  wang: { description: 老人, sheet: " + sheet
                + " }\nepisodes: [{ id: ep01, shots: [{ id: s01, prompt: \"@wang\" }] }]\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProjects")
    void isRefusedWithAClearErrorAndNothingSent(String name, String yaml, String expected) {
        StudioFixtures.assets(dir);
        TestFiles.write(dir.resolve("assets/not-an-image.png"), "just text");
        TestFiles.png(dir.resolve("assets/wide.png"), 780, 300, java.awt.Color.GREEN);
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
