package dev.seedance4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model line-up as data: the bundled table, its overrides, and the errors a bad override file gets. */
class ModelTableTest {
    private static final ModelTable BUNDLED = ModelTable.bundled();

    @TempDir
    Path dir;

    @Test
    void theBundledTableHasTheLineUpWithLimitsAndPrices() {
        VideoModelSpec v2 = BUNDLED.video(Model.SEEDANCE_2_0).orElseThrow();
        assertThat(v2.resolutions()).containsExactly("480p", "720p", "1080p", "4k");
        assertThat(v2.features().cameraFixed()).isFalse();
        assertThat(v2.features().webSearchTextOnly()).isTrue();
        assertThat(v2.uncertain()).contains("1080p");
        assertThat(BUNDLED.video(Model.of("dreamina-seedance-2-0-260128"))).contains(v2);

        VideoModelSpec v25 = BUNDLED.video(Model.SEEDANCE_2_5).orElseThrow();
        assertThat(v25.maxDuration()).isEqualTo(30);
        assertThat(v25.references().maxFiles()).isEqualTo(10);
        assertThat(v25.references().audioOnly()).isTrue();
        assertThat(v25.features().outputFormats()).containsExactly("mp4", "mov");
        assertThat(v2.features().outputFormats())
                .containsExactly("mp4"); // the default, accepted like camera_fixed false
        assertThat(v25.features().omniReferenceTaskTypes()).containsExactly("auto", "reference", "edit", "extend");
        assertThat(v25.aliases()).isEmpty(); // "like" never inherits aliases

        VideoModelSpec mini = BUNDLED.video(Model.SEEDANCE_2_0_MINI).orElseThrow();
        assertThat(mini.resolutions()).containsExactly("480p", "720p");
        assertThat(BUNDLED.video(Model.SEEDANCE_1_0_LITE_I2V)
                        .orElseThrow()
                        .scenes()
                        .maxReferenceImages())
                .isEqualTo(4);
        assertThat(BUNDLED.videoModels()).hasSize(9);

        PriceTable prices = BUNDLED.prices();
        assertThat(prices.pricePerMillionTokens(Model.SEEDANCE_2_0, Resolution.P720, PriceTable.Tier.STANDARD))
                .contains(new BigDecimal("46"));
        assertThat(prices.pricePerMillionTokens(Model.SEEDANCE_2_0, Resolution.P1080, PriceTable.Tier.STANDARD))
                .contains(new BigDecimal("51"));
        assertThat(prices.pricePerMillionTokens(Model.SEEDANCE_2_0, Resolution.P1080, PriceTable.Tier.WITH_VIDEO_INPUT))
                .contains(new BigDecimal("31"));
        assertThat(prices.pricePerMillionTokens(Model.SEEDANCE_2_5, Resolution.P1080, PriceTable.Tier.STANDARD))
                .contains(new BigDecimal("70"));
        assertThat(prices.pricePerMillionTokens(Model.SEEDANCE_2_0_MINI, PriceTable.Tier.WITH_VIDEO_INPUT))
                .contains(new BigDecimal("14"));
        assertThat(prices.pricePerMillionTokens(
                        Model.of("dreamina-seedance-2-0-fast-260128"), PriceTable.Tier.STANDARD))
                .contains(new BigDecimal("37"));
        assertThat(prices.pricePerMillionTokens(Model.SEEDANCE_1_5_PRO, PriceTable.Tier.SILENT))
                .contains(new BigDecimal("8"));
        assertThat(prices.pricePerImage(Model.SEEDREAM_4_5)).contains(new BigDecimal("0.25"));
        assertThat(prices.pricePerImage(Model.SEEDREAM_5_0_LITE)).contains(new BigDecimal("0.22")); // 5.0's: UNCERTAIN
        assertThat(prices.chatPrice(Model.SEED_2_0_LITE))
                .contains(ChatPrice.of(new BigDecimal("0.60"), new BigDecimal("3.60")));

        ImageModelSpec seedream45 = BUNDLED.image(Model.SEEDREAM_4_5).orElseThrow();
        assertThat(seedream45.sizePresets()).containsExactly("2K", "4K");
        assertThat(seedream45.minPixels()).isEqualTo(3_686_400);
        assertThat(seedream45.maxPixels()).isEqualTo(4096L * 4096);
        assertThat(BUNDLED.image(Model.SEEDREAM_4_0).orElseThrow().minPixels()).isEqualTo(1024L * 1024);
    }

