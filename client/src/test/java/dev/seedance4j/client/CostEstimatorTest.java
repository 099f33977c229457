package dev.seedance4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token and CNY figures of contract §7. */
class CostEstimatorTest {
    private static final CostEstimator COST = CostEstimator.defaults();
    private static final Model V2 = Model.SEEDANCE_2_0;

    @TempDir
    Path dir;

    private static CreateTaskRequest.Builder t2v(Model model) {
        return CreateTaskRequest.textToVideo(model, "p");
    }

    private static Media video(int seconds) {
        return Media.url("https://cdn.example.com/v.mp4").withDuration(Duration.ofSeconds(seconds));
    }

    @Test
    void seven20pSixteenNineFiveSecondsIs108900Tokens() {
        CostEstimate cost = COST.estimate(t2v(V2).resolution(Resolution.P720)
                .ratio(Ratio.RATIO_16_9)
                .duration(5)
                .build());
        assertThat(cost.size()).isEqualTo(new VideoSize(1280, 720));
        assertThat(cost.outputFrames()).isEqualTo(121);
        assertThat(cost.tokens()).isEqualTo(108_900);
        assertThat(cost.tier()).isEqualTo(PriceTable.Tier.STANDARD);
        assertThat(cost.cnyPerMillionTokens()).isEqualByComparingTo("46");
        assertThat(cost.cny()).isEqualByComparingTo("5.0094");
    }

    @Test
    void defaultsAre720pAdaptiveAsSixteenNineAndFiveSeconds() {
        assertThat(COST.estimate(t2v(V2).build()).tokens()).isEqualTo(108_900);
    }

    @Test
    void ten80pSixteenNineFifteenSecondsIs731025Tokens() {
        assertThat(COST.estimate(t2v(V2).resolution(Resolution.P1080)
                                .ratio(Ratio.RATIO_16_9)
                                .duration(15)
                                .build())
                        .tokens())
                .isEqualTo(731_025);
        // duration -1 (the model chooses) is estimated at the longest duration
        assertThat(COST.estimate(t2v(V2).resolution(Resolution.P1080)
                                .duration(-1)
                                .build())
                        .tokens())
                .isEqualTo(731_025);
    }

    @Test
    void inputVideoSecondsAreAddedAtTheVideoInputPrice() {
        CostEstimate cost = COST.estimate(CreateTaskRequest.editVideo(V2, "视频1", video(15))
                .resolution(Resolution.P1080)
                .ratio(Ratio.RATIO_16_9)
                .duration(15)
                .build());
        assertThat(cost.inputVideoFrames()).isEqualTo(360);
        assertThat(cost.tokens()).isEqualTo(1_460_025);
        assertThat(cost.tier()).isEqualTo(PriceTable.Tier.WITH_VIDEO_INPUT);
        assertThat(cost.cnyPerMillionTokens()).isEqualByComparingTo("31"); // the 1080p price with video input
        assertThat(cost.cny()).isEqualByComparingTo("45.2608");
    }

