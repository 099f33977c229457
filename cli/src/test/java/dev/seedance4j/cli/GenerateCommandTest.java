package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `seedance generate` on the embedded emulator: the clip is made, downloaded and is what was asked for. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void aFirstFrameClipIsGeneratedDownloadedAndMatchesTheRequest() throws Exception {
        Path clip = dir.resolve("door.mp4");
        Path door = Path.of("..", "examples", "demo", "assets", "door.png");
        CliRun run = CliRun.run(
                "generate",
                "--emulator",
                "--prompt",
                "the door opens slowly",
                "--first-frame",
                door.toString(),
                "--resolution",
                "480p",
                "--ratio",
                "9:16",
                "--duration",
                "4",
                "--no-audio",
                "-o",
                clip.toString(),
                "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("task").get("status").asText()).isEqualTo("succeeded");
        assertThat(result.get("task").get("usage").get("completion_tokens").asLong())
                .isEqualTo(result.get("estimated_tokens").asLong());

        MediaInfo info = Ffmpeg.locate().probe(clip);
        assertThat(info.video().orElseThrow().width()).isEqualTo(496);
        assertThat(info.video().orElseThrow().height()).isEqualTo(864);
        assertThat(info.audio()).isEmpty();
        assertThat(info.durationSeconds()).isCloseTo(4.0, within(0.1));
    }

    @Test
    void tasksListAnswersAndAnUnknownTaskIsBadInput() {
        CliRun list = CliRun.run("tasks", "list", "--emulator", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("\"total\"", "\"items\"");
        CliRun missing = CliRun.run("tasks", "get", "cgt-20260101000000-zzzzz", "--emulator");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cgt-20260101000000-zzzzz");
    }
}
