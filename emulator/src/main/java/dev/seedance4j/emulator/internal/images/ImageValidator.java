package dev.seedance4j.emulator.internal.images;

import static dev.seedance4j.emulator.internal.service.JsonFields.bool;
import static dev.seedance4j.emulator.internal.service.JsonFields.integer;
import static dev.seedance4j.emulator.internal.service.JsonFields.present;
import static dev.seedance4j.emulator.internal.service.JsonFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.emulator.internal.service.ApiException;
import dev.seedance4j.emulator.internal.service.ImageModelSpec;
import dev.seedance4j.emulator.internal.service.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image generation request's rules (contract: {@code ark-chat-images-api.md}): JSON {@code null} is "absent",
 * fields the contract does not list are ignored (so {@code width}/{@code height} do nothing, as the field reports
 * say), sizes are checked against the model's pixel range and aspect limit, and every error names its field.
 */
final class ImageValidator {

    /** The size keywords of the API; which of them a model accepts is its {@code sizes} in the model table. */
    private static final Set<String> SIZE_KEYWORDS = Set.of("1K", "2K", "4K");

    private static final Pattern DIMENSIONS = Pattern.compile("(\\d{1,6})[xX×*](\\d{1,6})");
    private static final long MAX_SEED = 2_147_483_647L;

    private final Function<String, Optional<ImageModelSpec>> models;
    private final Map<String, String> endpoints;

    ImageValidator(Function<String, Optional<ImageModelSpec>> models, Map<String, String> endpoints) {
        this.models = models;
        this.endpoints = endpoints;
    }

