package dev.seedance4j.client;

import dev.seedance4j.client.internal.DownloadLimits;
import dev.seedance4j.client.internal.HttpTransport;
import dev.seedance4j.client.internal.MediaProbe;
import dev.seedance4j.client.internal.ResultDownloader;
import dev.seedance4j.client.internal.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Image generation with Seedream ({@code POST /images/generations}), e.g. for character and scene reference
 * sheets. Synchronous: the answer carries the images; there is no task and nothing to look up afterwards. Obtain it
 * from {@link SeedanceClient#images()}; thread-safe.
 *
 * <pre>{@code
 * ImageResponse answer = client.images().generate(
 *         ImageRequest.builder(Model.SEEDREAM_4_5, "林夏的角色设定图：正面、侧面、全身，纯色背景，动漫风格", ImageSize.of(2560, 1440))
 *                 .seed(7).build());
 * client.images().download(answer.data().get(0), Path.of("sheets/lin.png"));   // atomic, verified
 * BigDecimal cny = CostEstimator.defaults().imageCost(answer).orElse(null);
 * }</pre>
 *
 * <p>The request is validated by the model's limits in the {@link ModelTable} first; nothing is sent when a rule
 * is broken. Refused connections and 429s are retried. A call whose outcome is unknown (timeout, dropped
 * connection after sending, 408, 5xx) may have made and billed images and cannot be reconciled: it raises
 * {@link ImagesOutcomeUnknownException} and is not resent, unless
 * {@link SeedanceClient.Builder#resendImagesAfterUnknownOutcome} says so. Errors are the {@link ApiException} types
 * of the video API; an answer that made no image and carries an {@code error} (its own or every image's) raises one
 * too, while a series of which some images failed is returned with their errors ({@link GeneratedImage#error()}).
 */
public final class Images {
    private static final String PATH = "images/generations";
    /** Base64 takes 4 characters for 3 bytes. */
    private static final double BASE64 = 4 / 3.0;

    private final HttpTransport transport;
    private final ResultDownloader downloader;
    private final ModelTable models;
    private final boolean resendAfterUnknownOutcome;
    private final long maxResponseBytes;
    private final Executor executor;
    private final Runnable ensureOpen;

    Images(
            HttpTransport transport,
            ResultDownloader downloader,
            ModelTable models,
            boolean resendAfterUnknownOutcome,
            long maxResponseBytes,
            Executor executor,
            Runnable ensureOpen) {
        this.transport = transport;
        this.downloader = downloader;
        this.models = models;
        this.resendAfterUnknownOutcome = resendAfterUnknownOutcome;
        this.maxResponseBytes = maxResponseBytes;
        this.executor = executor;
        this.ensureOpen = ensureOpen;
    }

    /**
     * Validates {@code request} and generates the images.
     *
     * @throws ValidationException           when the request breaks a rule (nothing sent)
     * @throws ApiException                  when the service refused it (moderation: {@link ContentModerationException})
     * @throws ImagesOutcomeUnknownException when no answer came back (not resent)
     * @throws SeedanceIOException           when nothing could be sent
     */
    public ImageResponse generate(ImageRequest request) {
        return generate(request, CreateOptions.defaults());
    }

    /** {@link #generate(ImageRequest)}, validating as {@code options} say (e.g. an endpoint id as a known model). */
    public ImageResponse generate(ImageRequest request, CreateOptions options) {
        Objects.requireNonNull(request, "request");
        ensureOpen.run();
        Model rulesOf = options.rulesOf() == null ? request.model() : options.rulesOf();
        if (options.validate()) {
            RequestValidator.throwIfAny(RequestValidator.validate(request, rulesOf, models));
        }
        ImageModelSpec spec = models.image(rulesOf).orElse(null);
        HttpTransport.PostPolicy policy =
                new HttpTransport.PostPolicy(true, resendAfterUnknownOutcome, answerLimit(request, spec));
        HttpTransport.Response response = transport.post(
                PATH,
                WireFormat.bytes(WireFormat.imageBody(request)),
                null,
                policy,
                options.gate(),
                e -> new ImagesOutcomeUnknownException(request, e.sentAt(), e.failedAt(), e.attempts(), e.getCause()));
        ImageResponse answer =
                WireFormat.imageResponse(transport.json(response, "image generation"), response.unansweredAttempts());
        // Nothing was made: the refusal (top-level or of every image) is thrown like an error answer.
        TaskError refusal = answer.error() != null
                ? answer.error()
                : answer.data().stream()
                        .map(GeneratedImage::error)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        if (answer.images().isEmpty() && refusal != null) {
            throw transport.toException(refusal, response);
        }
        return answer;
    }

    /** {@link #generate(ImageRequest)} on the client's executor. */
    public CompletableFuture<ImageResponse> generateAsync(ImageRequest request) {
        return CompletableFuture.supplyAsync(() -> generate(request), executor);
    }

    /**
     * Saves one generated image to {@code target}: a link is downloaded (only http(s), capped at the size an image
     * of its pixels can have), a base64 image is decoded; either way the file is checked to be a png or jpeg of the
     * reported size, and replaces {@code target} atomically only then.
     *
     * @return {@code target}
     * @throws ResultExpiredException when the link answers 403/404/410 (links expire: generate it again)
     * @throws SeedanceIOException    when the download keeps failing or the file is not the image reported
     */
    public Path download(GeneratedImage image, Path target) {
        ensureOpen.run();
        ImageSize size = image.imageSize();
        ResultDownloader.Verifier verifier = file -> verify(file, size);
        if (image.b64Json() != null) {
            byte[] bytes;
            try {
                bytes = image.bytes();
            } catch (IllegalArgumentException notBase64) {
                throw new SeedanceIOException("the image's b64_json is not base64; nothing was saved", notBase64);
            }
            ResultDownloader.write(bytes, target, verifier);
        } else if (image.url() != null) {
            long width = size != null && size.isExact() ? size.width() : 4096;
            long height = size != null && size.isExact() ? size.height() : 4096;
            DownloadLimits.Limit limit = DownloadLimits.picture(width, height, "a " + width + "x" + height + " image");
            downloader.download(image.url(), "the image link", target, limit, verifier);
        } else {
            throw new SeedanceException("the generated image has neither url nor b64_json"
                    + (image.error() == null ? "" : " (" + image.error().code() + ")") + "; nothing to save");
        }
        return target;
    }

    // A png or jpeg of the size the answer reported: an HTML error page or a cut-off file is not an image.
    private static void verify(Path file, ImageSize size) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        MediaProbe.Format format = MediaProbe.sniff(head);
        if (format == null || format.kind() != MediaProbe.Kind.IMAGE) {
            throw new IOException("the file is not an image (" + Files.size(file) + " bytes)");
        }
        if (size == null || !size.isExact()) {
            return;
        }
        MediaProbe.Size actual = MediaProbe.imageSize(format, Files.readAllBytes(file));
        if (actual == null || actual.width() != size.width() || actual.height() != size.height()) {
            throw new IOException("the " + format.name() + " is "
                    + (actual == null ? "unreadable" : actual.width() + "x" + actual.height()) + ", the answer said "
                    + size.value());
        }
    }

    // Links: a small JSON answer. b64_json: every image the call can make, as base64 of uncompressed pixels.
    private long answerLimit(ImageRequest request, ImageModelSpec spec) {
        if (!ImageResponseFormat.B64_JSON.equals(request.responseFormat())) {
            return maxResponseBytes;
        }
        long pixels = request.size().isExact()
                ? (long) request.size().width() * request.size().height()
                : spec != null ? spec.maxPixels() : 4096L * 4096;
        long perImage = DownloadLimits.picture(pixels, 1, "").bytes();
        return Math.max(
                maxResponseBytes, maxResponseBytes + (long) (request.maxOutputImages(spec) * perImage * BASE64));
    }
}
