package dev.seedance4j.emulator.internal.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An image generation request that passed validation.
 *
 * @param requestedModel {@code model} as sent (a model id or a configured endpoint id)
 * @param references     the {@code image} URLs, data URLs or {@code asset://} ids, in order
 * @param imageArray     whether {@code image} was an array (error params are then {@code image[i]})
 * @param size           the {@code size} as sent, or the default {@code 2048x2048}
 * @param width          the width of a {@code WxH} size, or 0 for a keyword
 * @param height         the height of a {@code WxH} size, or 0 for a keyword
 * @param maxImages      images a sequential request may return (1 when not sequential)
 * @param seed           the seed, or -1
 * @param body           the request body, for the seed of -1
 */
record ImageRequest(
        String requestedModel,
        ImageModel model,
        String prompt,
        List<String> references,
        boolean imageArray,
        String size,
        int width,
        int height,
        boolean sequential,
        int maxImages,
        String responseFormat,
        String outputFormat,
        boolean watermark,
        long seed,
        boolean stream,
        JsonNode body) {

    ImageRequest {
        references = List.copyOf(references);
    }

    String referenceParam(int index) {
        return imageArray ? "image[" + index + "]" : "image";
    }
}
