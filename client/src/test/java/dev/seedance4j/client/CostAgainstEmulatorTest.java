package dev.seedance4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.EmulatorExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's cost estimate against the tokens the emulator bills ({@code usage.completion_tokens}). The requests
 * of a test are rendered together (one {@code awaitAll}) to keep the test short.
 *
 * <p>Both follow one rule where the contract is UNCERTAIN (§7.1, §3.6): with video input at least the tokens of
 * 24 × (output + 4) s are billed, each input video counts its whole seconds, and {@code adaptive} with a reference
 * video follows the video (the client, which cannot see the video's shape, estimates 16:9: the most pixels).
 */
class CostAgainstEmulatorTest {
    @RegisterExtension
    static final EmulatorExtension ARK = new EmulatorExtension(b -> b.timeScale(0));

    @TempDir
    static Path shared;

    private static ClipServer clips;

    @BeforeAll
    static void renderInputClips() throws Exception {
        clips = ClipServer.start(AgainstEmulator.ffmpeg(), shared, 2, 4);
    }

    @AfterAll
    static void stopClipServer() {
        clips.close();
    }

    @Test
    void estimatesEqualTheBilledTokens() throws Exception {
        CreateTaskRequest text720 = CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "小猫对着镜头打哈欠")
                .resolution(Resolution.P720)
                .ratio(Ratio.RATIO_16_9)
                .duration(5)
                .generateAudio(false)
                .build();
        CreateTaskRequest text480 =
                AgainstEmulator.small(Model.SEEDANCE_2_0_FAST, "雨夜的街道").build();
        CreateTaskRequest portrait = AgainstEmulator.small(Model.SEEDANCE_2_0, "竖屏的街舞")
                .ratio(Ratio.RATIO_9_16)
                .build();
        CreateTaskRequest withVideo = edit(5, 4); // 121 + 96 = 217 frames, above the minimum
        CreateTaskRequest atTheMinimum = edit(5, 2); // 121 + 48 frames, raised to the minimum

        Map<CreateTaskRequest, Long> billed = billed(text720, text480, portrait, withVideo, atTheMinimum);

        assertThat(estimate(text720)).isEqualTo(108_900).isEqualTo(billed.get(text720));
        assertThat(estimate(text480)).isEqualTo(864L * 496 * 97 / 1024).isEqualTo(billed.get(text480));
        assertThat(estimate(portrait)).isEqualTo(496L * 864 * 97 / 1024).isEqualTo(billed.get(portrait));
        assertThat(estimate(withVideo)).isEqualTo(864L * 496 * 217 / 1024).isEqualTo(billed.get(withVideo));
        assertThat(CostEstimator.defaults().estimate(atTheMinimum).minimumApplied())
                .isTrue();
        assertThat(estimate(atTheMinimum)).isEqualTo(90_396).isEqualTo(billed.get(atTheMinimum));
    }

    @Test
    void theMinimumWithVideoInputFollowsTheOutputLength() throws Exception {
        CreateTaskRequest shortOutput = edit(4, 4); // 97 + 96 = 193 frames, above 24 x (4 + 4) = 192
        CreateTaskRequest longerOutput = edit(6, 2); // 145 + 48 = 193 frames, raised to 24 x (6 + 4) = 240

        Map<CreateTaskRequest, Long> billed = billed(shortOutput, longerOutput);

        assertThat(estimate(shortOutput)).isEqualTo(864L * 496 * 193 / 1024).isEqualTo(billed.get(shortOutput));
        assertThat(CostEstimator.defaults().estimate(longerOutput).minimumApplied())
                .isTrue();
        assertThat(estimate(longerOutput)).isEqualTo(864L * 496 * 240 / 1024).isEqualTo(billed.get(longerOutput));
    }

    @Test
    void adaptiveWithAVideoAndAPortraitImageFollowsTheVideo(@TempDir Path dir) throws Exception {
        // contract §3.6: in the reference scene adaptive follows the first media file, video before image.
        Media portrait = Media.file(Fixtures.image(dir, "portrait.png", "png", 360, 640));
        CreateTaskRequest request = CreateTaskRequest.builder(Model.SEEDANCE_2_0)
                .text("[图1]的人走进视频1的画面")
                .referenceImage(portrait)
                .referenceVideo(clips.clip(4))
                .resolution(Resolution.P480)
                .duration(5)
                .generateAudio(false)
                .build();

        long billed = billed(request).get(request);

        assertThat(CostEstimator.outputSize(request, request.model())).isEqualTo(new VideoSize(864, 496));
        Task done = onlyTask();
        assertThat(done.ratio()).isEqualTo(Ratio.RATIO_16_9);
        assertThat(billed).isEqualTo(estimate(request));
    }

    private static Task onlyTask() {
        try (SeedanceClient client = AgainstEmulator.client(ARK.get())) {
            List<Task> tasks = client.tasks().list(ListTasksQuery.all()).items();
            assertThat(tasks).hasSize(1);
            return tasks.get(0);
        }
    }

    private static CreateTaskRequest edit(int outputSeconds, int inputSeconds) {
        return CreateTaskRequest.editVideo(Model.SEEDANCE_2_0, "把视频1的天空换成晚霞", clips.clip(inputSeconds))
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_16_9)
                .duration(outputSeconds)
                .generateAudio(false)
                .build();
    }

    private static long estimate(CreateTaskRequest request) {
        return CostEstimator.defaults().estimate(request).tokens();
    }

    /** Creates every request, waits for all, and returns the tokens each was billed. */
    private static Map<CreateTaskRequest, Long> billed(CreateTaskRequest... requests) throws InterruptedException {
        try (SeedanceClient client = AgainstEmulator.client(ARK.get())) {
            List<String> ids = new ArrayList<>();
            for (CreateTaskRequest request : requests) {
                ids.add(client.tasks().create(request));
            }
            Map<String, Task> done = AgainstEmulator.waiter(client).awaitAll(ids);
            Map<CreateTaskRequest, Long> billed = new HashMap<>();
            for (int i = 0; i < requests.length; i++) {
                Task task = done.get(ids.get(i));
                assertThat(task.status()).as("%s", task.error()).isEqualTo(TaskStatus.SUCCEEDED);
                billed.put(requests[i], task.usage().completionTokens());
            }
            assertThat(ARK.get().stats().tokensBilled())
                    .isEqualTo(
                            billed.values().stream().mapToLong(Long::longValue).sum());
            return billed;
        }
    }
}
