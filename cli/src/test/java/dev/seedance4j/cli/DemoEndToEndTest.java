package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `seedance demo` end to end on the embedded emulator, then the episode file probed; a second run reuses all. */
class DemoEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void theDemoDeliversAnEpisodeWithSubtitlesCoverAndContactSheetAndRerunsForFree() throws Exception {
        // run as a newcomer does, in a folder of their own: the demo goes to out/demo there
        Path out = dir.resolve("out/demo");
        CliRun run = CliRun.in(dir, Map.of(), "demo", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("shots").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(summary.get("delivered").asInt())
                .isEqualTo(summary.get("shots").asInt());
        assertThat(summary.get("created").asInt())
                .isEqualTo(summary.get("shots").asInt());
        assertThat(summary.get("billed_tokens").asLong()).isPositive();

        JsonNode episode = summary.get("episodes").get(0);
        Path video = Path.of(episode.get("video").asText());
        assertThat(video).startsWith(out.resolve("episodes"));
        MediaInfo info = Ffmpeg.locate().probe(video);
        assertThat(info.streams(MediaStream.Type.VIDEO)).hasSize(1);
        assertThat(info.streams(MediaStream.Type.AUDIO)).hasSize(1);
        assertThat(info.streams(MediaStream.Type.SUBTITLE)).hasSize(1);
        assertThat(info.durationSeconds())
                .isCloseTo(episode.get("duration_seconds").asDouble(), within(0.1));
        double clips = 0;
        for (Path clip : Files.list(out.resolve("clips/ep01"))
                .filter(p -> p.toString().endsWith(".mp4"))
                .toList()) {
            clips += Ffmpeg.locate().probe(clip).durationSeconds();
        }
        assertThat(info.durationSeconds()).isCloseTo(clips, within(0.1));
        assertThat(Files.readString(Path.of(episode.get("subtitles").asText()))).contains("-->", "这一次");
        assertThat(Path.of(episode.get("cover").asText())).isNotEmptyFile();
        assertThat(Path.of(episode.get("contact_sheet").asText())).isNotEmptyFile();

        // status of the example the demo was made from finds the demo's state (the same file, in out/demo here)
        Path example = Path.of("..", "examples", "demo", "project.yaml")
                .toAbsolutePath()
                .normalize();
        CliRun status = CliRun.in(dir, Map.of(), "status", example.toString(), "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.err()).contains("the state of this project is in " + out);
        JsonNode state = new ObjectMapper().readTree(status.out());
        assertThat(state.get("counts").get("delivered").asInt())
                .isEqualTo(summary.get("shots").asInt());
        assertThat(example.resolveSibling("out"))
                .as("status writes nothing beside the example")
                .doesNotExist();

        CliRun again = CliRun.in(dir, Map.of(), "demo", "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode second = new ObjectMapper().readTree(again.out());
        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("reused").asInt()).isEqualTo(summary.get("shots").asInt());
        assertThat(second.get("episodes").get(0).get("skipped").asBoolean()).isTrue();
    }
}
