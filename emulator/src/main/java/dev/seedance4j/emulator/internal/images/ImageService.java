package dev.seedance4j.emulator.internal.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.emulator.internal.genai.FaultPlan;
import dev.seedance4j.emulator.internal.genai.GenAiConfig;
import dev.seedance4j.emulator.internal.genai.GenAiReply;
import dev.seedance4j.emulator.internal.genai.RateWindow;
import dev.seedance4j.emulator.internal.render.ImageRenderer;
import dev.seedance4j.emulator.internal.service.ApiException;
import dev.seedance4j.emulator.internal.service.FaultInjector;
import dev.seedance4j.emulator.internal.service.GenerationRequest.MediaItem;
import dev.seedance4j.emulator.internal.service.MediaFetcher;
import dev.seedance4j.emulator.internal.service.MediaSniffer;
import dev.seedance4j.emulator.internal.service.RealFaces;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * {@code POST /api/v3/images/generations}: validation, input moderation, reference images (fetched like video
 * references, with the image API's limits, and the real-face rule), images per minute, then one real PNG or JPEG
 * per image at the decided size, each returned as a signed URL or base64, with usage ({@code generated_images},
 * {@code output_tokens} = Σ W×H / 256, as the official doc says) and faults: output moderation fails one image of
 * the set ({@code data[i].error}, not billed) while the others go on, as the doc describes for sets.
 */
public final class ImageService {

    /** Faults a request can ask for ({@code X-Emulator-Fault}) or a plan can list. */
    public static final Set<String> FAULTS = Set.of("ok", "moderation", "429", "500", "drop", "drop-after");

    private static final long MAX_REFERENCE_BYTES = 10L * 1024 * 1024;
    private static final long MAX_REFERENCE_PIXELS = 6000L * 6000;
    private static final Set<String> REFERENCE_FORMATS = Set.of("jpeg", "png", "webp", "bmp", "tiff", "gif");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageValidator validator;
    private final GenAiConfig config;
    private final Clock clock;
    private final FaultInjector faults;
    private final FaultPlan plan;
    private final Consumer<String> countFault;
    private final MediaFetcher fetcher;
    private final RealFaces realFaces;
    private final ImageRenderer renderer;
    private final ImageStore store;
    private final RateWindow perMinute = new RateWindow();
    private final Map<String, LongAdder> generated = new ConcurrentHashMap<>();

    public ImageService(
            GenAiConfig config,
            Clock clock,
            Path directory,
            FaultInjector faults,
            Consumer<String> countFault,
            MediaFetcher fetcher,
            RealFaces realFaces,
            ImageRenderer renderer) {
        this.validator = new ImageValidator(ImageModel.table(config.imageModels()), config.endpoints());
        this.config = config;
        this.clock = clock;
        this.faults = faults;
        this.plan = new FaultPlan("image", config.imageFaultPlan(), FAULTS);
        this.countFault = countFault;
        this.fetcher = fetcher;
        this.realFaces = realFaces;
        this.renderer = renderer;
        this.store = new ImageStore(directory, clock, config.resultUrlTtl());
    }

    public void publicBaseUrl(String url) {
        store.publicBaseUrl(url);
    }

    /** A decoded reference: its size from the header, its pixels when Java can decode the format. */
    private record Reference(int width, int height, BufferedImage image) {}

    public GenAiReply generate(JsonNode body, String faultHeader, String requestId) {
        store.sweep();
        String outcome = plan.next(faultHeader);
        GenAiReply early = FaultPlan.beforeWork(outcome, countFault);
        if (early != null) return early;
        ImageRequest request = validator.validate(body);
        FaultPlan.moderate(request.prompt(), config.moderatedWords(), "prompt", countFault);
        List<Reference> references = new ArrayList<>();
        List<byte[]> referenceBytes = new ArrayList<>();
        for (int i = 0; i < request.references().size(); i++) {
            byte[] bytes = load(request, i);
            referenceBytes.add(bytes);
            references.add(decode(request, i, bytes));
        }
        ImageModel model = request.model();
        int[] size = request.width() > 0
                ? new int[] {request.width(), request.height()}
                : ImagePlan.size(
                        request.size(),
                        model,
                        request.prompt(),
                        references.isEmpty()
                                ? null
                                : new int[] {
                                    references.get(0).width(), references.get(0).height()
                                });
        List<String> captions = ImagePlan.items(request.prompt());
        int count = request.sequential() ? Math.min(ImagePlan.count(request.prompt()), request.maxImages()) : 1;
        Instant now = clock.instant();
        long ipm = config.rpmByModel().containsKey(model.id())
                ? config.rpmByModel().get(model.id())
                : model.ipm();
        if (!perMinute.tryAdd(model.id(), now, count, ipm)) {
            throw new ApiException(
                    429,
                    "ModelAccountRpmRateLimitExceeded",
                    "The request has exceeded the images per minute (IPM) limit of model " + model.id()
                            + ". Please try again later.",
                    "");
        }
        long seed = request.seed() >= 0 ? request.seed() : derivedSeed(request, size, referenceBytes);
        boolean photorealistic = RealFaces.photorealistic(request.prompt());
        String note = photorealistic ? "emulator; " + RealFaces.PHOTOREALISTIC : "emulator";
        List<BufferedImage> thumbnails =
                references.stream().map(Reference::image).toList();
        List<ObjectNode> items = new ArrayList<>();
        long pixels = 0;
        int succeeded = 0;
        for (int i = 0; i < count; i++) {
            if ("moderation".equals(outcome) || (outcome == null && faults.inject(FaultInjector.Kind.MODERATION))) {
                countFault.accept(FaultInjector.Kind.MODERATION.label());
                ObjectNode item = NODES.objectNode();
                item.putObject("error")
                        .put("code", "OutputImageSensitiveContentDetected")
                        .put(
                                "message",
                                "The request failed because the output image may contain sensitive information.");
                items.add(item);
                continue;
            }
            String caption = i < captions.size() ? captions.get(i) : null;
            BufferedImage image = renderer.render(new ImageRenderer.Spec(
                    size[0],
                    size[1],
                    request.prompt(),
                    seed,
                    i,
                    count,
                    caption,
                    thumbnails,
                    request.watermark(),
                    model.id(),
                    photorealistic));
            byte[] encoded = ImageRenderer.encode(image, request.outputFormat(), RealFaces.MARK_KEYWORD, note);
            ObjectNode item = NODES.objectNode();
            if (request.responseFormat().equals("b64_json")) {
                item.put("b64_json", Base64.getEncoder().encodeToString(encoded));
            } else {
                item.put("url", store.save(requestId, (i + 1) + "." + request.outputFormat(), encoded));
            }
            item.put("size", size[0] + "x" + size[1]);
            items.add(item);
            pixels += (long) size[0] * size[1];
            succeeded++;
        }
        generated.computeIfAbsent(model.id(), k -> new LongAdder()).add(succeeded);
        ObjectNode usage = NODES.objectNode();
        usage.put("generated_images", succeeded);
        usage.put("output_tokens", Math.round(pixels / 256.0));
        usage.put("total_tokens", Math.round(pixels / 256.0));
        boolean dropAfter =
                outcome == null ? faults.inject(FaultInjector.Kind.DROP_AFTER) : outcome.equals("drop-after");
        if (dropAfter) countFault.accept(FaultInjector.Kind.DROP_AFTER.label());
        if (request.stream()) return stream(model.id(), now, items, usage, dropAfter);
        ObjectNode response = NODES.objectNode();
        response.put("model", model.id());
        response.put("created", now.getEpochSecond());
        ArrayNode data = response.putArray("data");
        items.forEach(data::add);
        response.set("usage", usage);
        return new GenAiReply.Json(200, response, dropAfter);
    }

    private GenAiReply stream(String model, Instant now, List<ObjectNode> items, ObjectNode usage, boolean dropAfter) {
        List<GenAiReply.Event> events = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = items.get(i);
            String type = item.has("error") ? "image_generation.partial_failed" : "image_generation.partial_succeeded";
            ObjectNode event =
                    NODES.objectNode().put("type", type).put("model", model).put("created", now.getEpochSecond());
            event.put("image_index", i);
            event.setAll(item);
            events.add(new GenAiReply.Event(type, write(event)));
        }
        ObjectNode completed = NODES.objectNode()
                .put("type", "image_generation.completed")
                .put("model", model)
                .put("created", now.getEpochSecond());
        completed.set("usage", usage);
        events.add(new GenAiReply.Event("image_generation.completed", write(completed)));
        return new GenAiReply.Stream(events, dropAfter ? events.size() / 2 : -1);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reference's bytes, checked against the image API's limits and the real-face rule. */
    private byte[] load(ImageRequest request, int index) {
        String param = request.referenceParam(index);
        String url = request.references().get(index);
        byte[] bytes;
        try {
            bytes = fetcher.load(
                    new MediaItem(index, MediaItem.Kind.IMAGE, "reference_image", url), MAX_REFERENCE_BYTES);
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.code(), e.getMessage(), param);
        }
        if (bytes.length > MAX_REFERENCE_BYTES) throw ApiException.invalid(param, "The image is larger than 10 MB.");
        MediaSniffer.ImageHeader header = MediaSniffer.image(bytes);
        if (header == null || !REFERENCE_FORMATS.contains(header.format())) {
            throw ApiException.invalid(
                    param, "The image format is not supported (supported: jpeg, png, webp, bmp, tiff, gif).");
        }
        int w = header.width();
        int h = header.height();
        if (w <= 14 || h <= 14)
            throw ApiException.invalid(param, "The image is " + w + "x" + h + "; each side must be more than 14 px.");
        if (w > 16L * h || h > 16L * w)
            throw ApiException.invalid(param, "The image aspect ratio " + w + ":" + h + " is outside [1/16, 16].");
        if ((long) w * h > MAX_REFERENCE_PIXELS)
            throw ApiException.invalid(param, "The image has more than 6000x6000 pixels.");
        realFaces.check(url, bytes, param);
        return bytes;
    }

    private static Reference decode(ImageRequest request, int index, byte[] bytes) {
        MediaSniffer.ImageHeader header = MediaSniffer.image(bytes);
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw ApiException.invalid(request.referenceParam(index), "The image cannot be decoded.");
        }
        return new Reference(header.width(), header.height(), image);
    }

    /** Seed -1: a hash of what shapes the picture (model, prompt, size, references), so a request repeats. */
    private static long derivedSeed(ImageRequest request, int[] size, List<byte[]> references) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String shape = String.join("\n", request.model().id(), request.prompt(), size[0] + "x" + size[1]);
            digest.update(shape.getBytes(StandardCharsets.UTF_8));
            for (byte[] reference : references) digest.update(reference);
            byte[] hash = digest.digest();
            return ((hash[0] & 0x7fL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The file behind a signed image URL. */
    public Path file(String id, String name, String expires, String signature) {
        return store.file(id, name, expires, signature);
    }

    /** Images generated (billed), by model. */
    public Map<String, Long> generatedByModel() {
        Map<String, Long> copy = new TreeMap<>();
        generated.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public void reset() {
        generated.clear();
        perMinute.clear();
        plan.reset();
        store.clear();
    }
}
