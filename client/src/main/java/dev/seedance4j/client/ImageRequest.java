package dev.seedance4j.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable image generation request ({@code POST /images/generations}, Seedream). {@code size} and
 * {@code watermark} are always sent (the service's defaults are a square and, for the watermark, not documented);
 * other {@code null} parameters are left out.
 *
 * <pre>{@code
 * ImageRequest sheet = ImageRequest.builder(Model.SEEDREAM_4_5, "林夏，二十岁，短发，白衬衫；正面、四分之三侧、侧面、全身，纯色背景，动漫风格",
 *                 ImageSize.of(2560, 1440))
 *         .seed(42)
 *         .build();
 * ImageRequest series = ImageRequest.builder(Model.SEEDREAM_4_0, "同一角色的四个表情", ImageSize.K2)
 *         .image(Media.file(Path.of("lin.png")))      // reference images: URL, data URL (local file) or asset://
 *         .sequential(4)                               // sequential_image_generation auto, max_images 4
 *         .build();
 * }</pre>
 *
 * @param model                   {@code model}: a Seedream id or an endpoint id
 * @param prompt                  {@code prompt}
 * @param images                  {@code image}: reference images (sent as one string when there is one)
 * @param size                    {@code size}
 * @param sequentialGeneration    {@code sequential_image_generation}: {@code auto} or {@code disabled}
 * @param maxImages               {@code sequential_image_generation_options.max_images} (1–15)
 * @param responseFormat          {@code response_format}: {@code url} or {@code b64_json}
 * @param seed                    {@code seed}
 * @param watermark               {@code watermark}, always sent
 * @param guidanceScale           {@code guidance_scale}
 * @param optimizePromptMode      {@code optimize_prompt_options.mode}
 * @param outputFormat            {@code output_format} (newer SDKs)
 */
public record ImageRequest(
        Model model,
        String prompt,
        List<Media> images,
        ImageSize size,
        String sequentialGeneration,
        Integer maxImages,
        ImageResponseFormat responseFormat,
        Long seed,
        boolean watermark,
        Double guidanceScale,
        String optimizePromptMode,
        String outputFormat) {

    /** {@code sequential_image_generation: auto}: the model may make a series of related images. */
    public static final String SEQUENTIAL_AUTO = "auto";
    /** {@code sequential_image_generation: disabled}: one image. */
    public static final String SEQUENTIAL_DISABLED = "disabled";

    public ImageRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(size, "size");
        images = List.copyOf(images);
    }

    /** A builder: the model, the prompt and the size (always sent). */
    public static Builder builder(Model model, String prompt, ImageSize size) {
        return new Builder(model, prompt, size);
    }

    /** The most images this request can make: {@code max_images} of a sequential request, else 1. */
    public int maxOutputImages(ImageModelSpec spec) {
        if (!SEQUENTIAL_AUTO.equals(sequentialGeneration)) {
            return 1;
        }
        if (maxImages != null) {
            return maxImages;
        }
        return spec == null ? 15 : Math.max(1, spec.maxTotalImages() - images.size());
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder(model, prompt, size);
        b.images.addAll(images);
        b.sequentialGeneration = sequentialGeneration;
        b.maxImages = maxImages;
        b.responseFormat = responseFormat;
        b.seed = seed;
        b.watermark = watermark;
        b.guidanceScale = guidanceScale;
        b.optimizePromptMode = optimizePromptMode;
        b.outputFormat = outputFormat;
        return b;
    }

    /** Builds an {@link ImageRequest}; {@code watermark} is false unless set. */
    public static final class Builder {
        private Model model;
        private String prompt;
        private ImageSize size;
        private final List<Media> images = new ArrayList<>();
        private String sequentialGeneration;
        private Integer maxImages;
        private ImageResponseFormat responseFormat;
        private Long seed;
        private boolean watermark;
        private Double guidanceScale;
        private String optimizePromptMode;
        private String outputFormat;

        private Builder(Model model, String prompt, ImageSize size) {
            this.model = Objects.requireNonNull(model, "model");
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            this.size = Objects.requireNonNull(size, "size");
        }

        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        public Builder prompt(String prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            return this;
        }

        public Builder size(ImageSize size) {
            this.size = Objects.requireNonNull(size, "size");
            return this;
        }

        /** Adds a reference image: an http(s) URL, a data URL ({@link Media#file}) or an {@code asset://} id. */
        public Builder image(Media image) {
            images.add(Objects.requireNonNull(image, "image"));
            return this;
        }

        /** Adds reference images in order. */
        public Builder images(Media... images) {
            Arrays.asList(images).forEach(this::image);
            return this;
        }

        /** {@code sequential_image_generation: auto} with {@code max_images}: up to that many related images. */
        public Builder sequential(int maxImages) {
            this.sequentialGeneration = SEQUENTIAL_AUTO;
            this.maxImages = maxImages;
            return this;
        }

        /** {@code sequential_image_generation} as a raw value (and no {@code max_images}). */
        public Builder sequentialGeneration(String value) {
            this.sequentialGeneration = value;
            this.maxImages = null;
            return this;
        }

        public Builder responseFormat(ImageResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder watermark(boolean watermark) {
            this.watermark = watermark;
            return this;
        }

        public Builder guidanceScale(double guidanceScale) {
            this.guidanceScale = guidanceScale;
            return this;
        }

        public Builder optimizePromptMode(String mode) {
            this.optimizePromptMode = mode;
            return this;
        }

        public Builder outputFormat(String outputFormat) {
            this.outputFormat = outputFormat;
            return this;
        }

        public ImageRequest build() {
            return new ImageRequest(
                    model,
                    prompt,
                    images,
                    size,
                    sequentialGeneration,
                    maxImages,
                    responseFormat,
                    seed,
                    watermark,
                    guidanceScale,
                    optimizePromptMode,
                    outputFormat);
        }
    }
}
