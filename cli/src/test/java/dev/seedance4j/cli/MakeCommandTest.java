package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seedance import} and {@code seedance make} from a script, on the embedded emulator. */
class MakeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path script(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static final String TWO_EPISODES = """
            《双面》

            人物小传：
            许念（24岁）：实习律师，马尾，白衬衫，眼神倔强。

            第1集 入职
            1-1 日 内 律所大厅
            人物：许念、前台
            △许念抱着资料走进律所大厅。
            前台：你就是新来的实习生？
            许念：是的，我叫许念。

            第2集 对峙
            2-1 夜 外 法院门口
            人物：许念
            △雨夜，许念站在法院台阶上。
            许念（OS）：这个案子，我一定要赢。
            """;

    @Test
    void makeProducesBothEpisodesWithTheDialogueAsSubtitlesAndASecondMakeCreatesNothing() throws Exception {
        Path script = script("drama.md", TWO_EPISODES);
        CliRun first = CliRun.in(dir, Map.of(), "make", script.toString(), "--emulator", "--json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("wrote " + dir.resolve("drama.yaml"), "nothing was spent");
        JsonNode summary = JSON.readTree(first.out());
        assertThat(summary.get("created").asInt())
                .isEqualTo(summary.get("shots").asInt())
                .isPositive();
        assertThat(summary.get("episodes")).hasSize(2);
        for (JsonNode episode : summary.get("episodes")) {
            MediaInfo info = Ffmpeg.locate().probe(Path.of(episode.get("video").asText()));
            assertThat(info.streams(MediaStream.Type.VIDEO)).hasSize(1);
            assertThat(info.streams(MediaStream.Type.SUBTITLE)).hasSize(1);
        }
        assertThat(Files.readString(
                        Path.of(summary.get("episodes").get(0).get("subtitles").asText())))
                .contains("你就是新来的实习生？", "是的，我叫许念。");
        assertThat(Files.readString(
                        Path.of(summary.get("episodes").get(1).get("subtitles").asText())))
                .contains("这个案子，我一定要赢。");

        CliRun again = CliRun.in(dir, Map.of(), "make", script.toString(), "--emulator", "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("drama.yaml is up to date with drama.md");
        JsonNode second = JSON.readTree(again.out());
        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("reused").asInt()).isEqualTo(summary.get("shots").asInt());
    }

    @Test
    void makeWithServeShowsTheBoardWhileItRuns() throws Exception {
        Path script = script("drama.md", TWO_EPISODES);
        CliRun run = CliRun.in(dir, Map.of(), "make", script.toString(), "--emulator", "--serve", "--port", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("board: http://127\\.0\\.0\\.1:\\d+/");
        assertThat(dir.resolve("drama.yaml")).exists();
    }

    @Test
    void makeWithAModelPutsTheChatCallsTheSheetsAndTheVideosInOneLedger() throws Exception {
        Path script = script("drama.md", TWO_EPISODES);
        CliRun run = CliRun.in(
                dir, Map.of(), "make", script.toString(), "--llm", "doubao-seed-1-8-251215", "--emulator", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("chat: 2 call(s)");
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("episodes")).hasSize(2);
        CliRun status =
                CliRun.in(dir, Map.of(), "status", dir.resolve("drama.yaml").toString(), "--json");
        JsonNode kinds = JSON.readTree(status.out()).get("kinds");
        assertThat(kinds.get("chat").get("billed_tokens").asLong()).isPositive();
        assertThat(kinds.get("video").get("billed_tokens").asLong()).isPositive();
        // the imported cast carries description:, so run made their reference sheets (images) before the shots
        assertThat(kinds.get("image").get("billed_cny").decimalValue()).isPositive();
        BigDecimal total = JSON.readTree(status.out()).get("spent_cny").decimalValue();
        assertThat(total)
                .isEqualByComparingTo(kinds.get("chat")
                        .get("billed_cny")
                        .decimalValue()
                        .add(kinds.get("video").get("billed_cny").decimalValue())
                        .add(kinds.get("image").get("billed_cny").decimalValue()));

        // the project is up to date with the script and these settings: the model is not asked again
        CliRun again = CliRun.in(
                dir, Map.of(), "make", script.toString(), "--llm", "doubao-seed-1-8-251215", "--emulator", "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("is up to date with drama.md").doesNotContain("chat:");
        assertThat(JSON.readTree(again.out()).get("created").asInt()).isZero();
    }

    @Test
    void importWritesTheProjectPrintsTheTableAndSpendsNothing() throws Exception {
        Path script = script("drama.md", TWO_EPISODES);
        CliRun run = CliRun.in(dir, Map.of(), "import", script.toString(), "-o", "p.yaml", "--episodes", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ep02", "s01-1", "1 episode(s)", "wrote " + dir.resolve("p.yaml"));
        assertThat(run.out()).doesNotContain("ep01");
        assertThat(run.out()).contains("nothing was spent");
        assertThat(dir.resolve("out")).doesNotExist();
        CliRun plan = CliRun.in(dir, Map.of(), "plan", dir.resolve("p.yaml").toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
    }

    @Test
    void aFatalScriptIsExitCode2AndNothingIsWritten() throws Exception {
        Path script = script("empty.md", "《空》\n\n大纲：还没写。\n");
        CliRun run = CliRun.in(dir, Map.of(), "make", script.toString(), "--emulator");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("empty.md: fatal: no scenes found");
        assertThat(run.err())
                .contains("the script cannot be imported: 1 fatal problem(s) above; nothing was written or spent");
        assertThat(dir.resolve("empty.yaml")).doesNotExist();
        assertThat(dir.resolve("out")).doesNotExist();

        Path drama = script("drama.md", TWO_EPISODES);
        CliRun badExport = CliRun.in(dir, Map.of(), "make", drama.toString(), "--emulator", "--export", "premiere");
        assertThat(badExport.exitCode()).isEqualTo(2);
        assertThat(badExport.err()).contains("--export: unknown export format 'premiere'");
        assertThat(dir.resolve("drama.yaml"))
                .as("flags are checked before the import")
                .doesNotExist();

        CliRun badPort = CliRun.in(dir, Map.of(), "make", drama.toString(), "--emulator", "--serve", "--port", "70000");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port must be 0 to 65535, was 70000");
        assertThat(dir.resolve("drama.yaml"))
                .as("the board's flags too are checked before the import")
                .doesNotExist();

        CliRun badRange = CliRun.in(dir, Map.of(), "import", script.toString(), "--episodes", "3-1");
        assertThat(badRange.exitCode()).isEqualTo(2);
        assertThat(badRange.err()).contains("--episodes must be an episode number or a range such as 1-3");
        CliRun missing = CliRun.in(dir, Map.of(), "import", "nope.md");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).contains("script not found");
    }

    @Test
    void importWithAModelRecordsTheChatCallsInTheLedgerThatStatusShows() throws Exception {
        Path script = script("drama.md", TWO_EPISODES);
        CliRun run =
                CliRun.in(dir, Map.of(), "import", script.toString(), "--llm", "doubao-seed-1-8-251215", "--emulator");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("chat: 2 call(s)", "in the project's ledger");
        CliRun status =
                CliRun.in(dir, Map.of(), "status", dir.resolve("drama.yaml").toString(), "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode chat = JSON.readTree(status.out()).get("kinds").get("chat");
        assertThat(chat.get("billed_tokens").asLong()).isPositive();
        assertThat(chat.get("billed_cny").decimalValue()).isPositive();
        CliRun text =
                CliRun.in(dir, Map.of(), "status", dir.resolve("drama.yaml").toString());
        assertThat(text.out())
                .containsPattern(
                        "by kind: video 0(\\.0+)? CNY billed, image 0(\\.0+)? CNY billed, chat 0\\.\\d+ CNY billed \\(\\d+ tokens\\)");

        CliRun noKey = CliRun.in(dir, Map.of(), "import", script.toString(), "--llm", "doubao-seed-1-8-251215");
        assertThat(noKey.exitCode()).isEqualTo(4);
        assertThat(noKey.err()).contains("ARK_API_KEY is not set");
    }
}
