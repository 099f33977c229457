package dev.seedance4j.client;

import dev.seedance4j.client.internal.MediaProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a {@link CreateTaskRequest} against its model's rules in the {@link ModelTable} before anything is sent:
 * counts of images, videos and audio clips; clip durations and their totals (when known, see
 * {@link Media#withDuration}; videos in the whole seconds the service bills, {@link Media#countedSeconds()});
 * scenes that may not be mixed; audio without an image or video; parameter ranges and which model supports which
 * parameter; size, format and aspect limits of inline (local) images and audio; positional references in the
 * prompt ({@code [图3]} needs three images).
 *
 * <p>All violations come back together. No client instance is needed:
 * <pre>{@code
 * List<Violation> problems = RequestValidator.validate(request);
 * RequestValidator.check(request);                       // throws ValidationException listing them all
 * RequestValidator.validate(request, Model.SEEDANCE_2_0) // an endpoint id (ep-...) checked by a known model's rules
 * RequestValidator.validate(request, request.model(), ModelTable.defaults().withOverrides(file))
 * }</pre>
 *
 * <p>Chat and image requests are checked by {@link #validate(ChatRequest, Model, ModelTable)} and
 * {@link #validate(ImageRequest, Model, ModelTable)}; {@code chat().create} and {@code images().generate} do so.
 */
public final class RequestValidator {
    private static final long MAX_IMAGE_BYTES = Media.MAX_IMAGE_BYTES;
    private static final long MAX_AUDIO_BYTES = Media.MAX_AUDIO_BYTES;
    private static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
    private static final Set<String> IMAGE_MIME = Set.of(
            "image/jpeg",
            "image/png",
            "image/webp",
            "image/bmp",
            "image/tiff",
            "image/gif",
            "image/heic",
            "image/heif");
    private static final Set<String> AUDIO_MIME = Set.of("audio/wav", "audio/mp3");
    private static final Set<String> IMAGE_ROLES = Set.of("first_frame", "last_frame", "reference_image");
    private static final List<String> RATIOS = List.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive");
    private static final Pattern IMAGE_MENTION = Pattern.compile("\\[图(\\d+)]|图片(\\d+)");
    private static final Pattern VIDEO_MENTION = Pattern.compile("视频(\\d+)");
    private static final Pattern AUDIO_MENTION = Pattern.compile("音频(\\d+)");

    private RequestValidator() {}

    /** True when the {@link ModelTable#defaults() model table} has the rules of {@code model}. */
    public static boolean knows(Model model) {
        return ModelTable.defaults().video(model).isPresent();
    }

    /**
     * Every rule {@code request} breaks under its own model's rules; empty when it may be sent. An unknown model
     * gives one violation on {@code model}: use {@link #validate(CreateTaskRequest, Model)} or skip validation.
     */
    public static List<Violation> validate(CreateTaskRequest request) {
        return validate(request, request.model());
    }

    /** Every rule {@code request} breaks under the rules of {@code rulesOf} (e.g. for an endpoint id). */
    public static List<Violation> validate(CreateTaskRequest request, Model rulesOf) {
        return validate(request, rulesOf, ModelTable.defaults());
    }

    /** Every rule {@code request} breaks under the rules {@code table} gives {@code rulesOf}. */
    public static List<Violation> validate(CreateTaskRequest request, Model rulesOf, ModelTable table) {
        VideoModelSpec rules = table.video(rulesOf).orElse(null);
        if (rules == null) {
            return unknownModel(rulesOf, table.videoModels().stream().map(VideoModelSpec::id));
        }
        return new Check(request, rules, rulesOf.id(), table).run();
    }

    /** Throws a {@link ValidationException} listing every violation, if any. */
    public static void check(CreateTaskRequest request) {
        check(request, request.model());
    }

    /** Throws a {@link ValidationException} listing every violation under {@code rulesOf}'s rules, if any. */
    public static void check(CreateTaskRequest request, Model rulesOf) {
        check(request, rulesOf, ModelTable.defaults());
    }

    /** Throws a {@link ValidationException} listing every violation under the rules of {@code table}, if any. */
    public static void check(CreateTaskRequest request, Model rulesOf, ModelTable table) {
        throwIfAny(validate(request, rulesOf, table));
    }

    /**
     * Every rule a chat request breaks: parameter ranges, {@code max_tokens} with {@code max_completion_tokens},
     * {@code json_object} without "json" in the messages, and what {@code table} says {@code rulesOf} accepts (a
     * model the table does not know is checked by the request rules only).
     */
    public static List<Violation> validate(ChatRequest request, Model rulesOf, ModelTable table) {
        return ChatRules.check(request, table.chat(rulesOf).orElse(null));
    }

    /**
     * Every rule an image request breaks under the limits {@code table} gives {@code rulesOf}: the size (preset or
     * pixels), {@code max_images}, the number and total of reference and generated images, and inline reference
     * images (jpeg or png, at most 10 MB). An unknown model gives one violation on {@code model}.
     */
    public static List<Violation> validate(ImageRequest request, Model rulesOf, ModelTable table) {
        return table.image(rulesOf)
                .map(spec -> ImageRules.check(request, spec))
                .orElseGet(
                        () -> unknownModel(rulesOf, table.imageModels().stream().map(ImageModelSpec::id)));
    }

    private static List<Violation> unknownModel(Model model, Stream<String> known) {
        return List.of(new Violation(
                "model",
                model.id(),
                "is not in the model table (known: " + known.sorted().collect(Collectors.joining(", "))
                        + "); validate it as a known model (CreateOptions.validateAs), add it to the table (\"like\""
                        + " a known model), or send it with CreateOptions.skipValidation()"));
    }

    static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /** One validation run; collects violations instead of stopping at the first. */
    private static final class Check {
        private final CreateTaskRequest request;
        private final VideoModelSpec rules;
        private final VideoModelSpec.References refs;
        private final VideoModelSpec.Features features;
        private final String modelName;
        private final ModelTable table;
        private final List<Violation> violations = new ArrayList<>();
        private int texts;
        private int frameImages;
        private int firstFrames;
        private int lastFrames;
        private int roleLessImages;
        private int referenceImages;
        private int videos;
        private int audios;
        private int drafts;
        private long videoSeconds;
        private long audioSeconds;
        private long bodyBytes;
        private String firstSceneField;
        private boolean firstSceneIsFrames;

        Check(CreateTaskRequest request, VideoModelSpec rules, String modelId, ModelTable table) {
            this.request = request;
            this.table = table;
            this.rules = rules;
            this.refs = rules.references();
            this.features = rules.features();
            this.modelName = modelId;
        }

        List<Violation> run() {
            checkContent();
            checkScenes();
            checkParameters();
            checkPromptMentions();
            return violations;
        }

        private void add(String field, Object value, String rule) {
            violations.add(new Violation(field, String.valueOf(value), rule));
        }

        private String onModel() {
            return " on " + modelName;
        }

        private void checkContent() {
            List<ContentItem> content = request.content();
            if (content.isEmpty()) {
                add("content", "[]", "must hold at least a text prompt, an image, a video or a draft task");
            }
            for (int i = 0; i < content.size(); i++) {
                String field = "content[" + i + "]";
                ContentItem item = content.get(i);
                if (item instanceof ContentItem.Text text) {
                    texts++;
                    if (text.text().isBlank()) {
                        add(field + ".text", "\"" + text.text() + "\"", "must not be blank");
                    }
                    if (texts == 2) {
                        add(field, "text", "only one text item is allowed; put the whole prompt in one");
                    }
                    bodyBytes += text.text().length() * 3L;
                } else if (item instanceof ContentItem.Image image) {
                    checkImage(field, image);
                } else if (item instanceof ContentItem.Video video) {
                    checkVideo(field, video);
                } else if (item instanceof ContentItem.Audio audio) {
                    checkAudio(field, audio);
                } else if (item instanceof ContentItem.DraftTask) {
                    drafts++;
                    if (!features.draft()) {
                        add(field + ".type", "draft_task", "draft tasks are not supported" + onModel());
                    }
                }
            }
        }

        private void checkImage(String field, ContentItem.Image image) {
            String role = image.role() == null ? null : image.role().value();
            if (role == null) {
                roleLessImages++;
                frameImages++;
                noteScene(field, true);
            } else if (!IMAGE_ROLES.contains(role)) {
                add(field + ".role", role, "must be first_frame, last_frame or reference_image for an image");
            } else if (role.equals("reference_image")) {
                referenceImages++;
                noteScene(field, false);
            } else {
                frameImages++;
                if (role.equals("first_frame")) {
                    firstFrames++;
                } else {
                    lastFrames++;
                }
                noteScene(field, true);
            }
            checkAssetAllowed(field + ".image_url.url", image.media());
            MediaProbe.DataUrl data = inline(field + ".image_url.url", image.media());
            if (data == null) {
                return;
            }
            String fieldUrl = field + ".image_url.url";
            String mime = data.mimeType().toLowerCase(Locale.ROOT);
            if (!IMAGE_MIME.contains(data.mimeType())) {
                add(
                        fieldUrl,
                        image.media().describe(),
                        "must be data:image/<jpeg|png|webp|bmp|tiff|gif|heic|heif>" + " in lower case");
                return;
            }
            if (data.bytes().length >= MAX_IMAGE_BYTES) {
                add(
                        fieldUrl,
                        image.media().describe() + " (" + data.bytes().length + " bytes)",
                        "an image must be smaller than 30 MB");
            }
            MediaProbe.Format format = MediaProbe.sniff(data.bytes());
            if (format == null || !("image/" + format.name()).equals(mime)) {
                add(fieldUrl, image.media().describe(), "the bytes are not a " + mime + " image");
                return;
            }
            MediaProbe.Size size = MediaProbe.imageSize(format, data.bytes());
            if (size == null) {
                return;
            }
            String described = image.media().describe() + " (" + size.width() + "×" + size.height() + ")";
            if (size.width() < 300 || size.width() > 6000 || size.height() < 300 || size.height() > 6000) {
                add(fieldUrl, described, "each side must be within [300, 6000] px");
            }
            double aspect = size.width() / (double) size.height();
            if (aspect < 0.4 || aspect > 2.5) {
                add(
                        fieldUrl,
                        described,
                        String.format(
                                Locale.ROOT, "aspect ratio width/height must be within [0.4, 2.5], is %.2f", aspect));
            }
        }

        private void checkVideo(String field, ContentItem.Video video) {
            videos++;
            noteScene(field, false);
            if (!rules.acceptsVideo()) {
                add(
                        field + ".type",
                        "video_url",
                        "videos are supported only by " + families(VideoModelSpec::acceptsVideo) + ", not" + onModel());
            }
            if (video.role() == null || !video.role().equals(Role.REFERENCE_VIDEO)) {
                add(field + ".role", video.role(), "must be reference_video for a video");
            }
            if (video.media().isInline()) {
                add(
                        field + ".video_url.url",
                        video.media().describe(),
                        "videos are taken by http(s) URL or asset:// id only, not as data URLs");
            }
            checkAssetAllowed(field + ".video_url.url", video.media());
            bodyBytes += video.media().url().length();
            videoSeconds += clipSeconds(field + ".video_url", video.media(), rules.acceptsVideo());
        }

        private void checkAudio(String field, ContentItem.Audio audio) {
            audios++;
            noteScene(field, false);
            if (!rules.acceptsAudio()) {
                add(
                        field + ".type",
                        "audio_url",
                        "audio input is supported only by " + families(VideoModelSpec::acceptsAudio) + ", not"
                                + onModel());
            }
            if (audio.role() == null || !audio.role().equals(Role.REFERENCE_AUDIO)) {
                add(field + ".role", audio.role(), "must be reference_audio for an audio clip");
            }
            checkAssetAllowed(field + ".audio_url.url", audio.media());
            MediaProbe.DataUrl data = inline(field + ".audio_url.url", audio.media());
            if (data != null) {
                if (!AUDIO_MIME.contains(data.mimeType())) {
                    add(field + ".audio_url.url", audio.media().describe(), "must be data:audio/wav or data:audio/mp3");
                }
                if (data.bytes().length > MAX_AUDIO_BYTES) {
                    add(
                            field + ".audio_url.url",
                            audio.media().describe() + " (" + data.bytes().length + " bytes)",
                            "an audio clip must be at most 15 MB");
                }
            }
            audioSeconds += clipSeconds(field + ".audio_url", audio.media(), rules.acceptsAudio());
        }

        // Which models of the table do what this one cannot, e.g. "seedance-2.0, seedance-2.0-fast".
        private String families(java.util.function.Predicate<VideoModelSpec> can) {
            return table.videoModels().stream()
                    .filter(can)
                    .map(VideoModelSpec::family)
                    .sorted()
                    .collect(Collectors.joining(", "));
        }

        // A clip's length in the whole seconds the service counts (0 when not declared), checked against the limits.
        private long clipSeconds(String field, Media media, boolean accepted) {
            Long counted = media.countedSeconds();
            if (counted == null) {
                return 0;
            }
            Duration length = media.duration();
            String described = media.describe() + " (" + seconds(length) + " s"
                    + (Duration.ofSeconds(counted).equals(length) ? "" : ", counted as " + counted + " s") + ")";
            if (accepted && (counted < refs.minClipSeconds() || counted > refs.maxClipSeconds())) {
                add(
                        field,
                        described,
                        "each clip must last [" + refs.minClipSeconds() + ", " + refs.maxClipSeconds() + "] s"
                                + onModel());
            }
            return counted;
        }

        private void checkAssetAllowed(String field, Media media) {
            if (media.url().startsWith("asset://") && !refs.assets()) {
                add(field, media.url(), "asset:// ids are not supported" + onModel());
            }
        }

        /** Decodes an inline data URL (adding its size to the body total), or reports a malformed one. */
        private MediaProbe.DataUrl inline(String field, Media media) {
            bodyBytes += media.url().length();
            if (!media.isInline()) {
                return null;
            }
            MediaProbe.DataUrl data = MediaProbe.decodeDataUrl(media.url());
            if (data == null) {
                add(field, media.describe(), "a data URL must read data:<type>/<format>;base64,<data>");
            }
            return data;
        }

        // The first-frame scenes and the multimodal reference scene may not be mixed in one request.
        private void noteScene(String field, boolean frames) {
            if (firstSceneField == null) {
                firstSceneField = field;
                firstSceneIsFrames = frames;
            } else if (firstSceneIsFrames != frames) {
                add(
                        field + ".role",
                        frames ? "first/last frame" : "reference",
                        "first/last frame images may not be mixed with reference images, videos or audio ("
                                + firstSceneField + " is " + (firstSceneIsFrames ? "a frame" : "a reference") + ")");
                firstSceneField = field; // report each switch once
                firstSceneIsFrames = frames;
            }
        }

        private void checkScenes() {
            VideoModelSpec.Scenes scenes = rules.scenes();
            boolean media = frameImages + referenceImages + videos + audios > 0;
            if (texts == 0 && !media && drafts == 0 && !request.content().isEmpty()) {
                add("content", "no text", "text to video needs a text prompt");
            }
            if (texts > 0 && !media && drafts == 0 && !scenes.textToVideo()) {
                add("content", "text only", "text to video is not supported" + onModel() + "; add an image");
            }
            if (drafts > 0 && (media || drafts > 1)) {
                add("content", "draft_task", "a draft_task item must be the only media item");
            }
            if (roleLessImages > 0 && frameImages > 1) {
                add(
                        "content",
                        roleLessImages + " images without role",
                        "only the single image of the first-frame scene may omit its role");
            }
            if (firstFrames > 1 || lastFrames > 1) {
                add(
                        "content",
                        firstFrames + " first_frame, " + lastFrames + " last_frame",
                        "at most one first_frame and one last_frame image");
            }
            if (lastFrames > 0 && firstFrames + roleLessImages == 0) {
                add("content", "last_frame without first_frame", "a last_frame needs a first_frame image");
            }
            boolean firstAndLast = lastFrames > 0;
            if (frameImages > 0 && !firstAndLast && !scenes.firstFrame()) {
                add("content", "first_frame", "the first-frame scene is not supported" + onModel());
            }
            if (firstAndLast && !scenes.firstAndLastFrame()) {
                add("content", "first_frame + last_frame", "the first+last frame scene is not supported" + onModel());
            }
            if (referenceImages > 0 && scenes.maxReferenceImages() == 0) {
                add("content", referenceImages + " reference images", "reference images are not supported" + onModel());
            } else if (referenceImages > scenes.maxReferenceImages()) {
                add(
                        "content",
                        referenceImages + " reference images",
                        "at most " + scenes.maxReferenceImages() + " reference images" + onModel());
            }
            if (rules.acceptsVideo() && videos > refs.maxVideos()) {
                add("content", videos + " videos", "at most " + refs.maxVideos() + " reference videos" + onModel());
            }
            if (rules.acceptsAudio() && audios > refs.maxAudios()) {
                add(
                        "content",
                        audios + " audio clips",
                        "at most " + refs.maxAudios() + " reference audio clips" + onModel());
            }
            int files = referenceImages + videos + audios;
            if (refs.maxFiles() > 0 && files > refs.maxFiles()) {
                add(
                        "content",
                        files + " reference files",
                        "at most " + refs.maxFiles() + " reference files" + onModel());
            }
            if (rules.acceptsVideo() && videoSeconds > refs.maxVideoSeconds()) {
                add(
                        "content",
                        videoSeconds + " s of video (whole seconds, as billed)",
                        "reference videos may total at most " + refs.maxVideoSeconds() + " s" + onModel());
            }
            if (rules.acceptsAudio() && audioSeconds > refs.maxAudioSeconds()) {
                add(
                        "content",
                        audioSeconds + " s of audio (whole seconds, as billed)",
                        "reference audio may total at most " + refs.maxAudioSeconds() + " s" + onModel());
            }
            if (audios > 0 && referenceImages + videos == 0 && frameImages == 0 && !refs.audioOnly()) {
                add(
                        "content",
                        audios + " audio clips",
                        "audio needs at least one reference image or video" + onModel());
            }
            if (bodyBytes > MAX_BODY_BYTES) {
                add("content", bodyBytes + " bytes", "the request body may be at most 64 MB; pass large files by URL");
            }
        }

        private void checkParameters() {
            CreateTaskRequest r = request;
            if (r.resolution() != null) {
                String res = r.resolution().value();
                if (!rules.resolutions().contains(res)) {
                    add("resolution", res, "must be one of " + sorted(rules.resolutions()) + onModel());
                } else if (res.equals("1080p") && !rules.scenes().referenceImages1080p() && referenceImages > 0) {
                    add("resolution", res, "the reference-image scene does not support 1080p" + onModel());
                }
            }
            if (r.ratio() != null && !RATIOS.contains(r.ratio().value())) {
                add("ratio", r.ratio().value(), "must be one of " + RATIOS);
            }
            if (r.duration() != null) {
                int d = r.duration();
                boolean auto = d == -1 && rules.autoDuration();
                if (!auto && (d < rules.minDuration() || d > rules.maxDuration())) {
                    add(
                            "duration",
                            d,
                            "must be within [" + rules.minDuration() + ", " + rules.maxDuration() + "]"
                                    + (rules.autoDuration() ? " or -1 (model chooses)" : "") + onModel());
                }
            }
            if (r.frames() != null) {
                int f = r.frames();
                if (!features.frames()) {
                    add("frames", f, "frames is not supported" + onModel() + "; use duration");
                } else if (f < 29 || f > 289 || (f - 25) % 4 != 0) {
                    add("frames", f, "must be 25 + 4n within [29, 289]");
                }
            }
            if (r.seed() != null && (r.seed() < -1 || r.seed() > 4294967295L)) {
                add("seed", r.seed(), "must be within [-1, 4294967295]");
            }
            // false is the default and accepted everywhere; only asking for a fixed camera can be refused.
            if (Boolean.TRUE.equals(r.cameraFixed())) {
                if (!features.cameraFixed()) {
                    add("camera_fixed", true, "is not supported" + onModel() + " (leave it out or send false)");
                } else if (referenceImages > 0) {
                    add("camera_fixed", true, "is not supported in the reference-image scene");
                }
            }
            if (r.generateAudio() != null && !features.generateAudio()) {
                add("generate_audio", r.generateAudio(), "is not supported" + onModel() + " (its videos are silent)");
            }
            boolean flex = r.serviceTier() != null && r.serviceTier().equals(ServiceTier.FLEX);
            if (r.serviceTier() != null && !flex && !r.serviceTier().equals(ServiceTier.DEFAULT)) {
                add("service_tier", r.serviceTier().value(), "must be default or flex");
            }
            if (flex && !features.flex()) {
                add("service_tier", "flex", "flex is not supported" + onModel());
            }
            if (r.draft() != null) {
                if (!features.draft()) {
                    add("draft", r.draft(), "is not supported" + onModel());
                } else if (r.draft()) {
                    if (r.resolution() != null && !r.resolution().equals(Resolution.P480)) {
                        add("resolution", r.resolution().value(), "a draft is always 480p");
                    }
                    if (Boolean.TRUE.equals(r.returnLastFrame())) {
                        add("return_last_frame", true, "a draft has no last frame");
                    }
                    if (flex) {
                        add("service_tier", "flex", "a draft cannot run on flex");
                    }
                }
            }
            if (r.executionExpiresAfter() != null) {
                long s = r.executionExpiresAfter().getSeconds();
                if (r.executionExpiresAfter().getNano() != 0 || s < 3600 || s > 259200) {
                    add(
                            "execution_expires_after",
                            seconds(r.executionExpiresAfter()) + " s",
                            "must be whole seconds within [3600, 259200]");
                }
            }
            if (r.priority() != null) {
                if (!features.priority()) {
                    add("priority", r.priority(), "is not supported" + onModel());
                } else if (r.priority() < 0 || r.priority() > 9) {
                    add("priority", r.priority(), "must be within [0, 9]");
                }
                if (flex) {
                    add("priority", r.priority(), "cannot be combined with service_tier flex");
                }
            }
            if (r.tools() != null) {
                checkTools(r.tools());
            }
            if (r.safetyIdentifier() != null && r.safetyIdentifier().length() > 64) {
                add("safety_identifier", r.safetyIdentifier().length() + " chars", "must be at most 64 characters");
            }
            checkChoice("output_format", r.outputFormat(), features.outputFormats());
            checkChoice("omni_reference_task_type", r.omniReferenceTaskType(), features.omniReferenceTaskTypes());
            if (r.callbackUrl() != null
                    && !r.callbackUrl().startsWith("http://")
                    && !r.callbackUrl().startsWith("https://")) {
                add("callback_url", r.callbackUrl(), "must be an http:// or https:// URL");
            }
        }

        private void checkTools(List<Tool> tools) {
            if (features.tools().isEmpty() && !tools.isEmpty()) {
                add("tools", tools.stream().map(Tool::type).toList(), "tools are not supported" + onModel());
                return;
            }
            for (int i = 0; i < tools.size(); i++) {
                String type = tools.get(i).type();
                if (!features.tools().contains(type)) {
                    add("tools[" + i + "].type", type, "must be one of " + features.tools() + onModel());
                } else if (type.equals(Tool.WEB_SEARCH.type())
                        && features.webSearchTextOnly()
                        && frameImages + referenceImages + videos + audios + drafts > 0) {
                    add(
                            "tools[" + i + "].type",
                            type,
                            "web_search works only with a text-only request (no images, videos or audio)" + onModel());
                }
            }
        }

        private void checkChoice(String field, String value, List<String> allowed) {
            if (value == null) {
                return;
            }
            if (allowed.isEmpty()) {
                add(field, value, "is not supported" + onModel());
            } else if (!allowed.contains(value)) {
                add(field, value, "must be one of " + allowed + onModel());
            }
        }

        // [图3] in a prompt with two images points at nothing; the model would silently ignore it.
        private void checkPromptMentions() {
            String prompt = request.prompt();
            if (prompt == null) {
                return;
            }
            int images = referenceImages + frameImages;
            checkMentions(prompt, IMAGE_MENTION, images, "image");
            checkMentions(prompt, VIDEO_MENTION, videos, "video");
            checkMentions(prompt, AUDIO_MENTION, audios, "audio clip");
        }

        private void checkMentions(String prompt, Pattern pattern, int available, String what) {
            Matcher m = pattern.matcher(prompt);
            while (m.find()) {
                String number = m.group(1) != null ? m.group(1) : m.group(m.groupCount());
                int n = Integer.parseInt(number);
                if (n < 1 || n > available) {
                    add(
                            "content[text]",
                            m.group(),
                            "refers to " + what + " " + n + " but the request has " + available + " " + what
                                    + (available == 1 ? "" : "s"));
                }
            }
        }

        private static String seconds(Duration d) {
            return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0).replaceAll("\\.?0+$", "");
        }

        private static List<String> sorted(List<String> values) {
            return values.stream()
                    .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                    .toList();
        }

        private static int rank(String resolution) {
            return resolution.equals("4k") ? 4000 : Integer.parseInt(resolution.replace("p", ""));
        }
    }
}
