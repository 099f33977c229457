package dev.seedance4j.client;

/**
 * What an image generation call used ({@code usage}); Seedream bills per generated image.
 *
 * @param generatedImages {@code usage.generated_images}
 * @param outputTokens    {@code usage.output_tokens}
 * @param totalTokens     {@code usage.total_tokens}
 */
public record ImageUsage(int generatedImages, long outputTokens, long totalTokens) {}
