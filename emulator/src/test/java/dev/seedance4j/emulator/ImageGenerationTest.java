package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.GenAiSupport.*;
import static dev.seedance4j.emulator.TestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Image generation over HTTP: sizes per model, real pictures, sequential sets, URLs, usage, errors and faults. */
class ImageGenerationTest {

    @RegisterExtension
    static final EmulatorExtension ark =
            new EmulatorExtension(b -> b.timeScale(0).moderatedWords("禁词").rpm(SEEDREAM_40, 3));

    static ObjectNode request(String model, String prompt, String size) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("prompt", prompt);
        if (size != null) body.put("size", size);
        return body.put("watermark", false);
    }

    static byte[] download(String url) {
        try {
            HttpResponse<byte[]> response = TestSupport.HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) throw new AssertionError("download: " + response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode ok(TestSupport.Response response) {
        if (response.status() != 200) throw new AssertionError(response.status() + " " + response.body());
        return response.body();
    }

    @Test
    void twoKOnSeedream45IsARealJpegOfTheSizeTheResponseStates() {
        JsonNode body = ok(images(ark.get(), request(SEEDREAM_45, "城市夜景海报，16:9", "2K")));
        assertThat(body.get("model").asText()).isEqualTo(SEEDREAM_45);
        JsonNode image = body.get("data").get(0);
        assertThat(image.get("size").asText()).isEqualTo("2720x1536"); // the service's observed 16:9 at 2K
        byte[] jpeg = download(image.get("url").asText());
        assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
        BufferedImage decoded = decode(jpeg);
        assertThat(decoded.getWidth()).isEqualTo(2720);
        assertThat(decoded.getHeight()).isEqualTo(1536);
        JsonNode usage = body.get("usage");
        assertThat(usage.get("generated_images").asInt()).isEqualTo(1);
        assertThat(usage.get("output_tokens").asLong()).isEqualTo(2720L * 1536 / 256);
        assertThat(usage.get("total_tokens").asLong())
                .isEqualTo(usage.get("output_tokens").asLong());
        assertThat(ark.get().stats().imagesByModel()).containsEntry(SEEDREAM_45, 1L);
        assertThat(ark.get().stats().requests("images")).isEqualTo(1);
    }

    @Test
    void theSameRequestAndSeedGiveTheSamePixelsAndAnotherSeedOthers() {
        ObjectNode body = request(SEEDREAM_40, "a lighthouse, anime style", "1024x1024")
                .put("seed", 42)
                .put("response_format", "b64_json")
                .put("output_format", "png");
        byte[] first = Base64.getDecoder()
                .decode(ok(images(ark.get(), body))
                        .get("data")
                        .get(0)
                        .get("b64_json")
                        .asText());
        byte[] second = Base64.getDecoder()
                .decode(ok(images(ark.get(), body))
                        .get("data")
                        .get(0)
                        .get("b64_json")
                        .asText());
        assertThat(first).startsWith(0x89, 'P', 'N', 'G');
        assertThat(second).isEqualTo(first);
        byte[] other = Base64.getDecoder()
                .decode(ok(images(ark.get(), body.put("seed", 43)))
                        .get("data")
                        .get(0)
                        .get("b64_json")
                        .asText());
        assertThat(pixels(decode(other))).isNotEqualTo(pixels(decode(first)));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void chinesePromptsAndWatermarksRender() {
        JsonNode body = ok(images(
                ark.get(), request(SEEDREAM_40, "短发女主，正面、侧面、背面三视图，白色背景", "1K").put("watermark", true)));
        BufferedImage image = decode(download(body.get("data").get(0).get("url").asText()));
        assertThat(image.getWidth() * (long) image.getHeight()).isGreaterThanOrEqualTo(1024L * 1024);
    }

    @Test
    void referenceImagesAppearAsThumbnails() {
        ObjectNode body = request(SEEDREAM_40, "参考图1，画一张海报", "1024x1024");
        body.putArray("image").add(TestSupport.pngDataUrl(400, 400)); // blue, with an orange disc in the middle
        BufferedImage image = decode(download(
                ok(images(ark.get(), body)).get("data").get(0).get("url").asText()));
        // the thumbnail sits at the top-left margin (1024 / 30 = 34 px) and is 1024 / 6 = 170 px high
        Color corner = new Color(image.getRGB(34 + 12, 34 + 12));
        Color middle = new Color(image.getRGB(34 + 85, 34 + 85));
        assertThat(corner.getBlue()).isGreaterThan(150);
        assertThat(corner.getRed()).isLessThan(90);
        assertThat(middle.getRed()).isGreaterThan(200);
        assertThat(middle.getBlue()).isLessThan(90);
    }

    @Test
    void sequentialGenerationReturnsUpToMaxImagesRelatedImages() {
        ObjectNode body = request(SEEDREAM_45, "参考图1，生成四张图片，图中人物分别带着墨镜，骑着摩托，带着帽子，拿着棒棒糖", "2K")
                .put("sequential_image_generation", "auto");
        body.putObject("sequential_image_generation_options").put("max_images", 3);
        JsonNode response = ok(images(ark.get(), body));
        assertThat(response.get("data")).hasSize(3);
        assertThat(response.get("usage").get("generated_images").asInt()).isEqualTo(3);
        List<String> urls = response.get("data").findValuesAsText("url");
        assertThat(urls).doesNotHaveDuplicates();
        ObjectNode all = body.deepCopy();
        all.remove("sequential_image_generation_options");
        assertThat(ok(images(ark.get(), all)).get("data")).hasSize(4);
        assertThat(ok(images(ark.get(), all.put("sequential_image_generation", "disabled")))
                        .get("data"))
                .hasSize(1);
    }

    @Test
    void sizesAreCheckedPerModel() {
        assertSizeError(images(ark.get(), request(SEEDREAM_40, "x", "1000x1000")), "[1048576, 16777216]");
        assertSizeError(images(ark.get(), request(SEEDREAM_45, "x", "2048x1536")), "[3686400, 16777216]");
        assertSizeError(images(ark.get(), request(SEEDREAM_45, "x", "1K")), "supported: 2K, 4K");
        assertSizeError(images(ark.get(), request(SEEDREAM_40, "x", "8500x500")), "aspect ratio");
        assertSizeError(images(ark.get(), request(SEEDREAM_40, "x", "large")), "1K, 2K, 4K or WIDTHxHEIGHT");
        assertThat(ok(images(ark.get(), request(SEEDREAM_45, "x", "2560x1440")))
                        .get("data")
                        .get(0)
                        .get("size")
                        .asText())
                .isEqualTo("2560x1440");
        // no size: the service's default square (contract), not width/height fields, which are not fields
        ObjectNode noSize = request(SEEDREAM_40, "x", null).put("width", 800).put("height", 600);
        assertThat(ok(images(ark.get(), noSize)).get("data").get(0).get("size").asText())
                .isEqualTo("2048x2048");
    }

    private static void assertSizeError(TestSupport.Response response, String text) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("InvalidParameter");
        assertThat(response.param()).isEqualTo("size");
        assertThat(response.body().get("error").get("message").asText()).contains(text);
    }

    @Test
    void otherErrorsNameTheirField() {
        TestSupport.Response unknown = images(ark.get(), request("doubao-seedream-0-0", "x", "2K"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("InvalidEndpointOrModel.NotFound");
        TestSupport.Response noPrompt = images(ark.get(), request(SEEDREAM_40, "", "2K"));
        assertThat(noPrompt.code()).isEqualTo("MissingParameter");
        assertThat(noPrompt.param()).isEqualTo("prompt");
        ObjectNode tooMany = request(SEEDREAM_40, "x", "1024x1024").put("sequential_image_generation", "auto");
        tooMany.putObject("sequential_image_generation_options").put("max_images", 16);
        assertThat(images(ark.get(), tooMany).param()).isEqualTo("sequential_image_generation_options.max_images");
        ObjectNode badImage = request(SEEDREAM_40, "x", "1024x1024");
        badImage.putArray("image").add(TestSupport.pngDataUrl(400, 400)).add("data:image/png;base64,AAAA");
        assertThat(images(ark.get(), badImage).param()).isEqualTo("image[1]");
        TestSupport.Response moderated = images(ark.get(), request(SEEDREAM_40, "一个禁词", "1024x1024"));
        assertThat(moderated.code()).isEqualTo("InputTextSensitiveContentDetected");
        assertThat(moderated.param()).isEqualTo("prompt");
        TestSupport.Response fast = images(
                ark.get(),
                request(SEEDREAM_45, "x", "2K")
                        .set("optimize_prompt_options", JSON.createObjectNode().put("mode", "fast")));
        assertThat(fast.param()).isEqualTo("optimize_prompt_options.mode");
    }

    @Test
    void imagesPerMinuteAnswer429() {
        ObjectNode body = request(SEEDREAM_40, "生成两张图", "1024x1024").put("sequential_image_generation", "auto");
        ok(images(ark.get(), body)); // 2 images
        ok(images(ark.get(), request(SEEDREAM_40, "x", "1024x1024"))); // 3
        TestSupport.Response limited = images(ark.get(), request(SEEDREAM_40, "x", "1024x1024"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("ModelAccountRpmRateLimitExceeded");
    }

    @Test
    void urlsExpireLikeVideoResultsAndServeRanges() throws Exception {
        String url = ok(images(ark.get(), request(SEEDREAM_40, "x", "1024x1024")))
                .get("data")
                .get(0)
                .get("url")
                .asText();
        HttpResponse<byte[]> range = TestSupport.HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Range", "bytes=0-9")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(10);
        assertThat(range.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        HttpResponse<byte[]> forged = TestSupport.HTTP.send(
                HttpRequest.newBuilder(URI.create(url.replaceAll("signature=[0-9a-f]{4}", "signature=0000")))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(forged.statusCode()).isEqualTo(403);
        ark.get().clock().advance(Duration.ofHours(25));
        HttpResponse<byte[]> expired = TestSupport.HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(expired.statusCode()).isEqualTo(403);
    }

    @Test
    void moderationFailsAnImageOfTheSetWhichIsNotBilled() {
        ObjectNode body = request(SEEDREAM_40, "x", "1024x1024");
        JsonNode response = ok(images(ark.get(), body, "moderation"));
        assertThat(response.get("data").get(0).get("error").get("code").asText())
                .isEqualTo("OutputImageSensitiveContentDetected");
        assertThat(response.get("usage").get("generated_images").asInt()).isZero();
        assertThat(images(ark.get(), body, "429").status()).isEqualTo(429);
        assertThat(images(ark.get(), body, "500").status()).isEqualTo(500);
        assertThatThrownBy(() -> images(ark.get(), body, "drop")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> images(ark.get(), body, "drop-after")).isInstanceOf(UncheckedIOException.class);
        EmulatorStats stats = ark.get().stats();
        assertThat(stats.imagesGenerated()).isEqualTo(1); // the one behind drop-after: billed, never received
        assertThat(stats.faults("moderation")).isEqualTo(1);
        assertThat(stats.faults("drop-after")).isEqualTo(1);
    }

    @Test
    void moderationByRateLetsTheRestOfASetThrough() {
        try (Emulator emulator = TestSupport.fast()
                .faults(Faults.builder().outputModerationRate(0.5).seed(3).build())
                .build()
                .start()) {
            ObjectNode body = request(SEEDREAM_40, "生成六张图", "1024x1024").put("sequential_image_generation", "auto");
            JsonNode data = ok(images(emulator, body)).get("data");
            assertThat(data).hasSize(6);
            long failed = 0;
            for (JsonNode item : data) if (item.has("error")) failed++;
            assertThat(failed).isBetween(1L, 5L);
            assertThat(emulator.stats().imagesGenerated()).isEqualTo(6 - failed);
        }
    }

    @Test
    void streamingSendsOneEventPerImageThenTheUsage() throws Exception {
        ObjectNode body = request(SEEDREAM_40, "生成两张图", "1024x1024")
                .put("sequential_image_generation", "auto")
                .put("stream", true);
        HttpResponse<String> response = TestSupport.HTTP.send(
                TestSupport.request(ark.get(), "/images/generations")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> events =
                response.body().lines().filter(l -> l.startsWith("event: ")).toList();
        assertThat(events)
                .containsExactly(
                        "event: image_generation.partial_succeeded",
                        "event: image_generation.partial_succeeded",
                        "event: image_generation.completed");
        List<String> data =
                response.body().lines().filter(l -> l.startsWith("data: ")).toList();
        assertThat(data.get(data.size() - 1)).isEqualTo("data: [DONE]");
        JsonNode completed = parse(data.get(2).substring(6));
        assertThat(completed.get("usage").get("generated_images").asInt()).isEqualTo(2);
        assertThat(parse(data.get(1).substring(6)).get("image_index").asInt()).isEqualTo(1);
    }
}
