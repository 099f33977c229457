package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.emulator.internal.service.ChatModelSpec;
import dev.seedance4j.emulator.internal.service.ImageModelSpec;
import dev.seedance4j.emulator.internal.service.ModelSpec;
import dev.seedance4j.emulator.internal.service.ModelTable;
import dev.seedance4j.media.Ffmpeg;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model line-up is data: the built-in table's facts, a user's file laid over it, and their effects. */
class ModelTableTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInTableHasEveryModelWithItsLimitsAndPrices() {
        ModelTable table = ModelTable.load(null);
        ModelSpec v2 = table.video(V2).orElseThrow();
        assertThat(v2.resolutions()).contains("1080p");
        assertThat(v2.price("720p", false, true, false)).isEqualByComparingTo("46");
        assertThat(v2.price("720p", true, true, false)).isEqualByComparingTo("28");
        assertThat(v2.price("1080p", false, true, false)).isEqualByComparingTo("51");
        assertThat(v2.price("1080p", true, true, false)).isEqualByComparingTo("31");
        assertThat(v2.cameraFixed()).isFalse();
        assertThat(v2.webSearchTextOnly()).isTrue();
        assertThat(table.video("dreamina-seedance-2-0-260128").orElseThrow().maxDuration())
                .isEqualTo(15);
        ModelSpec v25 = table.video(V2_5).orElseThrow();
        assertThat(v25.maxDuration()).isEqualTo(30);
        assertThat(v25.referenceFiles()).isEqualTo(10);
        assertThat(v25.audioOnlyReference()).isTrue();
        assertThat(v25.outputFormats()).containsExactly("mp4", "mov");
        assertThat(v25.omniReferenceTaskType()).isTrue();
        assertThat(v25.uncertain()).contains("id");
        assertThat(table.video(V2_MINI).orElseThrow().resolutions()).containsExactly("480p", "720p");
        ModelSpec pro15 = table.video(PRO_1_5).orElseThrow();
        assertThat(pro15.price("720p", false, false, false)).isEqualByComparingTo("8");
        assertThat(pro15.price("720p", false, true, true)).isEqualByComparingTo("8"); // flex halves 16
        assertThat(table.video(LITE).orElseThrow().concurrency()).isEqualTo(5);

        ImageModelSpec seedream40 = table.image("doubao-seedream-4-0-250828").orElseThrow();
        assertThat(seedream40.minPixels()).isEqualTo(1024L * 1024);
        assertThat(seedream40.maxPixels()).isEqualTo(4096L * 4096);
        assertThat(seedream40.sizes()).containsExactly("1K", "2K", "4K");
        assertThat(seedream40.cnyPerImage()).isEqualByComparingTo("0.20");
        for (String id : new String[] {
            "doubao-seedream-4-5-251128", "doubao-seedream-5-0-260128", "doubao-seedream-5-0-lite-260128"
        }) {
            ImageModelSpec seedream = table.image(id).orElseThrow();
            assertThat(seedream.minPixels()).isEqualTo(3_686_400);
            assertThat(seedream.sizes()).doesNotContain("1K");
            assertThat(seedream.maxReferencesPlusOutputs()).isEqualTo(15);
        }
        assertThat(table.image(V2)).isEmpty();
        assertThat(table.video("doubao-seedream-4-0-250828")).isEmpty();
        assertThat(seedream40.maxReferenceImages()).isEqualTo(10);
        assertThat(seedream40.optimizeModes()).containsExactly("standard", "fast");
        assertThat(seedream40.imagesPerMinute()).isEqualTo(500);
        assertThat(table.image("seedream-4-0-250828").orElseThrow().id()).isEqualTo("seedream-4-0-250828");

