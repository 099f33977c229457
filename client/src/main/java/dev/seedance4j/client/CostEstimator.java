package dev.seedance4j.client;

import dev.seedance4j.client.internal.MediaProbe;
import dev.seedance4j.client.internal.OutputSizes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Estimates tokens and CNY before a task runs, and prices the tokens it reported after; prices chat completions
 * by their usage and image generation by the image. Sizes and prices come from a {@link ModelTable} and a
 * {@link PriceTable} (by default {@link ModelTable#defaults()} and its prices).
 *
 * <p>tokens = W × H × (24·s + 1) / 1024 at the output size of the resolution/ratio table (for {@code adaptive},
 * the ratio closest to the first inline image, else 16:9). For the 2.0 series, 24 × the whole seconds of each input
 * video are added and, with video input, at least the frames of the output plus
 * {@link #DEFAULT_MINIMUM_EXTRA_SECONDS_WITH_VIDEO} seconds are billed. 720p 16:9 5 s gives 108 900 tokens; 1080p
 * 16:9 15 s gives 731 025.
 *
 * <p>Estimates are upper bounds where the request leaves room: {@code duration: -1} counts as the model's longest
 * duration, and a video whose length was not declared ({@link Media#withDuration}) as filling the 15 s allowed.
 *
 * <pre>{@code
 * CostEstimate cost = CostEstimator.defaults().estimate(request);
 * cost.tokens(); cost.cny();
 * BigDecimal paid = CostEstimator.defaults().actualCny(request, finishedTask);
 * }</pre>
 */
public final class CostEstimator {
    /**
     * With video input (2.0 series) at least 24 × (output seconds + this) frames are billed. UNCERTAIN rule (contract
     * §7.1 says the minimum depends on resolution, ratio and output duration): 4 reproduces the observed minimums at
     * 5 s output (480p 16:9 → 90 396, 720p 16:9 → 194 400 tokens), and it is the rule the emulator bills by.
     */
    public static final long DEFAULT_MINIMUM_EXTRA_SECONDS_WITH_VIDEO = 4;

    private final ModelTable models;
    private final PriceTable prices;
    private final long minimumExtraSecondsWithVideo;

    /**
     * @param prices                       the price table
     * @param minimumExtraSecondsWithVideo with video input, at least the output's seconds plus these are billed
     */
    public CostEstimator(PriceTable prices, long minimumExtraSecondsWithVideo) {
        this(ModelTable.defaults(), prices, minimumExtraSecondsWithVideo);
    }

    /**
     * @param models                       the model table (output sizes, which models take video)
     * @param prices                       the price table
     * @param minimumExtraSecondsWithVideo with video input, at least the output's seconds plus these are billed
     */
    public CostEstimator(ModelTable models, PriceTable prices, long minimumExtraSecondsWithVideo) {
        this.models = Objects.requireNonNull(models, "models");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.minimumExtraSecondsWithVideo = minimumExtraSecondsWithVideo;
    }

    /** The model table's sizes and prices ({@link ModelTable#defaults()}) and the default minimum. */
    public static CostEstimator defaults() {
        return of(ModelTable.defaults());
    }

    /** The sizes and prices of {@code models} and the default minimum. */
    public static CostEstimator of(ModelTable models) {
        return new CostEstimator(models, models.prices(), DEFAULT_MINIMUM_EXTRA_SECONDS_WITH_VIDEO);
    }

    /** An estimator with other prices and the default minimum. */
    public static CostEstimator withPrices(PriceTable prices) {
        return new CostEstimator(prices, DEFAULT_MINIMUM_EXTRA_SECONDS_WITH_VIDEO);
    }

    public PriceTable prices() {
        return prices;
    }

    /** Estimates {@code request} by its own model. */
    public CostEstimate estimate(CreateTaskRequest request) {
        return estimate(request, request.model());
    }

    /**
     * Estimates {@code request} by the size rules and prices of {@code rulesOf} (e.g. when the request names an
     * endpoint id).
     *
     * @throws IllegalArgumentException when the model's rules or price are unknown
     */
    public CostEstimate estimate(CreateTaskRequest request, Model rulesOf) {
        VideoModelSpec rules = rulesOf(models, rulesOf);
        VideoSize size = outputSize(request, rules);
        int seconds =
                request.duration() == null ? 5 : request.duration() == -1 ? rules.maxDuration() : request.duration();
        long outputFrames = request.frames() != null ? request.frames() : 24L * seconds + 1;
        long inputFrames = 0;
        boolean videoInput = rules.acceptsVideo() && request.hasVideoInput();
        if (videoInput) {
            inputFrames = 24 * inputVideoSeconds(request, rules);
        }
        long frames = outputFrames + inputFrames;
        long minimumFrames = 24 * (seconds + minimumExtraSecondsWithVideo);
        boolean minimum = videoInput && frames < minimumFrames;
        if (minimum) {
            frames = minimumFrames;
        }
        long tokens = (long) size.width() * size.height() * frames / 1024;
        PriceTable.Tier tier = tier(request, rules);
        BigDecimal price = price(request, rulesOf, rules, tier);
        return new CostEstimate(size, outputFrames, inputFrames, tokens, minimum, tier, price, cny(tokens, price));
    }

    /** The CNY of the tokens a finished task reported ({@code usage.completion_tokens}), at the request's tier. */
    public BigDecimal actualCny(CreateTaskRequest request, Task task) {
        return actualCny(request, task, request.model());
    }

    /** {@link #actualCny(CreateTaskRequest, Task)} with the prices of {@code rulesOf}. */
    public BigDecimal actualCny(CreateTaskRequest request, Task task, Model rulesOf) {
        if (task.usage() == null) {
            return BigDecimal.ZERO.setScale(4, RoundingMode.UNNECESSARY); // failed tasks are not billed
        }
        VideoModelSpec rules = rulesOf(models, rulesOf);
        BigDecimal price = price(request, rulesOf, rules, tier(request, rules));
        return cny(task.usage().completionTokens(), price);
    }

    /** What a chat completion cost, from its usage and the model that answered; empty when a price is unknown. */
    public Optional<BigDecimal> chatCost(ChatResponse response) {
        if (response.usage() == null || response.model() == null) {
            return Optional.empty();
        }
        return chatCost(response.model(), response.usage());
    }

    /** What {@code usage} of chat model {@code model} costs; empty when the price table has no price for it. */
    public Optional<BigDecimal> chatCost(Model model, ChatUsage usage) {
        return prices.chatPrice(model).map(price -> price.cny(usage));
    }

    /** What an image generation answer cost: its billed images at the model's price; empty when unknown. */
    public Optional<BigDecimal> imageCost(ImageResponse response) {
        return response.model() == null ? Optional.empty() : imageCost(response.model(), response.billedImages());
    }

    /**
     * The most an image request can cost: every image it can make ({@code max_images} of a sequential request,
     * else 1) at the model's price; empty when the price is unknown.
     */
    public Optional<BigDecimal> estimate(ImageRequest request) {
        return imageCost(
                request.model(),
                request.maxOutputImages(models.image(request.model()).orElse(null)));
    }

    /** What {@code images} generated images of {@code model} cost; empty when the price is unknown. */
    public Optional<BigDecimal> imageCost(Model model, int images) {
        return prices.pricePerImage(model).map(each -> each.multiply(BigDecimal.valueOf(images)));
    }

    /**
     * The output size of {@code request}: its resolution (or the model's default) and ratio. {@code adaptive} (the
     * default of the 2.0 series) follows the first media file, a video before an image (contract §3.6): the ratio
     * closest to the first inline image when there is no video; otherwise 16:9, because the client cannot see a
     * video's shape and 16:9 has the most pixels of the table, so the estimate stays an upper bound.
     */
    public static VideoSize outputSize(CreateTaskRequest request, Model rulesOf) {
        return outputSize(request, rulesOf(ModelTable.defaults(), rulesOf));
    }

    private static VideoSize outputSize(CreateTaskRequest request, VideoModelSpec rules) {
        String resolution = resolution(request, rules);
        String ratio = request.ratio() != null ? request.ratio().value() : "adaptive";
        if (ratio.equals("adaptive")) {
            ratio = request.hasVideoInput() ? "16:9" : firstImageRatio(request.content());
        }
        VideoSize size = OutputSizes.of(rules.seedance1Sizes(), resolution, ratio);
        if (size == null) {
            throw new IllegalArgumentException(
                    "no output size for resolution " + resolution + " and ratio " + ratio + " on " + rules.id());
        }
        return size;
    }

    private static String resolution(CreateTaskRequest request, VideoModelSpec rules) {
        if (Boolean.TRUE.equals(request.draft())) {
            return "480p";
        }
        return request.resolution() != null ? request.resolution().value() : rules.defaultResolution();
    }

    private static String firstImageRatio(List<ContentItem> content) {
        for (ContentItem item : content) {
            if (item instanceof ContentItem.Image image) {
                MediaProbe.DataUrl data = MediaProbe.decodeDataUrl(image.media().url());
                MediaProbe.Format format = data == null ? null : MediaProbe.sniff(data.bytes());
                MediaProbe.Size size = format == null ? null : MediaProbe.imageSize(format, data.bytes());
                return size == null ? "16:9" : OutputSizes.closestRatio(size.width(), size.height());
            }
        }
        return "16:9";
    }

    // The whole seconds the service counts for each declared clip (Media.countedSeconds: a generated 15 s clip of
    // 361 frames counts 15); an undeclared clip counts as filling the total the model allows.
    private static long inputVideoSeconds(CreateTaskRequest request, VideoModelSpec rules) {
        long total = 0;
        for (ContentItem item : request.content()) {
            if (item instanceof ContentItem.Video video) {
                Long counted = video.media().countedSeconds();
                if (counted == null) {
                    return rules.references().maxVideoSeconds();
                }
                total += counted;
            }
        }
        return total;
    }

    private static PriceTable.Tier tier(CreateTaskRequest request, VideoModelSpec rules) {
        if (rules.acceptsVideo() && request.hasVideoInput()) {
            return PriceTable.Tier.WITH_VIDEO_INPUT;
        }
        if (rules.features().generateAudio() && Boolean.FALSE.equals(request.generateAudio())) {
            return PriceTable.Tier.SILENT;
        }
        return PriceTable.Tier.STANDARD;
    }

    private BigDecimal price(CreateTaskRequest request, Model rulesOf, VideoModelSpec rules, PriceTable.Tier tier) {
        Resolution resolution = Resolution.of(resolution(request, rules));
        BigDecimal price = prices.pricePerMillionTokens(rulesOf, resolution, tier)
                .orElseThrow(() -> new IllegalArgumentException("no price for " + rulesOf.id() + " at " + resolution
                        + " (" + tier + "); add one to the model table or with PriceTable.builder().price(...)"));
        if (ServiceTier.FLEX.equals(request.serviceTier())) {
            price = price.multiply(prices.flexFactor());
        }
        return price;
    }

    private static BigDecimal cny(long tokens, BigDecimal pricePerMillion) {
        return pricePerMillion
                .multiply(BigDecimal.valueOf(tokens))
                .divide(BigDecimal.valueOf(1_000_000), 4, RoundingMode.HALF_UP);
    }

    private static VideoModelSpec rulesOf(ModelTable models, Model model) {
        return models.video(model)
                .orElseThrow(() -> new IllegalArgumentException("no size rules for model " + model.id()
                        + " in the model table; estimate it as a known model: estimate(request, Model.SEEDANCE_2_0)"));
    }
}