    ImageRequest validate(JsonNode body) {
        ImageModelSpec model = JsonFields.model(body, models, endpoints);
        String requestedModel = string(body, "model");
        String prompt = string(body, "prompt");
        if (prompt == null || prompt.isBlank())
            throw ApiException.missing("prompt", "The parameter `prompt` is required.");

        List<String> references = new ArrayList<>();
        JsonNode image = present(body, "image");
        boolean imageArray = image != null && image.isArray();
        if (image != null) {
            if (image.isTextual()) references.add(image.asText());
            else if (imageArray) {
                for (int i = 0; i < image.size(); i++) {
                    if (!image.get(i).isTextual() || image.get(i).asText().isBlank())
                        throw ApiException.invalid(
                                "image[" + i + "]", "Each image must be a URL, a data URL or asset://<id>.");
                    references.add(image.get(i).asText());
                }
            } else {
                throw ApiException.invalid("image", "The parameter `image` must be a string or an array of strings.");
            }
            if (references.size() > model.maxReferenceImages()) {
                throw ApiException.invalid(
                        "image",
                        "At most " + model.maxReferenceImages() + " reference images are allowed for model "
                                + model.id() + ".");
            }
        }

        String size = string(body, "size");
        if (size == null) size = model.defaultSize();
        int width = 0;
        int height = 0;
        String keyword = size.toUpperCase(Locale.ROOT);
        Matcher dimensions = DIMENSIONS.matcher(size.trim());
        if (SIZE_KEYWORDS.contains(keyword)) {
            if (!model.sizes().contains(keyword)) {
                throw ApiException.invalid(
                        "size",
                        "The size `" + size + "` is not supported by model " + model.id() + " (supported: "
                                + String.join(
                                        ", ", model.sizes().stream().sorted().toList())
                                + " or WxH within the model's pixel range).");
            }
            size = keyword;
        } else if (dimensions.matches()) {
            width = Integer.parseInt(dimensions.group(1));
            height = Integer.parseInt(dimensions.group(2));
            checkDimensions(model, size, width, height);
        } else {
            throw ApiException.invalid(
                    "size", "The size `" + size + "` is not 1K, 2K, 4K or WIDTHxHEIGHT (e.g. 2048x2048).");
        }

        String mode = string(body, "sequential_image_generation");
        if (mode != null && !mode.equals("auto") && !mode.equals("disabled")) {
            throw ApiException.invalid(
                    "sequential_image_generation",
                    "The parameter `sequential_image_generation` must be auto or disabled.");
        }
        boolean sequential = "auto".equals(mode);
        if (sequential && !model.sequential()) {
            throw ApiException.invalid(
                    "sequential_image_generation",
                    "The model " + model.id() + " does not support sequential_image_generation.");
        }
        int maxImages = model.maxImages();
        JsonNode options = present(body, "sequential_image_generation_options");
        if (options != null) {
            if (!options.isObject()) {
                throw ApiException.invalid(
                        "sequential_image_generation_options",
                        "The parameter `sequential_image_generation_options` must be an object.");
            }
            Long max = integer(
                    options, "max_images", "sequential_image_generation_options.max_images", 1, model.maxImages());
            if (max != null) maxImages = max.intValue();
        }
        maxImages = sequential ? Math.min(maxImages, model.maxReferencesPlusOutputs() - references.size()) : 1;

        String responseFormat = string(body, "response_format");
        if (responseFormat == null) responseFormat = "url";
        if (!responseFormat.equals("url") && !responseFormat.equals("b64_json"))
            throw ApiException.invalid("response_format", "The parameter `response_format` must be url or b64_json.");
        String outputFormat = string(body, "output_format");
        if (outputFormat == null) outputFormat = "jpeg";
        if (!outputFormat.equals("jpeg") && !outputFormat.equals("png"))
            throw ApiException.invalid("output_format", "The parameter `output_format` must be jpeg or png.");
        boolean watermark = bool(body, "watermark", "watermark", true);
        Long seed = integer(body, "seed", "seed", -1, MAX_SEED);
        JsonNode guidance = present(body, "guidance_scale");
        if (guidance != null && (!guidance.isNumber() || guidance.doubleValue() < 1 || guidance.doubleValue() > 10))
            throw ApiException.invalid(
                    "guidance_scale", "The parameter `guidance_scale` must be a number within [1, 10].");
        JsonNode optimize = present(body, "optimize_prompt_options");
        if (optimize != null) {
            if (!optimize.isObject())
                throw ApiException.invalid(
                        "optimize_prompt_options", "The parameter `optimize_prompt_options` must be an object.");
            String optimizeMode = string(optimize, "mode", "optimize_prompt_options.mode");
            if (optimizeMode != null && !model.optimizeModes().contains(optimizeMode)) {
                throw ApiException.invalid(
                        "optimize_prompt_options.mode",
                        "The optimize_prompt_options.mode `" + optimizeMode + "` is not supported by model "
                                + model.id()
                                + " (supported: "
                                + String.join(
                                        ", ",
                                        model.optimizeModes().stream().sorted().toList())
                                + ").");
            }
        }
        boolean stream = bool(body, "stream", "stream", false);
        return new ImageRequest(
                requestedModel,
                model,
                prompt,
                references,
                imageArray,
                size,
                width,
                height,
                sequential,
                maxImages,
                responseFormat,
                outputFormat,
                watermark,
                seed == null ? -1 : seed,
                stream,
                body);
    }

    static void checkDimensions(ImageModelSpec model, String size, long width, long height) {
        long pixels = width * height;
        if (width <= 0 || height <= 0 || pixels < model.minPixels() || pixels > model.maxPixels()) {
            throw ApiException.invalid(
                    "size",
                    "The size " + size + " has " + pixels + " pixels; model " + model.id() + " needs ["
                            + model.minPixels() + ", " + model.maxPixels() + "].");
        }
        if (width > height * model.maxAspect() || height > width * model.maxAspect()) {
            throw ApiException.invalid(
                    "size",
                    "The size " + size + " has an aspect ratio outside [1/" + model.maxAspect() + ", "
                            + model.maxAspect() + "].");
        }
    }
}
