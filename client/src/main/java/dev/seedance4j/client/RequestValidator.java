package dev.seedance4j.client;

import dev.seedance4j.client.internal.MediaProbe;
import dev.seedance4j.client.internal.ModelRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@link CreateTaskRequest} against the contract's rules for its model before anything is sent: counts of
 * images, videos and audio clips; clip durations and their totals (when known, see {@link Media#withDuration});
 * scenes that may not be mixed; audio without an image or video; parameter ranges and which model supports which
 * parameter; size, format and aspect limits of inline (local) images and audio; positional references in the
 * prompt ({@code [图3]} needs three images).
 *
 * <p>All violations come back together. No client instance is needed:
 * <pre>{@code
 * List<Violation> problems = RequestValidator.validate(request);
 * RequestValidator.check(request);                       // throws ValidationException listing them all
 * RequestValidator.validate(request, Model.SEEDANCE_2_0) // an endpoint id (ep-...) checked by a known model's rules
 * }</pre>
 */
public final class RequestValidator {
    private static final long MAX_IMAGE_BYTES = 30L * 1024 * 1024;
    private static final long MAX_AUDIO_BYTES = 15L * 1024 * 1024;
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
    private static final Pattern IMAGE_MENTION = Pattern.compile("\\[图(\\d+)]|图片(\\d+)");
    private static final Pattern VIDEO_MENTION = Pattern.compile("视频(\\d+)");
    private static final Pattern AUDIO_MENTION = Pattern.compile("音频(\\d+)");

    private RequestValidator() {}

    /** True when this library knows the rules of {@code model}. */
    public static boolean knows(Model model) {
        return ModelRules.of(model) != null;
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
        ModelRules rules = ModelRules.of(rulesOf);
        if (rules == null) {
            return List.of(new Violation(
                    "model",
                    rulesOf.id(),
                    "has no validation rules in this library (known: "
                            + "doubao-seedance-2-0, 2-0-fast, 1-5-pro, 1-0-pro, 1-0-pro-fast, 1-0-lite-t2v/i2v); validate it"
                            + " as a known model or create it with CreateOptions.skipValidation()"));
        }
        return new Check(request, rules, rulesOf.id()).run();
    }

    /** Throws a {@link ValidationException} listing every violation, if any. */
    public static void check(CreateTaskRequest request) {
        check(request, request.model());
    }

    /** Throws a {@link ValidationException} listing every violation under {@code rulesOf}'s rules, if any. */
    public static void check(CreateTaskRequest request, Model rulesOf) {
        List<Violation> violations = validate(request, rulesOf);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /** One validation run; collects violations instead of stopping at the first. */
    private static final class Check {
        private final CreateTaskRequest request;
        private final ModelRules rules;
        private final String modelName;
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
        private Duration videoSeconds = Duration.ZERO;
        private Duration audioSeconds = Duration.ZERO;
        private long bodyBytes;
        private String firstSceneField;
        private boolean firstSceneIsFrames;

        Check(CreateTaskRequest request, ModelRules rules, String modelId) {
            this.request = request;
            this.rules = rules;
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
                    if (!rules.draft()) {
                        add(
                                field + ".type",
                                "draft_task",
                                "draft tasks are supported only by doubao-seedance-1.5-pro" + ", not" + onModel());
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
            if (!rules.seriesTwo()) {
                add(
                        field + ".type",
                        "video_url",
                        "videos are supported only by the Seedance 2.0 series, not" + onModel());
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
            Duration length = video.media().duration();
            if (length != null) {
                checkClipLength(field + ".video_url", video.media(), length);
                videoSeconds = videoSeconds.plus(length);
            }
        }

        private void checkAudio(String field, ContentItem.Audio audio) {
            audios++;
            noteScene(field, false);
            if (!rules.seriesTwo()) {
                add(
                        field + ".type",
                        "audio_url",
                        "audio input is supported only by the Seedance 2.0 series, not" + onModel());
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
            Duration length = audio.media().duration();
            if (length != null) {
                checkClipLength(field + ".audio_url", audio.media(), length);
                audioSeconds = audioSeconds.plus(length);
            }
        }

        private void checkClipLength(String field, Media media, Duration length) {
            if (length.compareTo(Duration.ofSeconds(2)) < 0
                    || length.compareTo(Duration.ofSeconds(ModelRules.MAX_MEDIA_SECONDS)) > 0) {
                add(field, media.describe() + " (" + seconds(length) + " s)", "each clip must last [2, 15] s");
            }
        }

        private void checkAssetAllowed(String field, Media media) {
            if (media.url().startsWith("asset://") && !rules.seriesTwo()) {
                add(field, media.url(), "asset:// ids work only with the Seedance 2.0 series, not" + onModel());
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
            boolean media = frameImages + referenceImages + videos + audios > 0;
            if (texts == 0 && !media && drafts == 0 && !request.content().isEmpty()) {
                add("content", "no text", "text to video needs a text prompt");
            }
            if (texts > 0 && !media && drafts == 0 && !rules.textToVideo()) {
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
            if (frameImages > 0 && !firstAndLast && !rules.firstFrame()) {
                add("content", "first_frame", "the first-frame scene is not supported" + onModel());
            }
            if (firstAndLast && !rules.firstAndLastFrame()) {
                add("content", "first_frame + last_frame", "the first+last frame scene is not supported" + onModel());
            }
            if (referenceImages > 0 && rules.maxReferenceImages() == 0) {
                add("content", referenceImages + " reference images", "reference images are not supported" + onModel());
            } else if (referenceImages > rules.maxReferenceImages()) {
                add(
                        "content",
                        referenceImages + " reference images",
                        "at most " + rules.maxReferenceImages() + " reference images" + onModel());
            }
            if (videos > ModelRules.MAX_VIDEOS) {
                add("content", videos + " videos", "at most 3 reference videos");
            }
            if (audios > ModelRules.MAX_AUDIOS) {
                add("content", audios + " audio clips", "at most 3 reference audio clips");
            }
            if (videoSeconds.compareTo(Duration.ofSeconds(ModelRules.MAX_MEDIA_SECONDS)) > 0) {
                add("content", seconds(videoSeconds) + " s of video", "reference videos may total at most 15 s");
            }
            if (audioSeconds.compareTo(Duration.ofSeconds(ModelRules.MAX_MEDIA_SECONDS)) > 0) {
                add("content", seconds(audioSeconds) + " s of audio", "reference audio may total at most 15 s");
            }
            if (audios > 0 && referenceImages + videos == 0 && frameImages == 0) {
                add("content", audios + " audio clips", "audio needs at least one reference image or video");
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
                } else if (res.equals("1080p") && rules.referenceNo1080p() && referenceImages > 0) {
                    add("resolution", res, "the reference-image scene does not support 1080p" + onModel());
                }
            }
            if (r.ratio() != null && !ModelRules.RATIOS.contains(r.ratio().value())) {
                add("ratio", r.ratio().value(), "must be one of " + ModelRules.RATIOS);
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
                if (!rules.frames()) {
                    add(
                            "frames",
                            f,
                            "frames is supported only by the Seedance 1.0 models, not" + onModel() + "; use duration");
                } else if (f < 29 || f > 289 || (f - 25) % 4 != 0) {
                    add("frames", f, "must be 25 + 4n within [29, 289]");
                }
            }
            if (r.seed() != null && (r.seed() < -1 || r.seed() > 4294967295L)) {
                add("seed", r.seed(), "must be within [-1, 4294967295]");
            }
            if (r.cameraFixed() != null) {
                if (!rules.cameraFixed()) {
                    add("camera_fixed", r.cameraFixed(), "is not supported" + onModel());
                } else if (referenceImages > 0) {
                    add("camera_fixed", r.cameraFixed(), "is not supported in the reference-image scene");
                }
            }
            if (r.generateAudio() != null && !rules.audioOutput()) {
                add(
                        "generate_audio",
                        r.generateAudio(),
                        "is supported only by 2.0, 2.0 fast and 1.5 pro, not" + onModel());
            }
            boolean flex = r.serviceTier() != null && r.serviceTier().equals(ServiceTier.FLEX);
            if (r.serviceTier() != null && !flex && !r.serviceTier().equals(ServiceTier.DEFAULT)) {
                add("service_tier", r.serviceTier().value(), "must be default or flex");
            }
            if (flex && !rules.flex()) {
                add("service_tier", "flex", "flex is not supported" + onModel());
            }
            if (r.draft() != null) {
                if (!rules.draft()) {
                    add("draft", r.draft(), "is supported only by doubao-seedance-1.5-pro, not" + onModel());
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
                if (!rules.seriesTwo()) {
                    add("priority", r.priority(), "is supported only by the Seedance 2.0 series, not" + onModel());
                } else if (r.priority() < 0 || r.priority() > 9) {
                    add("priority", r.priority(), "must be within [0, 9]");
                }
                if (flex) {
                    add("priority", r.priority(), "cannot be combined with service_tier flex");
                }
            }
            if (r.tools() != null) {
                if (!rules.seriesTwo()) {
                    add("tools", r.tools(), "tools are supported only by the Seedance 2.0 series, not" + onModel());
                }
                for (int i = 0; i < r.tools().size(); i++) {
                    if (!r.tools().get(i).equals(Tool.WEB_SEARCH)) {
                        add("tools[" + i + "].type", r.tools().get(i).type(), "must be web_search");
                    }
                }
            }
            if (r.safetyIdentifier() != null && r.safetyIdentifier().length() > 64) {
                add("safety_identifier", r.safetyIdentifier().length() + " chars", "must be at most 64 characters");
            }
            if (r.outputFormat() != null) {
                add("output_format", r.outputFormat(), "is documented for Seedance 2.5 only, not" + onModel());
            }
            if (r.omniReferenceTaskType() != null) {
                add(
                        "omni_reference_task_type",
                        r.omniReferenceTaskType(),
                        "is documented for Seedance 2.5 only, not" + onModel());
            }
            if (r.callbackUrl() != null
                    && !r.callbackUrl().startsWith("http://")
                    && !r.callbackUrl().startsWith("https://")) {
                add("callback_url", r.callbackUrl(), "must be an http:// or https:// URL");
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

        private static List<String> sorted(Set<String> values) {
            return values.stream()
                    .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                    .toList();
        }

        private static int rank(String resolution) {
            return resolution.equals("4k") ? 4000 : Integer.parseInt(resolution.replace("p", ""));
        }
    }
}
