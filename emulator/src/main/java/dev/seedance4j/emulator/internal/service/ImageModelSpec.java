package dev.seedance4j.emulator.internal.service;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one Seedream image model accepts and costs (ark-chat-images-api.md, image generation), as the model table
 * ({@code models.json}) gives it. JSON names are these names in snake_case.
 *
 * @param id                        model id as sent in {@code model}
 * @param name                      human name, e.g. "Seedream 4.0"
 * @param aliases                   other ids of the same model (BytePlus spells some Seedream ids differently)
 * @param sources                   where the facts come from
 * @param uncertain                 which facts no official source confirms
 * @param sizes                     accepted {@code size} presets ({@code 1K}, {@code 2K}, {@code 4K}); {@code WxH} is
 *                                  accepted within the pixel range
 * @param defaultSize               the size when none is sent
 * @param minPixels                 smallest width × height of an output
 * @param maxPixels                 largest width × height of an output
 * @param maxAspect                 an output's width / height and height / width at most this
 * @param maxReferenceImages        at most this many {@code image} references
 * @param maxReferencesPlusOutputs  references plus generated images at most this many
 * @param maxImages                 {@code sequential_image_generation_options.max_images} at most this many
 * @param sequential                {@code sequential_image_generation: auto} accepted
 * @param optimizeModes             accepted {@code optimize_prompt_options.mode} values
 * @param referenceImageMaxMb       size limit of one reference image in MB
 * @param referenceImageFormats     accepted reference image formats
 * @param imagesPerMinute           images generated per minute (429 beyond)
 * @param cnyPerImage               price of one generated image
 */
public record ImageModelSpec(
        String id,
        String name,
        List<String> aliases,
        List<String> sources,
        String uncertain,
        List<String> sizes,
        String defaultSize,
        long minPixels,
        long maxPixels,
        int maxAspect,
        int maxReferenceImages,
        int maxReferencesPlusOutputs,
        int maxImages,
        boolean sequential,
        List<String> optimizeModes,
        int referenceImageMaxMb,
        List<String> referenceImageFormats,
        int imagesPerMinute,
        BigDecimal cnyPerImage)
        implements ModelTable.Entry<ImageModelSpec> {

    public ImageModelSpec {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        sources = sources == null ? List.of() : List.copyOf(sources);
        sizes = sizes == null ? List.of() : List.copyOf(sizes);
        optimizeModes = optimizeModes == null ? List.of() : List.copyOf(optimizeModes);
        referenceImageFormats = referenceImageFormats == null ? List.of() : List.copyOf(referenceImageFormats);
    }

    @Override
    public ImageModelSpec withId(String otherId) {
        return new ImageModelSpec(
                otherId,
                name,
                List.of(),
                sources,
                uncertain,
                sizes,
                defaultSize,
                minPixels,
                maxPixels,
                maxAspect,
                maxReferenceImages,
                maxReferencesPlusOutputs,
                maxImages,
                sequential,
                optimizeModes,
                referenceImageMaxMb,
                referenceImageFormats,
                imagesPerMinute,
                cnyPerImage);
    }
}
