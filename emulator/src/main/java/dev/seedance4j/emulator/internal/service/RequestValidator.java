package dev.seedance4j.emulator.internal.service;

import static dev.seedance4j.emulator.internal.service.JsonFields.present;
import static dev.seedance4j.emulator.internal.service.JsonFields.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.emulator.internal.service.GenerationRequest.MediaItem;
import dev.seedance4j.emulator.internal.service.GenerationRequest.MediaItem.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The create request's structural rules (contract §2, §2.4, §3.4), checked the way the service checks them: body
 * fields strictly, text commands weakly. JSON {@code null} always means "absent" because the Python SDK sends every
 * optional field. Fields the contract does not list are ignored (UNCERTAIN whether the service rejects them; the
 * SDKs' {@code extra_body} suggests it tolerates them).
 */
public final class RequestValidator {

    static final Set<String> ROLES_IMAGE = Set.of("first_frame", "last_frame", "reference_image");
    static final Set<String> RATIOS = Set.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive");
    static final long MAX_SEED = 4_294_967_295L;
    /** The 2.0 series model chooses when asked for -1; the emulator always chooses this. */
    public static final int CHOSEN_DURATION = 5;

    private static final Pattern TEXT_COMMAND = Pattern.compile("(?:^|\\s)--([a-zA-Z]+)\\s+(\\S+)");
    private static final Map<String, String> COMMAND_NAMES = Map.ofEntries(
            Map.entry("resolution", "resolution"),
            Map.entry("rs", "resolution"),
            Map.entry("ratio", "ratio"),
            Map.entry("rt", "ratio"),
            Map.entry("duration", "duration"),
            Map.entry("dur", "duration"),
            Map.entry("frames", "frames"),
            Map.entry("framespersecond", "fps"),
            Map.entry("fps", "fps"),
            Map.entry("seed", "seed"),
            Map.entry("camerafixed", "camera_fixed"),
            Map.entry("cf", "camera_fixed"),
            Map.entry("watermark", "watermark"),
            Map.entry("wm", "watermark"));

    private final ModelTable models;
    private final Map<String, String> endpoints;

    /**
     * @param models    the model table
     * @param endpoints endpoint ids ({@code ep-...}) that the emulator accepts, mapped to model ids
     */
    public RequestValidator(ModelTable models, Map<String, String> endpoints) {
        this.models = models;
        this.endpoints = Map.copyOf(endpoints);
    }

    public GenerationRequest validate(JsonNode body) {
        if (body == null || !body.isObject()) throw ApiException.invalid("", "The request body must be a JSON object.");
        String requestedModel = string(body, "model");
        if (requestedModel == null) throw ApiException.missing("model", "The parameter `model` is required.");
        ModelSpec model = models.video(endpoints.getOrDefault(requestedModel, requestedModel))
                .orElse(null);
        if (model == null) {
            throw new ApiException(
                    404,
                    "InvalidEndpointOrModel.NotFound",
                    "The model or endpoint " + requestedModel + " does not exist or you do not have access to it.",
                    "model");
        }

        JsonNode content = present(body, "content");
        if (content == null) throw ApiException.missing("content", "The parameter `content` is required.");
        if (!content.isArray() || content.isEmpty()) {
            throw ApiException.invalid("content", "The parameter `content` must be a non-empty array.");
        }
        List<String> texts = new ArrayList<>();
        List<MediaItem> media = new ArrayList<>();
        String draftTaskId = null;
        for (int i = 0; i < content.size(); i++) {
            JsonNode item = content.get(i);
            String at = "content[" + i + "]";
            if (!item.isObject()) throw ApiException.invalid(at, "Each item of `content` must be an object.");
            String type = string(item, "type", at + ".type");
            if (type == null) throw ApiException.missing(at + ".type", "The parameter `" + at + ".type` is required.");
            String role = string(item, "role", at + ".role");
            switch (type) {
                case "text" -> {
                    String text = string(item, "text", at + ".text");
                    if (text == null)
                        throw ApiException.missing(at + ".text", "The parameter `" + at + ".text` is required.");
                    texts.add(text);
                }
                case "image_url" -> {
                    if (role != null && !ROLES_IMAGE.contains(role)) {
                        throw ApiException.invalid(
                                at + ".role",
                                "The image role `" + role
                                        + "` is not one of first_frame, last_frame, reference_image.");
                    }
                    media.add(new MediaItem(i, Kind.IMAGE, role, url(item, "image_url", at)));
                }
                case "video_url", "audio_url" -> {
                    Kind kind = type.equals("video_url") ? Kind.VIDEO : Kind.AUDIO;
                    String expected = kind == Kind.VIDEO ? "reference_video" : "reference_audio";
                    if ((kind == Kind.VIDEO ? model.referenceVideos() : model.referenceAudios()) == 0) {
                        throw ApiException.invalid(
                                at + ".type",
                                "The model " + model.id() + " does not support "
                                        + (kind == Kind.VIDEO ? "video" : "audio") + " input.");
                    }
                    if (role != null && !role.equals(expected)) {
                        throw ApiException.invalid(
                                at + ".role", "The role of `" + type + "` must be " + expected + ".");
                    }
                    media.add(new MediaItem(i, kind, expected, url(item, type, at)));
                }
                case "draft_task" -> {
                    if (!model.draft()) {
                        throw ApiException.invalid(
                                at + ".type", "The model " + model.id() + " does not support draft_task.");
                    }
                    JsonNode draftTask = present(item, "draft_task");
                    draftTaskId = draftTask == null ? null : string(draftTask, "id", at + ".draft_task.id");
                    if (draftTaskId == null) {
                        throw ApiException.missing(
                                at + ".draft_task.id", "The parameter `" + at + ".draft_task.id` is required.");
                    }
                }
                default ->
                    throw ApiException.invalid(
                            at + ".type",
                            "The content type `" + type
                                    + "` is not one of text, image_url, video_url, audio_url, draft_task.");
            }
        }
        if (texts.size() > 1)
            throw ApiException.invalid("content", "The parameter `content` may contain at most one text item.");
        String rawPrompt = texts.isEmpty() ? "" : texts.get(0);
        if (draftTaskId != null && content.size() > 1) {
            throw ApiException.invalid("content", "A draft_task item must be the only item of `content`.");
        }
        boolean referenceImageScene = checkScene(model, media, rawPrompt, draftTaskId != null);

        Map<String, String> commands = textCommands(rawPrompt);
        String prompt = TEXT_COMMAND.matcher(rawPrompt).replaceAll("").trim();

        String callbackUrl = string(body, "callback_url");
        if (callbackUrl != null && !isHttpUrl(callbackUrl)) {
            throw ApiException.invalid("callback_url", "The parameter `callback_url` must be an http(s) URL.");
        }
        boolean returnLastFrame = bool(body, "return_last_frame", false);
        String serviceTier = string(body, "service_tier");
        if (serviceTier == null) serviceTier = "default";
        if (!serviceTier.equals("default") && !serviceTier.equals("flex")) {
            throw ApiException.invalid("service_tier", "The parameter `service_tier` must be default or flex.");
        }
        if (serviceTier.equals("flex") && !model.flex()) {
            throw ApiException.invalid(
                    "service_tier", "The model " + model.id() + " does not support service_tier flex.");
        }
        long expiresAfter = integer(body, "execution_expires_after", 172_800L);
        if (expiresAfter < 3600 || expiresAfter > 259_200) {
            throw ApiException.invalid(
                    "execution_expires_after",
                    "The parameter `execution_expires_after` must be within [3600, 259200].");
        }
        Boolean generateAudioField = optionalBool(body, "generate_audio");
        // UNCERTAIN: asking a silent model for audio is refused; an explicit false is harmless and accepted.
        if (Boolean.TRUE.equals(generateAudioField) && !model.generateAudio()) {
            throw ApiException.invalid(
                    "generate_audio", "The model " + model.id() + " does not support generate_audio.");
        }
        boolean generateAudio = model.generateAudio() && (generateAudioField == null || generateAudioField);
        boolean draft = bool(body, "draft", false);
        if (draft && !model.draft())
            throw ApiException.invalid("draft", "The model " + model.id() + " does not support draft.");
        if (draft && returnLastFrame)
            throw ApiException.invalid("return_last_frame", "A draft cannot return its last frame.");
        if (draft && serviceTier.equals("flex"))
            throw ApiException.invalid("service_tier", "A draft cannot use service_tier flex.");
        boolean webSearch = tools(body, model);
        // UNCERTAIN (third parties): web search works from the prompt alone; the model table says where it holds.
        if (webSearch && model.webSearchTextOnly() && !media.isEmpty()) {
            throw ApiException.invalid(
                    "tools",
                    "The web_search tool of model " + model.id()
                            + " works only with text-only input (no image, video or audio items).");
        }
        String safetyIdentifier = string(body, "safety_identifier");
        if (safetyIdentifier != null && safetyIdentifier.length() > 64) {
            throw ApiException.invalid(
                    "safety_identifier", "The parameter `safety_identifier` must be at most 64 characters.");
        }
        long priority = integer(body, "priority", 0L);
        if (priority < 0 || priority > 9)
            throw ApiException.invalid("priority", "The parameter `priority` must be within [0, 9].");
        if (priority != 0 && !model.priority()) {
            throw ApiException.invalid("priority", "The model " + model.id() + " does not support priority.");
        }
        if (priority != 0 && serviceTier.equals("flex")) {
            throw ApiException.invalid("priority", "The parameter `priority` cannot be used with service_tier flex.");
        }

        String resolution = string(body, "resolution");
        if (resolution == null
                && commands.containsKey("resolution")
                && model.resolutions().contains(commands.get("resolution"))) resolution = commands.get("resolution");
        if (resolution != null && !model.resolutions().contains(resolution)) {
            throw ApiException.invalid(
                    "resolution",
                    "The resolution `" + resolution + "` is not supported by model " + model.id() + " (supported: "
                            + sorted(model.resolutions()) + ").");
        }
        List<String> sceneResolutions = model.referenceSceneResolutions();
        if (resolution != null
                && referenceImageScene
                && sceneResolutions != null
                && !sceneResolutions.contains(resolution)) {
            throw ApiException.invalid(
                    "resolution",
                    "The reference-image scene of model " + model.id() + " does not support " + resolution
                            + " (supported: " + sorted(sceneResolutions) + ").");
        }
        if (draft && resolution != null && !resolution.equals("480p")) {
            throw ApiException.invalid("resolution", "A draft is always 480p.");
        }
        if (resolution == null) resolution = draft ? "480p" : model.defaultResolution();

        String ratio = string(body, "ratio");
        if (ratio == null && commands.containsKey("ratio") && RATIOS.contains(commands.get("ratio")))
            ratio = commands.get("ratio");
        if (ratio != null && !RATIOS.contains(ratio)) {
            throw ApiException.invalid(
                    "ratio", "The ratio `" + ratio + "` is not one of 16:9, 4:3, 1:1, 3:4, 9:16, 21:9, adaptive.");
        }
        if (ratio == null) ratio = model.defaultRatio(media.isEmpty(), referenceImageScene);

        Integer frames = null;
        Long framesField = optionalInteger(body, "frames");
        if (framesField == null && model.frames() && validFrames(parseLong(commands.get("frames")))) {
            framesField = parseLong(commands.get("frames"));
        }
        if (framesField != null) {
            if (!model.frames())
                throw ApiException.invalid("frames", "The model " + model.id() + " does not support frames.");
            if (!validFrames(framesField)) {
                throw ApiException.invalid("frames", "The parameter `frames` must be 25+4n within [29, 289].");
            }
            frames = framesField.intValue();
        }
        Long durationField = optionalInteger(body, "duration");
        Long durationCommand = parseLong(commands.get("duration"));
        if (durationField == null && durationCommand != null && validDuration(model, durationCommand))
            durationField = durationCommand;
        if (durationField != null && !validDuration(model, durationField)) {
            throw ApiException.invalid(
                    "duration",
                    "The parameter `duration` must be within [" + model.minDuration() + ", " + model.maxDuration() + "]"
                            + (model.autoDuration() ? " or -1" : "") + " for model " + model.id() + ".");
        }
        int duration = durationField == null ? 5 : durationField.intValue();

        Long seedField = optionalInteger(body, "seed");
        Long seedCommand = parseLong(commands.get("seed"));
        if (seedField == null && seedCommand != null && seedCommand >= -1 && seedCommand <= MAX_SEED)
            seedField = seedCommand;
        if (seedField != null && (seedField < -1 || seedField > MAX_SEED)) {
            throw ApiException.invalid("seed", "The parameter `seed` must be within [-1, 4294967295].");
        }
        long seed = seedField == null ? -1 : seedField;

        Boolean cameraFixedField = optionalBool(body, "camera_fixed");
        if (cameraFixedField == null
                && commands.containsKey("camera_fixed")
                && model.cameraFixed()
                && !referenceImageScene) {
            cameraFixedField = parseBool(commands.get("camera_fixed"));
        }
        boolean cameraFixed = Boolean.TRUE.equals(cameraFixedField);
        if (cameraFixed && !model.cameraFixed()) {
            throw ApiException.invalid("camera_fixed", "The model " + model.id() + " does not support camera_fixed.");
        }
        if (cameraFixed && referenceImageScene) {
            throw ApiException.invalid("camera_fixed", "camera_fixed is not supported in the reference-image scene.");
        }
        Boolean watermarkField = optionalBool(body, "watermark");
        if (watermarkField == null) watermarkField = parseBool(commands.get("watermark"));
        boolean watermark = Boolean.TRUE.equals(watermarkField);

        String outputFormat = string(body, "output_format");
        // Documented for 2.5; elsewhere the default (mp4) is accepted as harmless (UNCERTAIN) and mov refused.
        if (outputFormat != null && !model.outputFormats().contains(outputFormat)) {
            throw ApiException.invalid(
                    "output_format",
                    "The output_format `" + outputFormat + "` is not supported by model " + model.id() + " (supported: "
                            + String.join(", ", model.outputFormats()) + ").");
        }
        if (outputFormat == null) outputFormat = model.outputFormats().get(0);
        String taskType = string(body, "omni_reference_task_type");
        if (taskType != null && !Set.of("auto", "reference", "edit", "extend").contains(taskType)) {
            throw ApiException.invalid(
                    "omni_reference_task_type",
                    "The omni_reference_task_type must be auto, reference, edit or extend.");
        }
        // Documented for 2.5; elsewhere `auto` (the default) is accepted as harmless (UNCERTAIN).
        if (taskType != null && !taskType.equals("auto") && !model.omniReferenceTaskType()) {
            throw ApiException.invalid(
                    "omni_reference_task_type",
                    "The model " + model.id() + " does not support omni_reference_task_type.");
        }
        return new GenerationRequest(
                requestedModel,
                model,
                prompt,
                media,
                draftTaskId,
                callbackUrl,
                returnLastFrame,
                serviceTier,
                expiresAfter,
                generateAudio,
                draft,
                webSearch,
                safetyIdentifier,
                (int) priority,
                resolution,
                ratio,
                duration,
                frames,
                seed,
                cameraFixed,
                watermark,
                outputFormat);
    }

    /** Checks which scene the media form and that the model supports it; true for the reference scene. */
    private static boolean checkScene(ModelSpec model, List<MediaItem> media, String prompt, boolean draftTask) {
        if (draftTask) return false;
        List<MediaItem> images =
                media.stream().filter(m -> m.kind() == Kind.IMAGE).toList();
        long videos = media.stream().filter(m -> m.kind() == Kind.VIDEO).count();
        long audios = media.stream().filter(m -> m.kind() == Kind.AUDIO).count();
        for (MediaItem image : images) {
            if (image.role() == null && (images.size() > 1 || videos > 0 || audios > 0)) {
                throw ApiException.missing(
                        "content[" + image.index() + "].role",
                        "The role of an image is required unless it is the only input (a first frame).");
            }
        }
        long first = images.stream()
                .filter(m -> m.role() == null || m.role().equals("first_frame"))
                .count();
        long last = images.stream().filter(m -> "last_frame".equals(m.role())).count();
        long references =
                images.stream().filter(m -> "reference_image".equals(m.role())).count();
        if (media.isEmpty()) {
            if (!model.textToVideo())
                throw ApiException.invalid("content", "The model " + model.id() + " needs an image input.");
            if (prompt.isBlank()) throw ApiException.missing("content", "A text-to-video request needs a text prompt.");
            return false;
        }
        if ((first > 0 || last > 0) && (references > 0 || videos > 0 || audios > 0)) {
            throw ApiException.invalid(
                    "content", "First/last frame images cannot be mixed with reference images, videos or audios.");
        }
        if (first > 1 || last > 1)
            throw ApiException.invalid("content", "At most one first_frame and one last_frame image are allowed.");
        if (last == 1 && first == 0)
            throw ApiException.invalid("content", "A last_frame image needs a first_frame image.");
        if (first == 1 && last == 0) {
            if (!model.firstFrame())
                throw ApiException.invalid(
                        "content", "The model " + model.id() + " does not support the first-frame scene.");
            return false;
        }
        if (first == 1) {
            if (!model.firstLastFrame()) {
                throw ApiException.invalid(
                        "content", "The model " + model.id() + " does not support the first+last-frame scene.");
            }
            return false;
        }
        if (references > 0 && model.referenceImages() == 0) {
            throw ApiException.invalid("content", "The model " + model.id() + " does not support reference images.");
        }
        atMost(references, model.referenceImages(), "reference images", model);
        atMost(videos, model.referenceVideos(), "reference videos", model);
        atMost(audios, model.referenceAudios(), "reference audios", model);
        if (model.referenceFiles() > 0) atMost(media.size(), model.referenceFiles(), "reference files", model);
        if (audios > 0 && references == 0 && videos == 0 && !model.audioOnlyReference()) {
            throw ApiException.invalid(
                    "content",
                    "Reference audio needs at least one reference image or video on model " + model.id() + ".");
        }
        return references > 0;
    }

    private static void atMost(long count, int limit, String what, ModelSpec model) {
        if (count > limit) {
            throw ApiException.invalid(
                    "content", "At most " + limit + " " + what + " are allowed for model " + model.id() + ".");
        }
    }

    private static boolean tools(JsonNode body, ModelSpec model) {
        JsonNode tools = present(body, "tools");
        if (tools == null) return false;
        if (!tools.isArray()) throw ApiException.invalid("tools", "The parameter `tools` must be an array.");
        if (tools.isEmpty()) return false;
        if (!model.tools().contains("web_search"))
            throw ApiException.invalid("tools", "The model " + model.id() + " does not support tools.");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (!tool.isObject() || !"web_search".equals(tool.path("type").asText(null))) {
                throw ApiException.invalid("tools[" + i + "].type", "The only supported tool type is web_search.");
            }
        }
        return true;
    }

    private static String url(JsonNode item, String field, String at) {
        JsonNode holder = present(item, field);
        String url = holder == null ? null : string(holder, "url", at + "." + field + ".url");
        if (url == null)
            throw ApiException.missing(
                    at + "." + field + ".url", "The parameter `" + at + "." + field + ".url` is required.");
        return url;
    }

    private static Map<String, String> textCommands(String prompt) {
        Map<String, String> commands = new java.util.HashMap<>();
        Matcher m = TEXT_COMMAND.matcher(prompt);
        while (m.find()) {
            String name = COMMAND_NAMES.get(m.group(1).toLowerCase(Locale.ROOT));
            if (name != null) commands.put(name, m.group(2));
        }
        return commands;
    }

    private static boolean validDuration(ModelSpec model, long duration) {
        return (duration == -1 && model.autoDuration())
                || (duration >= model.minDuration() && duration <= model.maxDuration());
    }

    private static boolean validFrames(Long frames) {
        return frames != null && frames >= 29 && frames <= 289 && (frames - 25) % 4 == 0;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Long parseLong(String value) {
        if (value == null) return null;
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean parseBool(String value) {
        if ("true".equalsIgnoreCase(value)) return true;
        if ("false".equalsIgnoreCase(value)) return false;
        return null;
    }

    private static String sorted(Collection<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }

    private static boolean bool(JsonNode node, String field, boolean fallback) {
        Boolean value = optionalBool(node, field);
        return value == null ? fallback : value;
    }

    private static Boolean optionalBool(JsonNode node, String field) {
        JsonNode value = present(node, field);
        if (value == null) return null;
        if (!value.isBoolean()) throw ApiException.invalid(field, "The parameter `" + field + "` must be a boolean.");
        return value.booleanValue();
    }

    private static long integer(JsonNode node, String field, long fallback) {
        Long value = optionalInteger(node, field);
        return value == null ? fallback : value;
    }

    private static Long optionalInteger(JsonNode node, String field) {
        JsonNode value = present(node, field);
        if (value == null) return null;
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.invalid(field, "The parameter `" + field + "` must be an integer.");
        }
        return value.longValue();
    }
}
