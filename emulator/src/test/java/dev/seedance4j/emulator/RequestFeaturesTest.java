package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Features whose effect shows in the finished task: drafts, text commands, frames, tools, limits on size. */
class RequestFeaturesTest {

    static Emulator emulator;
    static LocalServer files;

    @BeforeAll
    static void start() {
        byte[] png = png(400, 400);
        byte[] huge = Arrays.copyOf(png, 31 * 1024 * 1024); // a valid header, padded beyond 30 MB
        files = new LocalServer().serve("/huge.png", "image/png", huge);
        emulator = Emulator.builder().timeScale(0).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
        files.close();
    }

    @Test
    void aDraftBecomesAFinalVideoWithTheSameSeedAndRatio() {
        String draft = createOk(
                emulator,
                textRequest(PRO_1_5, "a draft")
                        .put("draft", true)
                        .put("duration", 4)
                        .put("ratio", "1:1"));
        JsonNode draftTask = awaitSucceeded(emulator, draft);
        assertThat(draftTask.get("draft").asBoolean()).isTrue();
        assertThat(draftTask.get("resolution").asText()).isEqualTo("480p");

        ObjectNode finalRequest = JSON.createObjectNode().put("model", PRO_1_5).put("resolution", "480p");
        finalRequest
                .putArray("content")
                .addObject()
                .put("type", "draft_task")
                .putObject("draft_task")
                .put("id", draft);
        JsonNode finalTask = awaitSucceeded(emulator, createOk(emulator, finalRequest));
        assertThat(finalTask.get("draft_task_id").asText()).isEqualTo(draft);
        assertThat(finalTask.get("draft").asBoolean()).isFalse();
        assertThat(finalTask.get("seed").asLong())
                .isEqualTo(draftTask.get("seed").asLong());
        assertThat(finalTask.get("ratio").asText()).isEqualTo("1:1");
        assertThat(finalTask.get("duration").asInt()).isEqualTo(4);

        // a task that is not a draft cannot be used as one
        ObjectNode notADraft = JSON.createObjectNode().put("model", PRO_1_5);
        notADraft
                .putArray("content")
                .addObject()
                .put("type", "draft_task")
                .putObject("draft_task")
                .put("id", finalTask.get("id").asText());
        assertThat(create(emulator, notADraft).param()).isEqualTo("content[0].draft_task.id");
    }

    @Test
    void textCommandsApplyWhenTheBodyIsSilentAndTheBodyWins() {
        JsonNode fromCommands = awaitSucceeded(
                emulator,
                createOk(emulator, textRequest(LITE, "小猫打哈欠 --rs 480p --rt 1:1 --dur 3 --seed 11 --wm true")));
        assertThat(fromCommands.get("resolution").asText()).isEqualTo("480p");
        assertThat(fromCommands.get("ratio").asText()).isEqualTo("1:1");
        assertThat(fromCommands.get("duration").asInt()).isEqualTo(3);
        assertThat(fromCommands.get("seed").asLong()).isEqualTo(11);
        JsonNode bodyWins = awaitSucceeded(
                emulator,
                createOk(
                        emulator,
                        textRequest(LITE, "小猫打哈欠 --rs 720p --dur 3")
                                .put("resolution", "480p")
                                .put("duration", 2)));
        assertThat(bodyWins.get("resolution").asText()).isEqualTo("480p");
        assertThat(bodyWins.get("duration").asInt()).isEqualTo(2);
    }

    @Test
    void framesAreReturnedInsteadOfDurationAndBilledAsAsked() {
        JsonNode task = awaitSucceeded(
                emulator,
                createOk(
                        emulator,
                        textRequest(LITE, "frames").put("resolution", "480p").put("frames", 29)));
        assertThat(task.get("frames").asInt()).isEqualTo(29);
        assertThat(task.has("duration")).isFalse();
        assertThat(task.at("/usage/completion_tokens").asLong()).isEqualTo(864L * 480 * 29 / 1024);
    }

    @Test
    void webSearchIsReportedAsAToolAndInUsage() {
        ObjectNode request = textRequest(V2_FAST, "today's weather as a clip")
                .put("resolution", "480p")
                .put("duration", 4)
                .put("safety_identifier", "user-hash-1");
        request.putArray("tools").addObject().put("type", "web_search");
        JsonNode task = awaitSucceeded(emulator, createOk(emulator, request));
        assertThat(task.at("/tools/0/type").asText()).isEqualTo("web_search");
        assertThat(task.at("/usage/tool_usage/web_search").asInt()).isEqualTo(1);
        assertThat(task.get("safety_identifier").asText()).isEqualTo("user-hash-1");
    }

    @Test
    void resultsOfEarlierTasksAreValidInputs() {
        // continuity: the last frame of one shot opens the next; extension: an earlier clip is reference video 1
        JsonNode shot = awaitSucceeded(
                emulator,
                createOk(
                        emulator,
                        textRequest(V2_FAST, "shot one")
                                .put("resolution", "480p")
                                .put("duration", 4)
                                .put("ratio", "9:16")
                                .put("return_last_frame", true)));
        ObjectNode next = image(
                        textRequest(V2_FAST, "shot two"),
                        shot.at("/content/last_frame_url").asText(),
                        "first_frame")
                .put("resolution", "480p")
                .put("duration", 4);
        assertThat(awaitSucceeded(emulator, createOk(emulator, next))
                        .get("ratio")
                        .asText())
                .isEqualTo("9:16");
        ObjectNode extend = media(
                        textRequest(V2_FAST, "extend video 1"),
                        "video_url",
                        shot.at("/content/video_url").asText())
                .put("resolution", "480p")
                .put("duration", 4);
        JsonNode extended = awaitSucceeded(emulator, createOk(emulator, extend));
        assertThat(extended.get("ratio").asText()).isEqualTo("9:16");
        // 4 s out + 4 s in: 97 + 96 frames, above the (4 + 4) s minimum of 192
        assertThat(extended.at("/usage/completion_tokens").asLong()).isEqualTo(496L * 864 * 193 / 1024);
    }

    @Test
    void imagesOver30MegabytesAreRefused() {
        Response response = create(emulator, image(textRequest(V2, "x"), files.url("/huge.png"), "first_frame"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/message").asText()).contains("larger than 30 MB");
    }
}
