package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.media.Ffmpeg;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a new user hits, as a script sees it: exit codes of the README's table, messages that name flags, keys and
 * variables (never Java), a JSON document whatever happens, local videos against a service on this machine.
 */
class NewUserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names only a Java programmer knows: classes, builder methods, option records. */
    private static final Pattern JAVA_SPEAK = Pattern.compile(
            "[A-Z][a-z]+(Options|Publisher|Exception|Builder)\\b|\\b[A-Z][A-Za-z]+\\.[a-z][A-Za-z]*\\(|\\bjava\\.[a-z]");

    /** A service on 127.0.0.1 in its own right, as `seedance emulator` runs one. */
    static Emulator standalone;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        standalone = Emulator.builder()
                .port(0)
                .timeScale(0.002)
                .moderatedWords("forbidden")
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        standalone.close();
    }

    private Path project(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, body);
    }

    private static final String HEAD = """
            title: t
            defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
            """;

    private Path tiny() throws Exception {
        return project("tiny/project.yaml", HEAD + """
                episodes:
                  - id: ep01
                    shots:
                      - { id: s01, prompt: a paper boat on a rainy street }
                """);
    }

    private static void image(Path file, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void assertSpeaksToUsers(CliRun run) {
        assertThat(JAVA_SPEAK.matcher(run.all()).find())
                .as("a Java name in: " + run.all())
                .isFalse();
    }

    @Test
    void everyCommandPrintsTheVersion() {
        for (String[] args : List.of(
                new String[] {"--version"}, new String[] {"status", "--version"}, new String[] {"run", "--version"})) {
            CliRun run = CliRun.run(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).containsPattern("seedance \\d+\\.\\d+\\.\\d+");
        }
    }

    @Test
    void flagValuesAreCheckedBeforeAnythingRunsAndNamedInMessages() throws Exception {
        Path p = tiny();
        CliRun concurrency = CliRun.run("run", p.toString(), "--emulator", "--concurrency", "0");
        assertThat(concurrency.exitCode()).isEqualTo(2);
        assertThat(concurrency.err()).contains("--concurrency must be at least 1");
        CliRun budget = CliRun.run("run", p.toString(), "--emulator", "--budget", "1e999999999");
        assertThat(budget.exitCode()).isEqualTo(2);
        assertThat(budget.err()).contains("--budget must be more than 0 and at most 1000000000 CNY");
        assertThat(budget.err().length()).isLessThan(400);
        CliRun rpm = CliRun.run("run", p.toString(), "--emulator", "--rpm", "many");
        assertThat(rpm.exitCode()).isEqualTo(2);
        assertThat(rpm.err()).contains("'many' is not a whole number");
        CliRun baseUrl = CliRun.run(Map.of("ARK_API_KEY", "k"), "run", p.toString(), "--base-url", "ftp://example");
        assertThat(baseUrl.exitCode()).isEqualTo(2);
        assertThat(baseUrl.err()).contains("--base-url must be an http:// or https:// URL");
        CliRun cover = CliRun.run("run", p.toString(), "--emulator", "--cover", "s99");
        assertThat(cover.exitCode()).isEqualTo(2);
        assertThat(cover.err()).contains("--cover s99: episode ep01 has no shot s99");
        // flags that do nothing for a command are not accepted by it
        assertThat(CliRun.run("status", p.toString(), "--concurrency", "3").exitCode())
                .isEqualTo(2);
        assertThat(CliRun.run("pick", p.toString(), "ep01/s01", "1", "--rpm", "5")
                        .exitCode())
                .isEqualTo(2);
        assertThat(dir.resolve("tiny/out")).doesNotExist();
        for (CliRun run : List.of(concurrency, budget, rpm, baseUrl, cover)) assertSpeaksToUsers(run);
    }

    @Test
    @org.junit.jupiter.api.Timeout(180) // it used to retry forever; this only stops a hanging build
    void aRunThatCannotReachTheServiceGivesUpInOneLineAndExits1() throws Exception {
        Path p = tiny();
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRun run = CliRun.run(
                Map.of("ARK_API_KEY", "sk-x", "SEEDANCE_GIVE_UP_AFTER", "2s"),
                "run",
                p.toString(),
                "--base-url",
                "http://127.0.0.1:" + closed + "/api/v3");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("no answer from the service", "gave up", "--give-up-after");
        assertSpeaksToUsers(run);
        CliRun status = CliRun.run("status", p.toString());
        assertThat(status.out())
                .contains("not_generated")
                .doesNotContain("in_flight")
                .doesNotContain("submitting");
        CliRun badFlag = CliRun.run(
                Map.of("ARK_API_KEY", "sk-x"),
                "run",
                p.toString(),
                "--base-url",
                "http://127.0.0.1:9/api/v3",
                "--give-up-after",
                "soon");
        assertThat(badFlag.exitCode()).isEqualTo(2);
        assertThat(badFlag.err()).contains("--give-up-after needs a duration");
    }

    @Test
    void aBrokenModelTableNamedBySeedanceModelsIsAConfigurationError() throws Exception {
        Path p = tiny();
        Path table = dir.resolve("models.json");
        Files.writeString(table, "{ \"video_models\": [ { \"id\": 42 } ]");
        CliRun run = CliRun.run(
                Map.of("ARK_API_KEY", "k", "SEEDANCE_MODELS", table.toString()),
                "run",
                p.toString(),
                "--base-url",
                "http://127.0.0.1:9/api/v3");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("models.json");
        assertSpeaksToUsers(run);
    }

    static Stream<Arguments> projectMistakes() {
        return Stream.of(
                Arguments.of("duration 20", "{ id: s01, prompt: p, duration: 20 }", "project.yaml:7:", "duration"),
                Arguments.of("ratio 9:17", "{ id: s01, prompt: p, ratio: \"9:17\" }", "project.yaml:7:", "ratio"),
                Arguments.of(
                        "an image of aspect 2.6",
                        "{ id: s01, prompt: p, images: [wide.png] }",
                        "project.yaml:7:",
                        "aspect"),
                Arguments.of(
                        "a text file named .png",
                        "{ id: s01, prompt: p, images: [text.png] }",
                        "project.yaml:7:",
                        "must be an image"),
                Arguments.of(
                        "an unknown model",
                        "{ id: s01, prompt: p, model: seedance-9 }",
                        "project.yaml:7:",
                        "unknown model 'seedance-9'"),
                Arguments.of(
                        "dialogue after the end of the shot",
                        "{ id: s01, prompt: p, dialogue: [{ who: lin, text: 你好, start: 2, end: 9 }] }",
                        "project.yaml:7:",
                        "ends at 9.0 s but the shot lasts 4 s"),
                Arguments.of("a shot id ..", "{ id: \"..\", prompt: p }", "project.yaml:7:", "a shot id must be"),
                Arguments.of(
                        "a tab", "{ id: s01, prompt: p }\n\t- x", "project.yaml:8:", "a tab is used for indentation"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projectMistakes")
    void everyMistakeInAProjectFileExits2WithItsLineBeforeAnythingIsSent(
            String name, String shot, String where, String rule) throws Exception {
        image(dir.resolve("bad/wide.png"), 780, 300);
        Files.writeString(dir.resolve("bad/text.png"), "not an image");
        Path p = project("bad/project.yaml", HEAD + """
                characters: { lin: { description: 短发女主 } }
                episodes:
                  - id: ep01
                    shots:
                      - %s
                """.formatted(shot));
        long creates = standalone.stats().creates();
        for (String command : List.of("plan", "run")) {
            CliRun run = CliRun.run(
                    Map.of("ARK_API_KEY", "x"), command, p.toString(), "--base-url", standalone.baseUrl(), "--json");
            if (command.equals("plan")) {
                run = CliRun.run(command, p.toString(), "--json");
            }
            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).contains(where, rule);
            assertSpeaksToUsers(run);
            JsonNode doc = JSON.readTree(run.out());
            assertThat(doc.get("exit_code").asInt()).isEqualTo(2);
            assertThat(doc.get("error").get("kind").asText()).isEqualTo("bad_input");
            assertThat(doc.get("created").asInt()).isZero();
        }
        assertThat(standalone.stats().creates()).isEqualTo(creates);
        assertThat(dir.resolve("bad/out")).doesNotExist();
    }

    @Test
    void aMistakeInDefaultsIsReportedOnceAtItsLine() throws Exception {
        Path p = project("defaults/project.yaml", """
                title: t
                defaults: { model: seedance-2.0-fast, duration: 20 }
                episodes:
                  - id: ep01
                    shots:
                      - { id: s01, prompt: a }
                      - { id: s02, after: s01, prompt: b }
                      - { id: s03, prompt: c }
                """);
        CliRun run = CliRun.run("plan", p.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("1 problem in the project:", "project.yaml:2:")
                .containsOnlyOnce("duration");
    }

    @Test
    void jsonPrintsADocumentWhateverTheExitCode() throws Exception {
        Path p = tiny();
        Path over = project("over/project.yaml", HEAD + """
                budget: { max_cny: 0.01 }
                episodes: [{ id: ep01, shots: [{ id: s01, prompt: p }] }]
                """);
        Path moderated = project("moderated/project.yaml", HEAD + """
                episodes: [{ id: ep01, shots: [{ id: s01, prompt: forbidden words }, { id: s02, prompt: fine }] }]
                """);
        Map<Integer, CliRun> byCode = new java.util.LinkedHashMap<>();
        byCode.put(
                1,
                CliRun.run(
                        Map.of("ARK_API_KEY", "x"),
                        "run",
                        moderated.toString(),
                        "--base-url",
                        standalone.baseUrl(),
                        "--json"));
        byCode.put(2, CliRun.run("status", p.toString(), "--json", "--no-such-flag"));
        byCode.put(3, CliRun.run("run", over.toString(), "--emulator", "--json"));
        byCode.put(4, CliRun.run(Map.of(), "run", p.toString(), "--json"));
        for (Map.Entry<Integer, CliRun> e : byCode.entrySet()) {
            CliRun run = e.getValue();
            assertThat(run.exitCode()).as(run.err()).isEqualTo(e.getKey());
            JsonNode doc = JSON.readTree(run.out());
            assertThat(doc.get("exit_code").asInt()).as(run.out()).isEqualTo(e.getKey());
            assertSpeaksToUsers(run);
        }
        JsonNode failed = JSON.readTree(byCode.get(1).out());
        assertThat(failed.get("failed").get("MODERATION").asInt()).isEqualTo(1);
        assertThat(failed.get("delivered").asInt()).isEqualTo(1);
        assertThat(new BigDecimal(failed.get("spent_cny").asText())).isPositive();
        JsonNode refused = JSON.readTree(byCode.get(3).out());
        assertThat(refused.get("error").get("kind").asText()).isEqualTo("refused");
        assertThat(refused.get("created").asInt()).isZero();
        assertThat(refused.has("spent_cny")).isTrue();
        assertThat(JSON.readTree(byCode.get(4).out()).get("error").get("kind").asText())
                .isEqualTo("configuration");

        CliRun lines = CliRun.run(Map.of(), "run", p.toString(), "--json-lines");
        assertThat(lines.exitCode()).isEqualTo(4);
        assertThat(JSON.readTree(lines.out().strip()).get("event").asText()).isEqualTo("error");
    }

    private Path editsALocalVideo() throws Exception {
        Path clip = dir.resolve("edit/assets/cafe.mp4");
        Files.createDirectories(clip.getParent());
        Ffmpeg.locate()
                .run(
                        List.of(
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc2=size=960x540:rate=24:duration=4",
                                "-c:v",
                                "libx264",
                                "-preset",
                                "ultrafast",
                                "-pix_fmt",
                                "yuv420p",
                                clip.toString()),
                        Duration.ofMinutes(1));
        return project("edit/project.yaml", HEAD + """
                episodes:
                  - id: ep01
                    shots:
                      - { id: s01, edit: assets/cafe.mp4, prompt: "把视频1里的咖啡杯换成白色瓷杯" }
                """);
    }

    @Test
    void localVideosArePublishedFromThisMachineForAServiceOnItAndNeedStorageOtherwise() throws Exception {
        Path p = editsALocalVideo();
        long creates = standalone.stats().creates();

        CliRun elsewhere = CliRun.run(
                Map.of("ARK_API_KEY", "x"), "run", p.toString(), "--base-url", "https://ark.example.invalid/api/v3");
        assertThat(elsewhere.exitCode()).isEqualTo(4);
        assertThat(elsewhere.err())
                .contains("project.yaml:6:", "assets/cafe.mp4", "SEEDANCE_S3_ENDPOINT", "SEEDANCE_S3_SECRET_KEY");
        assertSpeaksToUsers(elsewhere);

        CliRun incomplete = CliRun.run(
                Map.of("ARK_API_KEY", "x", "SEEDANCE_S3_BUCKET", "b"),
                "run",
                p.toString(),
                "--base-url",
                "https://ark.example.invalid/api/v3");
        assertThat(incomplete.exitCode()).isEqualTo(4);
        assertThat(incomplete.err())
                .contains(
                        "incomplete S3 settings: SEEDANCE_S3_ENDPOINT, SEEDANCE_S3_ACCESS_KEY, SEEDANCE_S3_SECRET_KEY are not set");
        assertThat(standalone.stats().creates()).isEqualTo(creates);

        CliRun here = CliRun.run(
                Map.of("ARK_API_KEY", "x"), "run", p.toString(), "--base-url", standalone.baseUrl(), "--json");
        assertThat(here.exitCode()).as(here.out() + here.err()).isZero();
        assertThat(JSON.readTree(here.out()).get("delivered").asInt()).isEqualTo(1);
        assertThat(standalone.stats().creates()).isEqualTo(creates + 1);
    }

    @Test
    void statusAddsUpInProjectOrderAndPickAssemblesTheEpisodeAgain() throws Exception {
        Path p = project("order/project.yaml", HEAD + """
                episodes:
                  - { id: zz-first, shots: [{ id: s01, prompt: 夜色中的城市 }] }
                  - { id: aa-second, shots: [{ id: s01, prompt: 雨中的街道 }, { id: s02, prompt: 伞 }] }
                """);
        // plan and status of a project never run leave nothing behind
        assertThat(CliRun.run("plan", p.toString()).exitCode()).isZero();
        assertThat(CliRun.run("status", p.toString()).exitCode()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("order"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("project.yaml");
        }

        assertThat(CliRun.run("run", p.toString(), "--emulator").exitCode()).isZero();
        assertThat(dir.resolve("order/out/order/studio.db")).exists();
        CliRun regen = CliRun.run("regen", p.toString(), "aa-second/s02", "--seed", "9", "--emulator");
        assertThat(regen.exitCode()).as(regen.err()).isZero();
        Path episode = dir.resolve("order/out/order/episodes/aa-second.mp4");
        String before = Files.readString(dir.resolve("order/out/order/episodes/aa-second.assembly.json"));

        CliRun pick = CliRun.run("pick", p.toString(), "aa-second/s02", "1");
        assertThat(pick.exitCode()).as(pick.err()).isZero();
        assertThat(pick.out())
                .contains("aa-second/s02 now uses take 1", "Episode aa-second assembled again: " + episode);
        assertThat(Files.readString(dir.resolve("order/out/order/episodes/aa-second.assembly.json")))
                .isNotEqualTo(before);

        JsonNode status =
                JSON.readTree(CliRun.run("status", p.toString(), "--json").out());
        List<String> order = new ArrayList<>();
        status.get("episodes").fieldNames().forEachRemaining(order::add);
        assertThat(order).containsExactly("zz-first", "aa-second");
        BigDecimal billed = BigDecimal.ZERO;
        BigDecimal estimated = BigDecimal.ZERO;
        for (JsonNode e : status.get("episodes")) {
            billed = billed.add(new BigDecimal(e.get("billed_cny").asText()));
            estimated = estimated.add(new BigDecimal(e.get("estimated_cny").asText()));
        }
        assertThat(billed)
                .isEqualByComparingTo(new BigDecimal(status.get("spent_cny").asText()));
        assertThat(billed)
                .isEqualByComparingTo(
                        new BigDecimal(status.get("total").get("billed_cny").asText()));
        assertThat(estimated)
                .isEqualByComparingTo(new BigDecimal(status.get("estimated_cny").asText()));
    }
}
