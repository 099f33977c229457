package dev.seedance4j.client;

import dev.seedance4j.client.internal.MediaProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules of an image generation request (contract: image generation) under a model's limits. */
final class ImageRules {
    /** Reference images are jpeg or png of at most 10 MB each (contract, from reseller docs: UNCERTAIN). */
    static final long MAX_REFERENCE_BYTES = 10L * 1024 * 1024;

    private static final Set<String> REFERENCE_MIME = Set.of("image/jpeg", "image/png");
    private static final Set<String> FORMATS = Set.of("url", "b64_json");
    private static final Set<String> SEQUENTIAL =
            Set.of(ImageRequest.SEQUENTIAL_AUTO, ImageRequest.SEQUENTIAL_DISABLED);
    private static final int MAX_IMAGES = 15;

    private ImageRules() {}

    static List<Violation> check(ImageRequest r, ImageModelSpec spec) {
        List<Violation> v = new ArrayList<>();
        String on = " on " + r.model().id();
        if (r.prompt().isBlank()) {
            v.add(new Violation("prompt", "\"" + r.prompt() + "\"", "must not be blank"));
        }
        ImageSize size = r.size();
        if (size.isExact()) {
            long pixels = (long) size.width() * size.height();
            if (size.width() < 1 || size.height() < 1 || pixels < spec.minPixels() || pixels > spec.maxPixels()) {
                v.add(new Violation(
                        "size",
                        size.value() + " (" + pixels + " pixels)",
                        "must have between " + spec.minPixels() + " and " + spec.maxPixels() + " pixels" + on));
            }
            long longer = Math.max(size.width(), size.height());
            long shorter = Math.max(1, Math.min(size.width(), size.height()));
            if (longer > (long) spec.maxAspect() * shorter) {
                v.add(new Violation(
                        "size",
                        size.value(),
                        "the aspect ratio must be within [1/" + spec.maxAspect() + ", " + spec.maxAspect() + "]" + on));
            }
        } else if (!spec.sizePresets().contains(size.value())) {
            v.add(new Violation("size", size.value(), "must be one of " + spec.sizePresets() + " or WxH" + on));
        }
        if (r.sequentialGeneration() != null && !SEQUENTIAL.contains(r.sequentialGeneration())) {
            v.add(new Violation("sequential_image_generation", r.sequentialGeneration(), "must be auto or disabled"));
        }
        if (r.maxImages() != null) {
            if (!ImageRequest.SEQUENTIAL_AUTO.equals(r.sequentialGeneration())) {
                v.add(new Violation(
                        "sequential_image_generation_options.max_images",
                        String.valueOf(r.maxImages()),
                        "needs sequential_image_generation auto"));
            } else if (r.maxImages() < 1 || r.maxImages() > MAX_IMAGES) {
                v.add(new Violation(
                        "sequential_image_generation_options.max_images",
                        String.valueOf(r.maxImages()),
                        "must be within [1, " + MAX_IMAGES + "]"));
            }
        }
        int references = r.images().size();
        if (references > spec.maxReferenceImages()) {
            v.add(new Violation(
                    "image",
                    references + " images",
                    "at most " + spec.maxReferenceImages() + " reference images" + on));
        } else if (references + r.maxOutputImages(spec) > spec.maxTotalImages()) {
            v.add(new Violation(
                    "image",
                    references + " references + " + r.maxOutputImages(spec) + " images",
                    "references and generated images may total at most " + spec.maxTotalImages() + on));
        }
        for (int i = 0; i < references; i++) {
            checkReference(v, "image[" + i + "]", r.images().get(i));
        }
        if (r.responseFormat() != null && !FORMATS.contains(r.responseFormat().value())) {
            v.add(new Violation("response_format", r.responseFormat().value(), "must be url or b64_json"));
        }
        if (r.seed() != null && r.seed() < -1) {
            v.add(new Violation("seed", String.valueOf(r.seed()), "must be -1 (random) or more"));
        }
        return v;
    }

    private static void checkReference(List<Violation> v, String field, Media image) {
        if (!image.isInline()) {
            return;
        }
        MediaProbe.DataUrl data = MediaProbe.decodeDataUrl(image.url());
        if (data == null) {
            v.add(new Violation(field, image.describe(), "a data URL must read data:image/<format>;base64,<data>"));
            return;
        }
        if (!REFERENCE_MIME.contains(data.mimeType())) {
            v.add(new Violation(field, image.describe(), "a reference image must be jpeg or png"));
            return;
        }
        if (data.bytes().length > MAX_REFERENCE_BYTES) {
            v.add(new Violation(
                    field, image.describe() + " (" + data.bytes().length + " bytes)", "must be at most 10 MB"));
        }
        MediaProbe.Format format = MediaProbe.sniff(data.bytes());
        if (format == null || !format.mimeType().equals(data.mimeType())) {
            v.add(new Violation(field, image.describe(), "the bytes are not a " + data.mimeType() + " image"));
        }
    }
}