    @Test
    void anOverrideChangesOnlyWhatItGivesAndALikeEntryAddsAModel() throws Exception {
        Path file = Files.writeString(dir.resolve("models.json"), """
                {"video": {
                   "doubao-seedance-2-0-260128": {"duration": {"max": 20},
                                                  "prices": {"*": {"standard": 44, "with_video_input": 27}}},
                   "ep-20260101000000-abcde": {"like": "doubao-seedance-2-0-fast-260128"}},
                 "images": {"doubao-seedream-5-0-lite-260128": {"price_per_image": 0.18}}}
                """);
        ModelTable table = BUNDLED.withOverrides(file);
        VideoModelSpec v2 = table.video(Model.SEEDANCE_2_0).orElseThrow();
        assertThat(v2.maxDuration()).isEqualTo(20);
        assertThat(v2.minDuration()).isEqualTo(4);
        // prices replace as a whole: the 1080p price is gone, the every-resolution one applies
        assertThat(table.prices().pricePerMillionTokens(Model.SEEDANCE_2_0, Resolution.P1080, PriceTable.Tier.STANDARD))
                .contains(new BigDecimal("44"));
        Model endpoint = Model.of("ep-20260101000000-abcde");
        assertThat(table.video(endpoint).orElseThrow().resolutions()).containsExactly("480p", "720p");
        assertThat(table.prices().pricePerMillionTokens(endpoint, PriceTable.Tier.STANDARD))
                .contains(new BigDecimal("37"));
        assertThat(table.prices().pricePerImage(Model.SEEDREAM_5_0_LITE)).contains(new BigDecimal("0.18"));
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.textToVideo(endpoint, "猫")
                                .duration(15)
                                .build(),
                        endpoint,
                        table))
                .isEmpty();
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "猫")
                                .duration(20)
                                .build(),
                        Model.SEEDANCE_2_0,
                        table))
                .isEmpty();
        assertThat(CostEstimator.of(table)
                        .estimate(CreateTaskRequest.textToVideo(endpoint, "猫")
                                .ratio(Ratio.RATIO_16_9)
                                .duration(5)
                                .build())
                        .tokens())
                .isEqualTo(108_900);
        // the bundled table is unchanged
        assertThat(BUNDLED.video(Model.SEEDANCE_2_0).orElseThrow().maxDuration())
                .isEqualTo(15);
    }

    @Test
    void theEnvironmentNamesAnOverrideFile() throws Exception {
        Path file = Files.writeString(
                dir.resolve("m.json"), "{\"chat\":{\"doubao-seed-2-0-pro-260215\":{\"json_schema\":false}}}");
        ModelTable table = ModelTable.fromEnvironment(Map.of(ModelTable.OVERRIDES_ENV, file.toString()));
        assertThat(table.chat(Model.SEED_2_0_PRO).orElseThrow().jsonSchema()).isFalse();
        assertThat(ModelTable.fromEnvironment(Map.of())).isSameAs(BUNDLED);
        try (SeedanceClient client = SeedanceClient.builder()
                .environment(Map.of("ARK_API_KEY", "k", ModelTable.OVERRIDES_ENV, file.toString()))
                .build()) {
            assertThat(client.modelTable()
                            .chat(Model.SEED_2_0_PRO)
                            .orElseThrow()
                            .jsonSchema())
                    .isFalse();
        }
    }

    @Test
    void aBadOverrideFileIsNamedWithThePathOfTheField() throws Exception {
        assertThatThrownBy(() -> BUNDLED.withOverrides(
                        "{\"video\":{\"doubao-seedance-2-0-260128\":{\"duration\":{\"mxa\":20}}}}"))
                .isInstanceOf(ModelTableException.class)
                .hasMessage("model table overrides: video.doubao-seedance-2-0-260128.duration.mxa is not a field of"
                        + " this entry (a typo?)");
        assertThatThrownBy(() -> BUNDLED.withOverrides("{\"video\":{\"ep-1\":{\"family\":\"x\"}}}"))
                .isInstanceOf(ModelTableException.class)
                .hasMessageContaining("video.ep-1.duration is missing");
        assertThatThrownBy(() -> BUNDLED.withOverrides("{\"video\":{\"ep-1\":{\"like\":\"doubao-seedance-9\"}}}"))
                .hasMessageContaining("video.ep-1.like: \"doubao-seedance-9\" is not a model of the \"video\" section");
        assertThatThrownBy(() ->
                        BUNDLED.withOverrides("{\"images\":{\"doubao-seedream-4-0-250828\":{\"min_pixels\":-1}}}"))
                .hasMessageContaining(
                        "images.doubao-seedream-4-0-250828.min_pixels must be a whole number >= 0, is -1");
        assertThatThrownBy(() -> BUNDLED.withOverrides(
                        "{\"video\":{\"doubao-seedance-2-0-260128\":{\"resolutions\":[\"8k\"]}}}"))
                .hasMessageContaining("resolutions 8k has no pixel sizes in the seedance-2 table");
        assertThatThrownBy(() -> BUNDLED.withOverrides(
                        "{\"video\":{\"doubao-seedance-2-0-260128\":{\"prices\":{\"*\":{\"cheap\":1}}}}}"))
                .hasMessageContaining("prices.*.cheap must be standard, with_video_input or silent");
        assertThatThrownBy(() -> BUNDLED.withOverrides("{\"vidoe\":{}}")).hasMessageContaining("unknown key \"vidoe\"");
        assertThatThrownBy(() -> BUNDLED.withOverrides("{\"video\":{\"a\":{\"like\":\"b\"},\"b\":{\"like\":\"a\"}}}"))
                .hasMessageContaining("\"like\" goes round in a circle");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n\"video\": {\n,}}");
        assertThatThrownBy(() -> BUNDLED.withOverrides(broken))
                .hasMessageStartingWith(broken + ": not valid JSON at line 3");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> ModelTable.fromEnvironment(Map.of(ModelTable.OVERRIDES_ENV, missing.toString())))
                .isInstanceOf(ModelTableException.class)
                .hasMessageStartingWith("SEEDANCE_MODELS=" + missing + ": cannot read the model table overrides");
    }
}
