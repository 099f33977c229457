package dev.seedance4j.client;

import java.time.Instant;
import java.util.List;

/**
 * The answer of an image generation call. A field the response did not carry is {@code null}.
 *
 * @param model              {@code model}
 * @param created            {@code created}
 * @param data               {@code data}: the images (an item of a series that failed carries its error instead)
 * @param usage              {@code usage}, or {@code null}
 * @param error              {@code error} reported beside the images (e.g. a series cut short), or {@code null}
 * @param unansweredAttempts earlier sends of this request that may have been served and billed without an answer
 *                           (only when {@link SeedanceClient.Builder#resendImagesAfterUnknownOutcome} is on)
 */
public record ImageResponse(
        Model model,
        Instant created,
        List<GeneratedImage> data,
        ImageUsage usage,
        TaskError error,
        int unansweredAttempts) {
    public ImageResponse {
        data = List.copyOf(data);
    }

    /** The items of {@code data} that carry an image. */
    public List<GeneratedImage> images() {
        return data.stream().filter(GeneratedImage::isImage).toList();
    }

    /** The images billed: {@code usage.generated_images}, else the number of images in {@code data}. */
    public int billedImages() {
        return usage != null ? usage.generatedImages() : images().size();
    }
}
