package dev.seedance4j.client;

import java.util.List;

/**
 * What a Seedream image model accepts, as the {@link ModelTable} says (contract: image generation).
 *
 * @param id                 the model id the entry is keyed by
 * @param source             where the facts come from
 * @param uncertain          what of this entry could not be confirmed ({@code ""} when nothing)
 * @param sizePresets        accepted {@code size} presets, e.g. {@code 2K}, {@code 4K}
 * @param minPixels          fewest pixels (width × height) of a {@code WxH} size
 * @param maxPixels          most pixels of a {@code WxH} size
 * @param maxAspect          most width/height (and height/width) of a {@code WxH} size
 * @param maxReferenceImages most reference images ({@code image})
 * @param maxTotalImages     most reference images plus generated images in one call
 */
public record ImageModelSpec(
        String id,
        String source,
        String uncertain,
        List<String> sizePresets,
        long minPixels,
        long maxPixels,
        int maxAspect,
        int maxReferenceImages,
        int maxTotalImages) {
    public ImageModelSpec {
        sizePresets = List.copyOf(sizePresets);
    }
}