    @Test
    void theMinimumWithVideoInputApplies() {
        CostEstimate fast720 = COST.estimate(CreateTaskRequest.editVideo(Model.SEEDANCE_2_0_FAST, "视频1", video(2))
                .ratio(Ratio.RATIO_16_9)
                .duration(5)
                .build());
        assertThat(fast720.tokens()).isEqualTo(194_400);
        assertThat(fast720.minimumApplied()).isTrue();
        assertThat(fast720.cnyPerMillionTokens()).isEqualByComparingTo("22");
        CostEstimate fast480 = COST.estimate(CreateTaskRequest.editVideo(Model.SEEDANCE_2_0_FAST, "视频1", video(2))
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_16_9)
                .build());
        assertThat(fast480.tokens()).isEqualTo(90_396);
    }

    @Test
    void theMinimumGrowsWithTheOutputAndInputVideosCountTheirWholeSeconds() {
        CostEstimate longer = COST.estimate(CreateTaskRequest.editVideo(Model.SEEDANCE_2_0_FAST, "视频1", video(2))
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_16_9)
                .duration(8)
                .build());
        // 193 + 48 = 241 frames, raised to 24 x (8 + 4) = 288: the minimum grows with the output's length
        assertThat(longer.minimumApplied()).isTrue();
        assertThat(longer.tokens()).isEqualTo(864L * 496 * 288 / 1024);
        CostEstimate fractional = COST.estimate(CreateTaskRequest.editVideo(
                        V2,
                        "视频1",
                        Media.url("https://cdn.example.com/v.mp4").withDuration(java.time.Duration.ofMillis(6_900)))
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_16_9)
                .duration(5)
                .build());
        assertThat(fractional.inputVideoFrames()).isEqualTo(24 * 6);
        assertThat(fractional.tokens()).isEqualTo(864L * 496 * (121 + 144) / 1024);
    }

    @Test
    void adaptiveWithAVideoEstimatesTheLargestShape() throws Exception {
        Media portrait = Media.file(Fixtures.image(dir, "p2.png", "png", 360, 640));
        CreateTaskRequest request = CreateTaskRequest.builder(V2)
                .text("[图1]走进视频1")
                .referenceImage(portrait)
                .referenceVideo(video(4))
                .resolution(Resolution.P480)
                .build();
        assertThat(CostEstimator.outputSize(request, V2)).isEqualTo(new VideoSize(864, 496));
    }

    @Test
    void anUndeclaredVideoLengthCountsAsTheFifteenSecondsAllowed() {
        CostEstimate cost =
                COST.estimate(CreateTaskRequest.editVideo(V2, "视频1", Media.url("https://cdn.example.com/v.mp4"))
                        .ratio(Ratio.RATIO_16_9)
                        .build());
        assertThat(cost.inputVideoFrames()).isEqualTo(360);
        assertThat(cost.tokens()).isEqualTo(1280L * 720 * 481 / 1024);
    }

    @Test
    void adaptiveFollowsTheFirstLocalImage() throws Exception {
        Media portrait = Media.file(Fixtures.image(dir, "p.png", "png", 360, 640));
        CostEstimate cost =
                COST.estimate(CreateTaskRequest.firstFrame(V2, "p", portrait).build());
        assertThat(cost.size()).isEqualTo(new VideoSize(720, 1280));
        assertThat(cost.tokens()).isEqualTo(108_900);
        assertThat(CostEstimator.outputSize(
                        CreateTaskRequest.firstFrame(V2, "p", Media.url("https://cdn.example.com/unknown.png"))
                                .build(),
                        V2))
                .isEqualTo(new VideoSize(1280, 720));
    }

    @Test
    void onePointXModelsUseTheirOwnSizesPricesAndFlex() {
        CostEstimate pro = COST.estimate(
                t2v(Model.SEEDANCE_1_0_PRO).ratio(Ratio.RATIO_16_9).build());
        assertThat(pro.size()).isEqualTo(new VideoSize(1920, 1088));
        assertThat(pro.tokens()).isEqualTo(246_840);
        assertThat(pro.cny()).isEqualByComparingTo("3.7026");
        CostEstimate flex = COST.estimate(t2v(Model.SEEDANCE_1_0_PRO)
                .ratio(Ratio.RATIO_16_9)
                .serviceTier(ServiceTier.FLEX)
                .build());
        assertThat(flex.cny()).isEqualByComparingTo("1.8513");
        CostEstimate frames =
                COST.estimate(t2v(Model.SEEDANCE_1_0_PRO).frames(29).build());
        assertThat(frames.outputFrames()).isEqualTo(29);
        CostEstimate silent =
                COST.estimate(t2v(Model.SEEDANCE_1_5_PRO).generateAudio(false).build());
        assertThat(silent.tier()).isEqualTo(PriceTable.Tier.SILENT);
        assertThat(silent.cnyPerMillionTokens()).isEqualByComparingTo("8");
    }

    @Test
    void pricesCanBeOverridden() {
        PriceTable prices = PriceTable.defaults().toBuilder()
                .price(V2, PriceTable.Tier.STANDARD, new BigDecimal("51"))
                .price(Model.of("ep-1"), PriceTable.Tier.STANDARD, new BigDecimal("40"))
                .build();
        CostEstimator estimator = CostEstimator.withPrices(prices);
        assertThat(estimator.estimate(t2v(V2).build()).cny()).isEqualByComparingTo("5.5539");
        assertThat(PriceTable.defaults().pricePerMillionTokens(V2, PriceTable.Tier.STANDARD))
                .contains(new BigDecimal("46"));
        CreateTaskRequest viaEndpoint = t2v(Model.of("ep-1")).build();
        assertThatThrownBy(() -> estimator.estimate(viaEndpoint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no size rules for model ep-1");
        assertThat(estimator.estimate(viaEndpoint, V2).cny()).isEqualByComparingTo("5.5539");
        assertThatThrownBy(() ->
                        CostEstimator.withPrices(PriceTable.builder().build()).estimate(t2v(V2).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no price for");
    }

    @Test
    void actualCostComesFromTheReportedTokens() {
        CreateTaskRequest request = t2v(V2).build();
        Task done = new Task(
                "cgt-1",
                V2,
                TaskStatus.SUCCEEDED,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                5,
                null,
                24,
                true,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Usage(108_900, 108_900, null),
                null,
                null,
                null);
        assertThat(COST.actualCny(request, done)).isEqualByComparingTo("5.0094");
        Task failed = new Task(
                "cgt-2",
                V2,
                TaskStatus.FAILED,
                new TaskError("X", "y"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(COST.actualCny(request, failed)).isEqualByComparingTo("0");
    }

    @Test
    void generatedClipsAsReferencesCountTheirBilledWholeSeconds() {
        // three generated 5 s clips (121 frames = 5.04 s each) count 15 s of input, as the service bills them
        Media five =
                Media.url("https://cdn.example.com/s.mp4").withDuration(Duration.ofNanos(121L * 1_000_000_000 / 24));
        CostEstimate cost = COST.estimate(CreateTaskRequest.extendVideos(V2, "视频1接视频2接视频3", five, five, five)
                .resolution(Resolution.P720)
                .ratio(Ratio.RATIO_16_9)
                .duration(5)
                .build());
        assertThat(cost.inputVideoFrames()).isEqualTo(24 * 15);
        assertThat(cost.tokens()).isEqualTo(1280L * 720 * (121 + 360) / 1024);
    }

    @Test
    void pricesFollowTheResolutionAndTheModelTable() {
        CostEstimate p1080 = COST.estimate(t2v(V2).resolution(Resolution.P1080)
                .ratio(Ratio.RATIO_16_9)
                .duration(15)
                .build());
        assertThat(p1080.tokens()).isEqualTo(731_025);
        assertThat(p1080.cnyPerMillionTokens()).isEqualByComparingTo("51"); // UNCERTAIN [3P]
        assertThat(p1080.cny()).isEqualByComparingTo("37.2823");
        CostEstimate v25 = COST.estimate(
                t2v(Model.SEEDANCE_2_5).ratio(Ratio.RATIO_16_9).duration(30).build());
        assertThat(v25.tokens()).isEqualTo(1280L * 720 * 721 / 1024);
        assertThat(v25.cnyPerMillionTokens()).isEqualByComparingTo("70");
        assertThat(COST.estimate(t2v(Model.SEEDANCE_2_0_MINI).duration(5).build())
                        .cnyPerMillionTokens())
                .isEqualByComparingTo("23");
        PriceTable mine = PriceTable.defaults().toBuilder()
                .price(V2, Resolution.P1080, PriceTable.Tier.STANDARD, new java.math.BigDecimal("50"))
                .build();
        assertThat(CostEstimator.withPrices(mine)
                        .estimate(t2v(V2).resolution(Resolution.P1080).build())
                        .cnyPerMillionTokens())
                .isEqualByComparingTo("50");
    }
}