        // the chat models' capabilities are in the same table
        ChatModelSpec code = table.chat(GenAiSupport.CODE).orElseThrow();
        assertThat(code.jsonSchema()).isFalse();
        assertThat(code.jsonObject()).isTrue();
        assertThat(code.tpm()).isEqualTo(1_200_000);
        ChatModelSpec seed16 = table.chat(GenAiSupport.SEED_16).orElseThrow();
        assertThat(seed16.jsonSchema()).isTrue();
        assertThat(seed16.thinkingDefault()).isEqualTo("enabled");
        assertThat(seed16.reasoningEffort()).isFalse();
        assertThat(table.chat(GenAiSupport.SEED_FLASH).orElseThrow().thinking()).containsExactly("enabled", "disabled");
        assertThat(table.chat("doubao-seed-2-1-pro-260628").orElseThrow().uncertain())
                .contains("json_schema");
        assertThat(table.chat(V2)).isEmpty();
        assertThat(table.chat("doubao-seedream-4-0-250828")).isEmpty();
    }

    @Test
    void oneFileOverridesChatCapabilitiesAndImageLimitsAndPricesToo() throws Exception {
        Path file = dir.resolve("models.json");
        Files.writeString(file, """
                {"image_models": [{"id": "doubao-seedream-4-0-250828", "cny_per_image": 0.5,
                                   "max_reference_images": 1}],
                 "chat_models": [
                   {"id": "doubao-seed-2-0-pro-260215", "json_schema": false},
                   {"id": "my-chat-1", "name": "a new chat model", "json_schema": true, "json_object": true,
                    "thinking": ["disabled"], "thinking_default": "disabled", "reasoning_effort": false,
                    "max_tokens": 4096, "max_completion_tokens": 8192, "vision": false, "rpm": 10, "tpm": 100000}
                 ]}
                """);
        try (Emulator emulator = fast().modelTable(file).build().start()) {
            // a capability that moved: 2.0 pro without json_schema answers 400 naming the field
            ObjectNode schema = GenAiSupport.withSchema(
                    GenAiSupport.chatRequest("doubao-seed-2-0-pro-260215", null, GenAiSupport.SCRIPT),
                    GenAiSupport.storyboardSchema(8));
            TestSupport.Response refused = GenAiSupport.chat(emulator, schema);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.param()).isEqualTo("response_format.type");
            // the model a user added answers, without reasoning: its only thinking type is disabled
            ObjectNode added = JSON.createObjectNode().put("model", "my-chat-1");
            added.putArray("messages").addObject().put("role", "user").put("content", "你好");
            JsonNode reply = GenAiSupport.chat(emulator, added).body();
            assertThat(reply.at("/choices/0/message/content").asText()).isNotBlank();
            assertThat(reply.at("/choices/0/message/reasoning_content").isMissingNode())
                    .isTrue();

            // an image model's limits and price come from the same file
            ObjectNode twoReferences = JSON.createObjectNode()
                    .put("model", "doubao-seedream-4-0-250828")
                    .put("prompt", "角色三视图")
                    .put("size", "1K");
            twoReferences.putArray("image").add(pngDataUrl(400, 400)).add(pngDataUrl(400, 400));
            TestSupport.Response tooMany = GenAiSupport.images(emulator, twoReferences);
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.param()).isEqualTo("image");
            assertThat(tooMany.body().at("/error/message").asText()).contains("At most 1 reference images");
            twoReferences.remove("image");
            assertThat(GenAiSupport.images(emulator, twoReferences).status()).isEqualTo(200);
            assertThat(emulator.stats().imagesGenerated()).isEqualTo(1);
            assertThat(emulator.stats().cnyBilled()).isEqualByComparingTo("0.5");
        }
    }

    @Test
    void aUsersFileChangesKnownModelsAndAddsNewOnes() throws Exception {
        Path file = dir.resolve("models.json");
        Files.writeString(file, """
                {"video_models": [
                   {"id": "doubao-seedance-2-0-260128", "max_duration": 20},
                   {"id": "my-seedance-3", "name": "Seedance 3 (a guess)", "resolutions": ["480p"],
                    "default_resolution": "480p", "pixel_table": "seedance-2", "min_duration": 4, "max_duration": 8,
                    "text_to_video": true, "generate_audio": true, "rpm": 60, "concurrency": 2,
                    "prices": [{"cny_per_million_tokens": 99}]}
                 ],
                 "image_models": [{"id": "doubao-seedream-4-0-250828", "cny_per_image": 0.3}]}
                """);
        ModelTable table = ModelTable.load(file);
        assertThat(table.video(V2).orElseThrow().maxDuration()).isEqualTo(20);
        assertThat(table.video(V2).orElseThrow().price("720p", false, true, false))
                .isEqualByComparingTo("46");
        assertThat(table.image("doubao-seedream-4-0-250828").orElseThrow().cnyPerImage())
                .isEqualByComparingTo("0.3");

        try (Emulator emulator = fast().modelTable(file).build().start()) {
            assertThat(create(emulator, textRequest(V2, "x").put("duration", 20).put("resolution", "480p"))
                            .status())
                    .isEqualTo(200);
            String id = createOk(emulator, textRequest("my-seedance-3", "新模型").put("duration", 4));
            JsonNode task = awaitSucceeded(emulator, id);
            assertThat(task.get("model").asText()).isEqualTo("my-seedance-3");
            long tokens = task.at("/usage/completion_tokens").asLong();
            assertThat(tokens).isEqualTo(864L * 496 * (24 * 4 + 1) / 1024);
            assertThat(emulator.stats().cnyBilled()).isEqualByComparingTo(BigDecimal.valueOf(tokens * 99L, 6));
        }
    }

    @Test
    void aBrokenFileIsRefusedNamingTheFileTheModelAndTheRule() throws Exception {
        Path typo = dir.resolve("typo.json");
        Files.writeString(
                typo, "{\"video_models\": [{\"id\": \"doubao-seedance-2-0-260128\", \"max_durration\": 20}]}");
        assertThatThrownBy(() -> ModelTable.load(typo))
                .hasMessageContaining(typo.toString())
                .hasMessageContaining("doubao-seedance-2-0-260128")
                .hasMessageContaining("max_durration");
        Path rule = dir.resolve("rule.json");
        Files.writeString(
                rule, "{\"video_models\": [{\"id\": \"doubao-seedance-2-0-260128\", \"default_resolution\": \"8k\"}]}");
        assertThatThrownBy(() -> ModelTable.load(rule)).hasMessageContaining("default_resolution must be one of");
        Path notJson = dir.resolve("broken.json");
        Files.writeString(notJson, "{\"video_models\": [");
        assertThatThrownBy(() -> ModelTable.load(notJson)).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> Emulator.builder().modelTable(rule).build().start())
                .isInstanceOf(IllegalArgumentException.class);
        Path chat = dir.resolve("chat.json");
        Files.writeString(
                chat,
                "{\"chat_models\": [{\"id\": \"doubao-seed-1-6-flash-250828\", \"thinking_default\": \"auto\"}]}");
        assertThatThrownBy(() -> ModelTable.load(chat))
                .hasMessageContaining(chat.toString())
                .hasMessageContaining("doubao-seed-1-6-flash-250828")
                .hasMessageContaining("thinking_default must be one of its thinking types");
    }

    @Test
    void seedance25DeliversMovWhenAskedAndSaysSo() throws Exception {
        try (Emulator emulator = fast().build().start()) {
            JsonNode task = awaitSucceeded(
                    emulator,
                    createOk(
                            emulator,
                            textRequest(V2_5, "一段 2.5 的片子")
                                    .put("resolution", "480p")
                                    .put("duration", 4)
                                    .put("output_format", "mov")));
            assertThat(task.get("output_format").asText()).isEqualTo("mov");
            String url = task.at("/content/video_url").asText();
            assertThat(URI.create(url).getPath()).endsWith("/video.mov");
            Path file = dir.resolve("clip.mov");
            HttpResponse<Path> download = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(file));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("video/quicktime");
            assertThat(Ffmpeg.locate().probe(file).format()).contains("mov");
            assertThat(new String(Files.readAllBytes(file), 4, 8, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .startsWith("ftypqt");
        }
    }
}
