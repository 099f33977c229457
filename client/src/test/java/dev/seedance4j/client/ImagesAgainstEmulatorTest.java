package dev.seedance4j.client;

import static dev.seedance4j.client.AgainstEmulator.emulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.emulator.Emulator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** client.images() over real HTTP against the emulator: real pictures, limits, cost, refusals, faults. */
class ImagesAgainstEmulatorTest {
    @TempDir
    Path dir;

    private static ImageRequest.Builder sheet(Model model, ImageSize size) {
        return ImageRequest.builder(model, "林夏的角色设定图：正面、侧面、全身，纯色背景，动漫风格", size).seed(7);
    }

    private static BufferedImage read(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file.toString()).isNotNull();
        return image;
    }

    @Test
    void aSheetIsARealImageOfTheRequestedSizeSavedAndPriced() throws Exception {
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ImageRequest request =
                    sheet(Model.SEEDREAM_4_5, ImageSize.of(2560, 1440)).build();
            ImageResponse answer = client.images().generate(request);
            assertThat(answer.images()).hasSize(1);
            assertThat(answer.data().get(0).size()).isEqualTo("2560x1440");
            Path saved = client.images().download(answer.data().get(0), dir.resolve("sheets/lin.png"));
            BufferedImage image = read(saved);
            assertThat(image.getWidth()).isEqualTo(2560);
            assertThat(image.getHeight()).isEqualTo(1440);
            assertThat(answer.usage().generatedImages()).isEqualTo(1);
            assertThat(ark.stats().imagesByModel()).containsEntry(Model.SEEDREAM_4_5.id(), 1L);
            assertThat(CostEstimator.defaults().imageCost(answer))
                    .hasValueSatisfying(cny -> assertThat(cny).isEqualByComparingTo("0.25"));

            ImageResponse again = client.images().generate(request);
            Path second = client.images().download(again.data().get(0), dir.resolve("sheets/lin-2.png"));
            assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(saved)); // same request, same pixels
        }
    }

    @Test
    void aSeriesWithReferencesInBase64() throws Exception {
        Path reference = Fixtures.image(dir, "lin.png", "png", 640, 640);
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ImageRequest request = sheet(Model.SEEDREAM_4_0, ImageSize.K2)
                    .image(Media.file(reference))
                    .sequential(3)
                    .responseFormat(ImageResponseFormat.B64_JSON)
                    .build();
            ImageResponse answer = client.images().generate(request);
            assertThat(answer.images()).hasSizeBetween(1, 3);
            assertThat(answer.billedImages()).isEqualTo(answer.images().size());
            for (int i = 0; i < answer.images().size(); i++) {
                GeneratedImage image = answer.images().get(i);
                assertThat(image.b64Json()).isNotNull();
                BufferedImage decoded = read(client.images().download(image, dir.resolve("series/" + i + ".png")));
                assertThat(decoded.getWidth() + "x" + decoded.getHeight()).isEqualTo(image.size());
            }
            assertThat(CostEstimator.defaults().estimate(request))
                    .hasValueSatisfying(max -> assertThat(max).isEqualByComparingTo("0.60"));
        }
    }

    @Test
    void whatTheTableRefusesTheEmulatorRefusesToo() {
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ImageRequest oneK = sheet(Model.SEEDREAM_4_5, ImageSize.K1).build();
            assertThatThrownBy(() -> client.images().generate(oneK)).isInstanceOf(ValidationException.class);
            ImageRequest tooFew =
                    sheet(Model.SEEDREAM_4_5, ImageSize.of(1024, 1024)).build();
            assertThatThrownBy(() -> client.images().generate(tooFew)).isInstanceOf(ValidationException.class);
            ImageRequest tooFlat =
                    sheet(Model.SEEDREAM_4_0, ImageSize.of(8000, 400)).build();
            assertThatThrownBy(() -> client.images().generate(tooFlat)).isInstanceOf(ValidationException.class);
            assertThat(ark.stats().requests("images")).isZero();
            for (ImageRequest refused : new ImageRequest[] {oneK, tooFew, tooFlat}) {
                assertThatThrownBy(() -> client.images().generate(refused, CreateOptions.skipValidation()))
                        .as(refused.size().value())
                        .isInstanceOfSatisfying(
                                BadRequestException.class,
                                e -> assertThat(e.param()).contains("size"));
            }
            assertThat(ark.stats().imagesByModel().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isZero();
        }
    }

    @Test
    void aRealFaceIsRefusedWithTheVideoApisModerationException() throws Exception {
        Path face = Fixtures.image(dir, "face.png", "png", 640, 640);
        try (Emulator ark = emulator(b -> b.realFaces(face));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ImageRequest withFace = sheet(Model.SEEDREAM_4_0, ImageSize.K2)
                    .image(Media.file(face))
                    .build();
            assertThatThrownBy(() -> client.images().generate(withFace))
                    .isInstanceOfSatisfying(ContentModerationException.class, e -> {
                        assertThat(e.isInput()).isTrue();
                        assertThat(e.subCode()).contains("PrivacyInformation");
                    });
        }
    }

    @Test
    void refusedOutputsAndLostAnswersFollowTheMoneyRules() {
        try (Emulator ark = emulator(b -> b.imageFaultPlan("moderation", "429", "drop-after", "500"));
                SeedanceClient client = AgainstEmulator.clientBuilder(ark).build()) {
            ImageRequest request = sheet(Model.SEEDREAM_4_0, ImageSize.K2).build();
            // every image refused by output moderation: nothing made, nothing billed, the video API's exception
            assertThatThrownBy(() -> client.images().generate(request))
                    .isInstanceOfSatisfying(
                            ContentModerationException.class,
                            e -> assertThat(e.isOutput()).isTrue());
            // a 429 is retried (nothing made); the answer dropped after the images were made is not resent
            assertThatThrownBy(() -> client.images().generate(request))
                    .isInstanceOfSatisfying(
                            ImagesOutcomeUnknownException.class,
                            e -> assertThat(e.attempts()).isEqualTo(1));
            assertThat(ark.stats().imagesByModel()).containsEntry(Model.SEEDREAM_4_0.id(), 1L); // billed, lost
            assertThat(ark.stats().requests("images")).isEqualTo(3);
            // a 500 is an unknown outcome too
            assertThatThrownBy(() -> client.images().generate(request))
                    .isInstanceOf(ImagesOutcomeUnknownException.class);
            assertThat(ark.stats().requests("images")).isEqualTo(4);
        }
    }

    @Test
    void anExpiredLinkIsAResultExpiredError() {
        try (Emulator ark = emulator(b -> b.resultUrlTtl(Duration.ofSeconds(1)));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            ImageResponse answer = client.images()
                    .generate(sheet(Model.SEEDREAM_4_0, ImageSize.K2).build());
            ark.clock().advance(Duration.ofSeconds(5));
            assertThatThrownBy(() -> client.images().download(answer.data().get(0), dir.resolve("late.png")))
                    .isInstanceOf(ResultExpiredException.class);
            assertThat(dir.resolve("late.png")).doesNotExist();
        }
    }
}
