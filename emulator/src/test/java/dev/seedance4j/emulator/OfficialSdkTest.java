package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.volcengine.ark.runtime.exception.ArkHttpException;
import com.volcengine.ark.runtime.model.completion.chat.ChatCompletionChunk;
import com.volcengine.ark.runtime.model.completion.chat.ChatCompletionRequest;
import com.volcengine.ark.runtime.model.completion.chat.ChatCompletionResult;
import com.volcengine.ark.runtime.model.completion.chat.ChatMessage;
import com.volcengine.ark.runtime.model.completion.chat.ChatMessageRole;
import com.volcengine.ark.runtime.model.completion.chat.ResponseFormatJSONSchemaJSONSchemaParam;
import com.volcengine.ark.runtime.model.content.generation.CreateContentGenerationTaskRequest;
import com.volcengine.ark.runtime.model.content.generation.CreateContentGenerationTaskRequest.Content;
import com.volcengine.ark.runtime.model.content.generation.DeleteContentGenerationTaskRequest;
import com.volcengine.ark.runtime.model.content.generation.GetContentGenerationTaskRequest;
import com.volcengine.ark.runtime.model.content.generation.GetContentGenerationTaskResponse;
import com.volcengine.ark.runtime.model.content.generation.ListContentGenerationTasksRequest;
import com.volcengine.ark.runtime.model.content.generation.ListContentGenerationTasksResponse;
import com.volcengine.ark.runtime.model.images.generation.GenerateImagesRequest;
import com.volcengine.ark.runtime.model.images.generation.ImagesResponse;
import com.volcengine.ark.runtime.service.ArkService;
import dev.seedance4j.media.Ffmpeg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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

    // ---------------------------------------------------------------- images (issue 15 must-hold)

    private static GenerateImagesRequest.SequentialImageGenerationOptions maxImages(int max) {
        GenerateImagesRequest.SequentialImageGenerationOptions options =
                new GenerateImagesRequest.SequentialImageGenerationOptions();
        options.setMaxImages(max);
        return options;
    }

    @Test
    void generateImagesWorksUnchanged() {
        ImagesResponse single = ark.generateImages(GenerateImagesRequest.builder()
                .model(GenAiSupport.SEEDREAM_45)
                .prompt("短发女主角色设定，正面，动漫风格")
                .size("2K")
                .watermark(false)
                .build());
        assertThat(single.getModel()).isEqualTo(GenAiSupport.SEEDREAM_45);
        assertThat(single.getData()).hasSize(1);
        assertThat(single.getData().get(0).getUrl()).contains("/files/images/");
        assertThat(single.getData().get(0).getSize()).isEqualTo("2048x2048");
        assertThat(single.getUsage().getGeneratedImages()).isEqualTo(1);
        assertThat(single.getUsage().getOutputTokens()).isEqualTo(2048 * 2048 / 256);

        ImagesResponse set = ark.generateImages(GenerateImagesRequest.builder()
                .model(GenAiSupport.SEEDREAM_40)
                .prompt("生成四张图：1. 正面 2. 侧面 3. 背面 4. 全身")
                .image(pngDataUrl(400, 400))
                .size("1024x1024")
                .sequentialImageGeneration("auto")
                .sequentialImageGenerationOptions(maxImages(2))
                .responseFormat("b64_json")
                .outputFormat("png")
                .seed(7)
                .watermark(true)
                .build());
        assertThat(set.getData()).hasSize(2); // max_images arrived: the prompt asks for four
        byte[] png = Base64.getDecoder().decode(set.getData().get(1).getB64Json());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(set.getUsage().getGeneratedImages()).isEqualTo(2);

        assertThatThrownBy(() -> ark.generateImages(GenerateImagesRequest.builder()
                        .model(GenAiSupport.SEEDREAM_45)
                        .prompt("x")
                        .size("1K")
                        .build()))
                .isInstanceOfSatisfying(ArkHttpException.class, e -> {
                    assertThat(e.statusCode).isEqualTo(400);
                    assertThat(e.param).isEqualTo("size");
                });
    }

    /**
     * The contract warns that {@code SequentialImageGenerationOptions.maxImages} lacks {@code @JsonProperty}. The
     * SDK's ObjectMapper uses the SNAKE_CASE naming strategy, so it is sent as {@code max_images} all the same: this
     * test reads the body the SDK puts on the wire.
     */
    @Test
    void theSdkSendsMaxImagesInSnakeCase() {
        AtomicReference<String> sent = new AtomicReference<>();
        try (LocalServer capture = new LocalServer().handle("/api/v3/images/generations", exchange -> {
            sent.set(new String(LocalServer.body(exchange), StandardCharsets.UTF_8));
            byte[] reply = "{\"model\":\"m\",\"created\":1,\"data\":[],\"usage\":{\"generated_images\":0}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        })) {
            ArkService direct = ArkService.builder()
                    .apiKey(KEY)
                    .baseUrl(capture.url("/api/v3"))
                    .retryTimes(0)
                    .build();
            try {
                direct.generateImages(GenerateImagesRequest.builder()
                        .model(GenAiSupport.SEEDREAM_40)
                        .prompt("x")
                        .sequentialImageGeneration("auto")
                        .sequentialImageGenerationOptions(maxImages(3))
                        .build());
            } finally {
                direct.shutdownExecutor();
            }
        }
        JsonNode body = GenAiSupport.parse(sent.get());
        assertThat(body.get("sequential_image_generation_options")
                        .get("max_images")
                        .asInt())
                .isEqualTo(3);
        assertThat(body.get("sequential_image_generation_options").has("maxImages"))
                .isFalse();
    }

    // ---------------------------------------------------------------- chat completions

    private static ChatCompletionRequest storyboardRequest() {
        return ChatCompletionRequest.builder()
                .model(GenAiSupport.SEED_16)
                .messages(List.of(
                        ChatMessage.builder()
                                .role(ChatMessageRole.SYSTEM)
                                .content("你是分镜师。")
                                .build(),
                        ChatMessage.builder()
                                .role(ChatMessageRole.USER)
                                .content(GenAiSupport.SCRIPT)
                                .build()))
                .responseFormat(new ChatCompletionRequest.ChatCompletionRequestResponseFormat(
                        "json_schema",
                        new ResponseFormatJSONSchemaJSONSchemaParam(
                                "storyboard", "shots", GenAiSupport.storyboardSchema(40), true)))
                .thinking(new ChatCompletionRequest.ChatCompletionRequestThinking("disabled"))
                .build();
    }

    @Test
    void createChatCompletionWorksUnchanged() {
        ChatCompletionResult result = ark.createChatCompletion(storyboardRequest());
        assertThat(result.getObject()).isEqualTo("chat.completion");
        assertThat(result.getChoices().get(0).getFinishReason()).isEqualTo("stop");
        JsonNode shots = GenAiSupport.parse(
                (String) result.getChoices().get(0).getMessage().getContent());
        assertThat(GenAiSupport.violations(GenAiSupport.storyboardSchema(40), shots))
                .isEmpty();
        assertThat(shots.get("shots")).hasSize(4);
        assertThat(result.getUsage().getPromptTokens()).isPositive();
        assertThat(result.getUsage().getTotalTokens())
                .isEqualTo(
                        result.getUsage().getPromptTokens() + result.getUsage().getCompletionTokens());

        StringBuilder streamed = new StringBuilder();
        ChatCompletionRequest streaming = storyboardRequest();
        streaming.setStream(true);
        ark.streamChatCompletion(streaming).blockingForEach((ChatCompletionChunk chunk) -> {
            if (!chunk.getChoices().isEmpty())
                streamed.append(chunk.getChoices().get(0).getMessage().getContent());
        });
        assertThat(streamed.toString())
                .isEqualTo(result.getChoices().get(0).getMessage().getContent());

        ChatCompletionRequest unknown = storyboardRequest();
        unknown.setModel("doubao-seed-0-0");
        assertThatThrownBy(() -> ark.createChatCompletion(unknown))
                .isInstanceOfSatisfying(ArkHttpException.class, e -> {
                    assertThat(e.statusCode).isEqualTo(404);
                    assertThat(e.code).isEqualTo("InvalidEndpointOrModel.NotFound");
                });
    }
}
