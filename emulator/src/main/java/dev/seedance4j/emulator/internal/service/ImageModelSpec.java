package dev.seedance4j.emulator.internal.service;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one Seedream image model accepts and costs (ark-chat-images-api.md, image generation), as the model table
 * ({@code models.json}) gives it. JSON names are these names in snake_case.
 *
 * @param id                        model id as sent in {@code model}
 * @param name                      human name, e.g. "Seedream 4.0"
 * @param sources                   where the facts come from
 * @param uncertain                 which facts no official source confirms
 * @param sizes                     accepted {@code size} presets ({@code 1K}, {@code 2K}, {@code 4K}); {@code WxH} is
 *                                  accepted within the pixel range
 * @param defaultSize               the size when none is sent
 * @param minPixels                 smallest width × height of an output
 * @param maxPixels                 largest width × height of an output
 * @param maxReferenceImages        at most this many {@code image} references
 * @param maxReferencesPlusOutputs  references plus generated images at most this many
 * @param maxImages                 {@code sequential_image_generation_options.max_images} at most this many
 * @param referenceImageMaxMb       size limit of one reference image in MB
 * @param referenceImageFormats     accepted reference image formats
 * @param cnyPerImage               price of one generated image
 */
public record ImageModelSpec(
        String id,
        String name,
        List<String> sources,
        String uncertain,
        List<String> sizes,
        String defaultSize,
        long minPixels,
        long maxPixels,
        int maxReferenceImages,
        int maxReferencesPlusOutputs,
        int maxImages,
        int referenceImageMaxMb,
        List<String> referenceImageFormats,
        BigDecimal cnyPerImage) {

    public ImageModelSpec {
        sources = sources == null ? List.of() : List.copyOf(sources);
        sizes = sizes == null ? List.of() : List.copyOf(sizes);
        referenceImageFormats = referenceImageFormats == null ? List.of() : List.copyOf(referenceImageFormats);
    }
}
