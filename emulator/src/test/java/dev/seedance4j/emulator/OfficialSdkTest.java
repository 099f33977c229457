package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.volcengine.ark.runtime.exception.ArkHttpException;
import com.volcengine.ark.runtime.model.content.generation.CreateContentGenerationTaskRequest;
import com.volcengine.ark.runtime.model.content.generation.CreateContentGenerationTaskRequest.Content;
import com.volcengine.ark.runtime.model.content.generation.DeleteContentGenerationTaskRequest;
import com.volcengine.ark.runtime.model.content.generation.GetContentGenerationTaskRequest;
import com.volcengine.ark.runtime.model.content.generation.GetContentGenerationTaskResponse;
import com.volcengine.ark.runtime.model.content.generation.ListContentGenerationTasksRequest;
import com.volcengine.ark.runtime.model.content.generation.ListContentGenerationTasksResponse;
import com.volcengine.ark.runtime.service.ArkService;
import dev.seedance4j.media.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Volcengine Java SDK, unchanged, against the emulator (contract §8.2–§8.3). */
class OfficialSdkTest {

    static Emulator emulator;
    static LocalServer files;
    static ArkService ark;

    @BeforeAll
    static void start() throws Exception {
        Path clip = Files.createTempFile("sdk", ".mp4");
        Ffmpeg.locate()
                .run(
                        List.of(
                                "-y",
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc=s=640x640:r=24:d=3",
                                "-c:v",
                                "libx264",
                                "-preset",
                                "ultrafast",
                                "-pix_fmt",
                                "yuv420p",
                                clip.toString()),
                        Duration.ofMinutes(1));
        files = new LocalServer().serve("/clip.mp4", "video/mp4", Files.readAllBytes(clip));
        Files.delete(clip);
        emulator = fast().build().start();
        ark = ArkService.builder()
                .apiKey(KEY)
                .baseUrl(emulator.baseUrl())
                .retryTimes(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stop() {
        ark.shutdownExecutor();
        emulator.close();
        files.close();
    }

    private static Content text(String prompt) {
        return Content.builder().type("text").text(prompt).build();
    }

    private static Content image(String url, String role) {
        return Content.builder()
                .type("image_url")
                .imageUrl(CreateContentGenerationTaskRequest.ImageUrl.builder()
                        .url(url)
                        .build())
                .role(role)
                .build();
    }

    private static String create(String model, List<Content> content, String resolution, long duration) {
        CreateContentGenerationTaskRequest request = CreateContentGenerationTaskRequest.builder()
                .model(model)
                .content(content)
                .resolution(resolution)
                .duration(duration)
                .ratio("16:9")
                .build();
        return ark.createContentGenerationTask(request).getId();
    }

    private static GetContentGenerationTaskResponse awaitDone(String id) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            GetContentGenerationTaskResponse task = ark.getContentGenerationTask(
                    GetContentGenerationTaskRequest.builder().taskId(id).build());
            if (task.getStatus().equals("succeeded") || task.getStatus().equals("failed")) return task;
            sleep(100);
        }
        throw new AssertionError("task " + id + " did not finish");
    }

    @Test
    void createsEveryContentTypeAndReadsTheResult() {
        List<String> ids = new ArrayList<>();
        ids.add(create(LITE, List.of(text("text to video")), "480p", 2L));
        ids.add(create(V2_FAST, List.of(text("first frame"), image(pngDataUrl(640, 360), "first_frame")), "480p", 4L));
        ids.add(create(
                V2_FAST,
                List.of(
                        text("first and last"),
                        image(pngDataUrl(640, 360), "first_frame"),
                        image(pngDataUrl(640, 360), "last_frame")),
                "480p",
                4L));
        ids.add(create(
                V2_FAST,
                List.of(
                        text("[图1] and [图2]"),
                        image(pngDataUrl(400, 400), "reference_image"),
                        image(pngDataUrl(400, 400), "reference_image")),
                "480p",
                4L));
        ids.add(create(
                V2_FAST,
                List.of(
                        text("edit video 1"),
                        Content.builder()
                                .type("video_url")
                                .videoUrl(CreateContentGenerationTaskRequest.VideoUrl.builder()
                                        .url(files.url("/clip.mp4"))
                                        .build())
                                .role("reference_video")
                                .build()),
                "480p",
                4L));
        ids.add(create(
                V2_FAST,
                List.of(
                        text("image 1 speaks audio 1"),
                        image(pngDataUrl(400, 400), "reference_image"),
                        Content.builder()
                                .type("audio_url")
                                .audioUrl(CreateContentGenerationTaskRequest.AudioUrl.builder()
                                        .url(wavDataUrl(3))
                                        .build())
                                .role("reference_audio")
                                .build()),
                "480p",
                4L));
        for (String id : ids) {
            GetContentGenerationTaskResponse task = awaitDone(id);
            assertThat(task.getStatus()).as(id).isEqualTo("succeeded");
            assertThat(task.getContent().getVideoUrl()).contains("/files/" + id + "/video.mp4");
            assertThat(task.getUsage().getCompletionTokens()).isPositive();
            assertThat(task.getFramesPerSecond()).isEqualTo(24L);
            assertThat(task.getRatio()).isEqualTo("16:9");
        }
        assertThat(emulator.stats().createsByModel()).containsEntry(V2_FAST, 5L).containsEntry(LITE, 1L);
    }

    @Test
    void listsWithFiltersAndDeletes() {
        String first = create(LITE, List.of(text("one")), "480p", 2L);
        String second = create(LITE, List.of(text("two")), "480p", 2L);
        awaitDone(first);
        awaitDone(second);
        ListContentGenerationTasksResponse page =
                ark.listContentGenerationTasks(ListContentGenerationTasksRequest.builder()
                        .pageNum(1)
                        .pageSize(50)
                        .status("succeeded")
                        .model(LITE)
                        .serviceTier("default")
                        .addTaskId(first)
                        .addTaskId(second)
                        .build());
        assertThat(page.getTotal()).isEqualTo(2);
        assertThat(page.getItems())
                .extracting(ListContentGenerationTasksResponse.Item::getId)
                .containsExactly(second, first);

        ark.deleteContentGenerationTask(
                DeleteContentGenerationTaskRequest.builder().taskId(first).build());
        assertThatThrownBy(() -> ark.getContentGenerationTask(
                        GetContentGenerationTaskRequest.builder().taskId(first).build()))
                .isInstanceOfSatisfying(ArkHttpException.class, e -> {
                    assertThat(e.statusCode).isEqualTo(404);
                    assertThat(e.code).isEqualTo("NotFound.TaskId");
                });
    }

    @Test
    void errorsArriveAsArkHttpExceptions() {
        assertThatThrownBy(() -> create("doubao-seedance-0-0", List.of(text("x")), "480p", 5L))
                .isInstanceOfSatisfying(ArkHttpException.class, e -> {
                    assertThat(e.statusCode).isEqualTo(404);
                    assertThat(e.code).isEqualTo("InvalidEndpointOrModel.NotFound");
                    assertThat(e.param).isEqualTo("model");
                    assertThat(e.type).isEqualTo("NotFound");
                });
        assertThatThrownBy(() -> create(V2, List.of(text("x")), "480p", 99L))
                .isInstanceOfSatisfying(
                        ArkHttpException.class, e -> assertThat(e.param).isEqualTo("duration"));
    }
}
