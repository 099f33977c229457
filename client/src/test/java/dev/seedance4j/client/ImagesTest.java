package dev.seedance4j.client;

import static dev.seedance4j.client.ScriptedServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seedream image generation on the wire: the body, the limits per model, the answer, errors and downloads. */
class ImagesTest extends LoopbackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private byte[] png(int width, int height) throws Exception {
        return Files.readAllBytes(Fixtures.image(dir, "p" + width + "x" + height + ".png", "png", width, height));
    }

    private String answer(String dataItems, int images) {
        return "{\"model\":\"doubao-seedream-4-5-251128\",\"created\":1778754737,\"data\":[" + dataItems + "],"
                + "\"usage\":{\"generated_images\":" + images + ",\"output_tokens\":16384,\"total_tokens\":16384}}";
    }

    @Test
    void theBodyCarriesEveryFieldUnderItsContractNameAndAlwaysSizeAndWatermark() throws Exception {
        server.enqueue(Reply.json(200, answer("{\"url\":\"" + server.url("/img/1.png") + "\",\"size\":\"2K\"}", 1)));
        client.images()
                .generate(ImageRequest.builder(Model.SEEDREAM_4_0, "林夏的四个表情", ImageSize.K2)
                        .images(Media.url("https://cdn.example.com/lin.png"), Media.asset("asset-20260810164850-mqxvm"))
                        .sequential(4)
                        .responseFormat(ImageResponseFormat.URL)
                        .seed(42)
                        .guidanceScale(5.5)
                        .build());
        ScriptedServer.Received sent = server.last();
        assertThat(sent.path()).isEqualTo("/api/v3/images/generations");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TestSupport.API_KEY);
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("""
                        {"model":"doubao-seedream-4-0-250828","prompt":"林夏的四个表情",
                         "image":["https://cdn.example.com/lin.png","asset://asset-20260810164850-mqxvm"],
                         "size":"2K","sequential_image_generation":"auto",
                         "sequential_image_generation_options":{"max_images":4},
                         "response_format":"url","seed":42,"watermark":false,"guidance_scale":5.5}
                        """));

        server.enqueue(
                Reply.json(200, answer("{\"url\":\"" + server.url("/img/2.png") + "\",\"size\":\"2560x1440\"}", 1)));
        client.images()
                .generate(ImageRequest.builder(Model.SEEDREAM_4_5, "夜色中的办公室", ImageSize.of(2560, 1440))
                        .image(Media.url("https://cdn.example.com/office.png"))
                        .build());
        JsonNode one = JSON.readTree(server.last().body());
        assertThat(one.get("image").isTextual()).isTrue(); // one reference goes as a string
        assertThat(one.get("size").asText()).isEqualTo("2560x1440");
        assertThat(one.get("watermark").asBoolean()).isFalse(); // sent although never set
        assertThat(one.has("sequential_image_generation") || one.has("seed") || one.has("response_format"))
                .isFalse();
    }

    @Test
    void eachModelsLimitsAreCheckedBeforeSending() throws Exception {
        Path webp = Fixtures.webp(dir, "ref.webp", 640, 480);
        ImageRequest bad = ImageRequest.builder(Model.SEEDREAM_4_5, " ", ImageSize.K1)
                .images(Collections.nCopies(15, Media.url("https://cdn.example.com/r.png"))
                        .toArray(Media[]::new))
                .build();
        assertThatThrownBy(() -> client.images().generate(bad))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::toString)
                                .containsExactly(
                                        "prompt = \" \": must not be blank",
                                        "size = 1K: must be one of [2K, 4K] or WxH on doubao-seedream-4-5-251128",
                                        "image = 15 images: at most 14 reference images on doubao-seedream-4-5-251128"));
        ImageRequest tooSmall = ImageRequest.builder(Model.SEEDREAM_4_5, "p", ImageSize.of(1024, 1024))
                .images(Media.file(webp))
                .sequential(16)
                .build();
        assertThat(RequestValidator.validate(tooSmall, tooSmall.model(), ModelTable.bundled()))
                .extracting(Violation::toString)
                .containsExactly(
                        "size = 1024x1024 (1048576 pixels): must have between 3686400 and 16777216 pixels on"
                                + " doubao-seedream-4-5-251128",
                        "sequential_image_generation_options.max_images = 16: must be within [1, 15]",
                        "image = 1 references + 16 images: references and generated images may total at most 15 on"
                                + " doubao-seedream-4-5-251128",
                        "image[0] = " + webp + ": a reference image must be jpeg or png");
        assertThat(RequestValidator.validate(
                        ImageRequest.builder(Model.SEEDREAM_4_0, "p", ImageSize.of(8000, 400))
                                .build(),
                        Model.SEEDREAM_4_0,
                        ModelTable.bundled()))
                .extracting(Violation::toString)
                .containsExactly("size = 8000x400: the aspect ratio must be within [1/16, 16] on"
                        + " doubao-seedream-4-0-250828");
        // 1K is 1024x1024 pixels, within 4.0's limits
        assertThat(RequestValidator.validate(
                        ImageRequest.builder(Model.SEEDREAM_4_0, "p", ImageSize.K1)
                                .build(),
                        Model.SEEDREAM_4_0,
                        ModelTable.bundled()))
                .isEmpty();
        ImageRequest unknown = ImageRequest.builder(Model.of("ep-20260101-img"), "p", ImageSize.K2)
                .build();
        assertThatThrownBy(() -> client.images().generate(unknown))
                .hasMessageContaining("model = ep-20260101-img: is not in the model table");
        assertThat(server.received()).isEmpty();
        server.enqueue(Reply.json(200, answer("{\"url\":\"" + server.url("/i.png") + "\"}", 1)));
        client.images().generate(unknown, CreateOptions.validateAs(Model.SEEDREAM_4_0));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void theAnswerIsReadAndPricedPerImage() {
        server.enqueue(Reply.json(
                200,
                answer(
                        "{\"url\":\"https://tos.example.com/a.png?X-Tos-Signature=s\",\"size\":\"2560x1440\"},"
                                + "{\"url\":\"https://tos.example.com/b.png?X-Tos-Signature=s\",\"size\":\"2560x1440\"}",
                        2)));
        ImageRequest request = ImageRequest.builder(Model.SEEDREAM_4_5, "两张", ImageSize.of(2560, 1440))
                .sequential(3)
                .build();
        ImageResponse answer = client.images().generate(request);
        assertThat(answer.model()).isEqualTo(Model.SEEDREAM_4_5);
        assertThat(answer.created()).isEqualTo("2026-05-14T10:32:17Z");
        assertThat(answer.data()).extracting(GeneratedImage::size).containsExactly("2560x1440", "2560x1440");
        assertThat(answer.usage()).isEqualTo(new ImageUsage(2, 16384, 16384));
        assertThat(answer.error()).isNull();
        assertThat(CostEstimator.defaults().imageCost(answer))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.50"));
        assertThat(CostEstimator.defaults().estimate(request))
                .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.75"));
        ModelTable unpriced = ModelTable.bundled()
                .withOverrides("{\"images\":{\"doubao-seedream-5-0-lite-260128\":{\"price_per_image\":null}}}");
        assertThat(CostEstimator.of(unpriced)
                        .estimate(request.toBuilder()
                                .model(Model.SEEDREAM_5_0_LITE)
                                .build()))
                .isEmpty();
    }

    @Test
    void aBase64ImageIsDecodedVerifiedAndSavedAtomically() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(png(400, 300));
        server.enqueue(Reply.json(200, answer("{\"b64_json\":\"" + b64 + "\",\"size\":\"400x300\"}", 1)));
        ImageResponse answer = client.images()
                .generate(ImageRequest.builder(Model.SEEDREAM_4_0, "p", ImageSize.of(1024, 1024))
                        .responseFormat(ImageResponseFormat.B64_JSON)
                        .build());
        Path saved = client.images().download(answer.data().get(0), dir.resolve("out/sheet.png"));
        assertThat(Files.readAllBytes(saved)).isEqualTo(png(400, 300));
        GeneratedImage lying = new GeneratedImage(null, b64, "512x512");
        assertThatThrownBy(() -> client.images().download(lying, dir.resolve("out/lying.png")))
                .isInstanceOf(SeedanceIOException.class)
                .hasMessageContaining("the png is 400x300, the answer said 512x512");
        assertThat(dir.resolve("out/lying.png")).doesNotExist();
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("sheet.png");
        }
    }

    @Test
    void aLinkIsDownloadedKeylessAndVerified() throws Exception {
        byte[] image = png(320, 240);
        server.enqueue(Reply.bytes(200, image).header("Content-Type", "image/png"));
        Path saved = client.images()
                .download(
                        new GeneratedImage(server.url("/tos/a.png?X-Tos-Signature=abc"), null, "320x240"),
                        dir.resolve("a.png"));
        assertThat(Files.readAllBytes(saved)).isEqualTo(image);
        assertThat(server.last().header("Authorization")).isNull();

        server.enqueue(Reply.bytes(200, "<html>login</html>".getBytes()));
        server.enqueue(Reply.bytes(200, "<html>login</html>".getBytes()));
        server.enqueue(Reply.bytes(200, "<html>login</html>".getBytes()));
        assertThatThrownBy(() -> client.images()
                        .download(new GeneratedImage(server.url("/tos/b.png"), null, "320x240"), dir.resolve("b.png")))
                .isInstanceOf(SeedanceIOException.class)
                .hasMessageContaining("the file is not an image");
        assertThat(dir.resolve("b.png")).doesNotExist();

        server.enqueue(Reply.bytes(403, "expired".getBytes()));
        assertThatThrownBy(() -> client.images()
                        .download(new GeneratedImage(server.url("/tos/c.png"), null, null), dir.resolve("c.png")))
                .isInstanceOfSatisfying(ResultExpiredException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.taskId()).isNull();
                });
        assertThatThrownBy(() -> client.images()
                        .download(new GeneratedImage("file:///etc/passwd", null, null), dir.resolve("d.png")))
                .isInstanceOf(InvalidResultLinkException.class)
                .hasMessage("the image link has the scheme file:, not http(s); nothing was fetched");
    }

    @Test
    void aRefusalIsTheVideoApisExceptionEvenInsideA200() {
        server.enqueue(Reply.error(400, "InputTextSensitiveContentDetected", "the prompt may be sensitive"));
        ImageRequest request =
                ImageRequest.builder(Model.SEEDREAM_4_0, "p", ImageSize.K2).build();
        assertThatThrownBy(() -> client.images().generate(request)).isInstanceOf(ContentModerationException.class);
        server.enqueue(Reply.json(
                200,
                "{\"model\":\"doubao-seedream-4-0-250828\",\"data\":[],\"error\":{\"code\":"
                        + "\"InputImageSensitiveContentDetected.PrivacyInformation\",\"message\":\"real person\"}}"));
        assertThatThrownBy(() -> client.images().generate(request))
                .isInstanceOfSatisfying(ContentModerationException.class, e -> {
                    assertThat(e.subCode()).contains("PrivacyInformation");
                    assertThat(e.httpStatus()).isEqualTo(200);
                });
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void anUnknownOutcomeIsNotResentByDefault() {
        server.enqueue(
                Reply.error(429, "ModelAccountRpmRateLimitExceeded", "slow").header("Retry-After", "1"));
        server.enqueue(Reply.error(503, "ServiceUnavailable", "busy"));
        ImageRequest request =
                ImageRequest.builder(Model.SEEDREAM_4_0, "p", ImageSize.K2).build();
        assertThatThrownBy(() -> client.images().generate(request))
                .isInstanceOfSatisfying(ImagesOutcomeUnknownException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.request()).isEqualTo(request);
                    assertThat(e.getMessage()).contains("may have made and billed images in 1 call");
                });
        assertThat(server.received()).hasSize(2); // the 429 was retried: nothing had been made
        try (SeedanceClient resending = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .clock(clock)
                .sleeper(sleeper)
                .resendImagesAfterUnknownOutcome(true)
                .build()) {
            server.enqueue(Reply.error(500, "InternalServiceError", "oops"));
            server.enqueue(Reply.json(200, answer("{\"url\":\"" + server.url("/i.png") + "\"}", 1)));
            assertThat(resending.images().generate(request).unansweredAttempts())
                    .isEqualTo(1);
        }
    }
}
