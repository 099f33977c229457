package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.GenAiSupport.*;
import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated real-face refusal, end to end over HTTP: photorealistic images the emulator generated, and images it
 * was told are photographs, are refused as Seedance references (first frame, reference image) and as Seedream
 * references; stylised images and {@code asset://} portraits pass.
 */
class RealFaceTest {

    static final String PRIVACY = "InputImageSensitiveContentDetected.PrivacyInformation";
    static Emulator emulator;
    static byte[] photograph;

    @BeforeAll
    static void start(@TempDir Path assets) throws Exception {
        photograph = png(640, 480);
        Files.write(assets.resolve("portrait-1.png"), photograph);
        Path listed = assets.resolve("listed.png");
        Files.write(listed, photograph);
        emulator = fast().faults(Faults.parse("stuck=1")) // tasks are accepted, none is rendered
                .assetDirectory(assets)
                .realFaces(listed)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** Generates one image and returns its bytes, downloaded from its URL. */
    static byte[] generated(String prompt, String format) {
        ObjectNode body =
                ImageGenerationTest.request(SEEDREAM_40, prompt, "1024x1024").put("output_format", format);
        JsonNode response = ImageGenerationTest.ok(images(emulator, body));
        return ImageGenerationTest.download(
                response.get("data").get(0).get("url").asText());
    }

    static String dataUrl(byte[] bytes, String format) {
        return "data:image/" + format + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    static ObjectNode referenceVideo(String url) {
        return image(
                textRequest(V2_FAST, "[图1] 走进房间").put("duration", 4).put("resolution", "480p"), url, "reference_image");
    }

    static ObjectNode firstFrameVideo(String url) {
        return image(textRequest(V2_FAST, "开场").put("duration", 4).put("resolution", "480p"), url, "first_frame");
    }

    @Test
    void aPhotorealisticGeneratedImageIsRefusedAsEveryKindOfReference() {
        byte[] jpeg = generated("photorealistic portrait of a young woman, studio light", "jpeg");
        byte[] png = generated("写实风格，真人照片，一位老人", "png");

        TestSupport.Response video = create(emulator, referenceVideo(dataUrl(jpeg, "jpeg")));
        assertThat(video.status()).isEqualTo(400);
        assertThat(video.code()).isEqualTo(PRIVACY);
        assertThat(video.param()).isEqualTo("content[1].image_url.url");
        assertThat(video.body().get("error").get("type").asText()).isEqualTo("BadRequest");
        assertThat(video.body().get("error").get("message").asText()).contains("real person");

        TestSupport.Response firstFrame = create(emulator, firstFrameVideo(dataUrl(png, "png")));
        assertThat(firstFrame.code()).isEqualTo(PRIVACY);

        ObjectNode sheet = ImageGenerationTest.request(SEEDREAM_45, "based on image 1, a full-body view", "2K");
        sheet.putArray("image").add(dataUrl(png, "png"));
        TestSupport.Response image = images(emulator, sheet);
        assertThat(image.status()).isEqualTo(400);
        assertThat(image.code()).isEqualTo(PRIVACY);
        assertThat(image.param()).isEqualTo("image[0]");
        assertThat(emulator.stats().faults("real-face")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theRefusalAlsoHoldsWhenTheImageIsFetchedByItsUrl() {
        ObjectNode body = ImageGenerationTest.request(SEEDREAM_40, "realistic photo of a chef", "1024x1024");
        String url = ImageGenerationTest.ok(images(emulator, body))
                .get("data")
                .get(0)
                .get("url")
                .asText();
        TestSupport.Response video = create(emulator, referenceVideo(url));
        assertThat(video.code()).isEqualTo(PRIVACY);
    }

    @Test
    void stylisedGeneratedImagesPass() {
        byte[] anime = generated("anime style character sheet, front view", "jpeg");
        assertThat(create(emulator, referenceVideo(dataUrl(anime, "jpeg"))).status())
                .isEqualTo(200);
        ObjectNode next = ImageGenerationTest.request(SEEDREAM_40, "the same character, side view", "1024x1024");
        next.put("image", dataUrl(anime, "jpeg"));
        assertThat(images(emulator, next).status()).isEqualTo(200);
    }

    @Test
    void imagesListedAtStartUpAreRefusedUnlessTheyComeFromThePortraitLibrary() {
        TestSupport.Response listed = create(emulator, firstFrameVideo(dataUrl(photograph, "png")));
        assertThat(listed.code()).isEqualTo(PRIVACY);
        assertThat(listed.param()).isEqualTo("content[1].image_url.url");
        ObjectNode sheet = ImageGenerationTest.request(SEEDREAM_40, "a sheet", "1024x1024")
                .put("image", dataUrl(photograph, "png"));
        assertThat(images(emulator, sheet).param()).isEqualTo("image");
        // the same picture as a virtual portrait / authorised asset: the documented remedy
        assertThat(create(emulator, firstFrameVideo("asset://portrait-1")).status())
                .isEqualTo(200);
        assertThat(images(emulator, sheet.put("image", "asset://portrait-1")).status())
                .isEqualTo(200);
        // another image is not a listed face
        assertThat(create(emulator, firstFrameVideo(pngDataUrl(640, 482))).status())
                .isEqualTo(200);
    }

    @Test
    void theCommandLineTakesHashesAndFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("face.png");
        Files.write(file, photograph);
        String hash =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photograph));
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        try (Emulator byHash = EmulatorMain.parse(new String[] {"--port", "0", "--real-faces", hash}, out)
                .timeScale(0)
                .build()
                .start()) {
            TestSupport.Response refused = create(byHash, firstFrameVideo(dataUrl(photograph, "png")));
            assertThat(refused.code()).isEqualTo(PRIVACY);
        }
        assertThat(EmulatorMain.parse(new String[] {"--real-faces", file.toString()}, out))
                .isNotNull();
        assertThatThrownBy(() -> EmulatorMain.parse(
                        new String[] {"--real-faces", dir.resolve("missing.png").toString()}, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.png");
    }
}
