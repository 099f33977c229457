package dev.seedance4j.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable create request: the model, the {@code content[]} items and every optional parameter of the
 * contract. A {@code null} parameter is not sent, so the service default applies.
 *
 * <p>Start from the factory of the scene you want; each returns a {@link Builder} for the remaining parameters:
 * <pre>{@code
 * textToVideo(Model.SEEDANCE_2_0, "小猫对着镜头打哈欠").ratio(Ratio.RATIO_16_9).duration(5).build();
 * firstFrame(model, "她抬头微笑", Media.file(Path.of("girl.png"))).build();
 * firstAndLastFrame(model, "门缓缓打开", Media.file(door), Media.file(doorOpen)).build();
 * referenceImages(model, "[图1]的男生和[图2]的柯基坐在[图3]的草坪上", boy, corgi, lawn).build();
 * editVideo(model, "把视频1里的咖啡杯换成白色瓷杯，运镜不变", Media.url(clipUrl)).build();
 * extendVideos(model, "视频1的门打开后接视频2", Media.url(a), Media.url(b)).build();
 * referenceAudio(model, "[图1]的女孩随着音频1的节奏跳舞", List.of(girl), List.of(Media.file(song))).build();
 * }</pre>
 * Check a request without sending it with {@link RequestValidator#validate}; {@code tasks().create} does so too.
 *
 * @param model                 {@code model}: model id or endpoint id
 * @param content               {@code content[]}
 * @param callbackUrl           {@code callback_url}: POSTed the task on each status change
 * @param returnLastFrame       {@code return_last_frame}: also return the last frame as a png
 * @param serviceTier           {@code service_tier}: {@code default} or {@code flex} (1.x only)
 * @param executionExpiresAfter {@code execution_expires_after}, whole seconds within [1 h, 72 h]
 * @param generateAudio         {@code generate_audio} (2.0, 2.0 fast, 1.5 pro; service default true)
 * @param draft                 {@code draft} (1.5 pro)
 * @param tools                 {@code tools} (2.0 series)
 * @param safetyIdentifier      {@code safety_identifier}: a hash of your end user's id, ≤ 64 chars
 * @param priority              {@code priority} 0–9, higher runs earlier (2.0 series)
 * @param resolution            {@code resolution}
 * @param ratio                 {@code ratio}
 * @param duration              {@code duration} in seconds, or -1 to let the model choose
 * @param frames                {@code frames} (1.0 only): 25 + 4n within [29, 289]
 * @param seed                  {@code seed}, -1 for random
 * @param cameraFixed           {@code camera_fixed} (not 2.0 series)
 * @param watermark             {@code watermark}: the "AI 生成" mark
 * @param outputFormat          {@code output_format}: {@code mp4} or {@code mov} (documented for 2.5)
 * @param omniReferenceTaskType {@code omni_reference_task_type}: auto, reference, edit, extend (documented for 2.5)
 */
public record CreateTaskRequest(
        Model model,
        List<ContentItem> content,
        String callbackUrl,
        Boolean returnLastFrame,
        ServiceTier serviceTier,
        Duration executionExpiresAfter,
        Boolean generateAudio,
        Boolean draft,
        List<Tool> tools,
        String safetyIdentifier,
        Integer priority,
        Resolution resolution,
        Ratio ratio,
        Integer duration,
        Integer frames,
        Long seed,
        Boolean cameraFixed,
        Boolean watermark,
        String outputFormat,
        String omniReferenceTaskType) {

    public CreateTaskRequest {
        Objects.requireNonNull(model, "model");
        content = List.copyOf(content);
        tools = tools == null ? null : List.copyOf(tools);
    }

    /** An empty builder for {@code model}; add content and parameters yourself. */
    public static Builder builder(Model model) {
        return new Builder(model);
    }

    /** Text to video: the prompt alone. */
    public static Builder textToVideo(Model model, String prompt) {
        return builder(model).text(prompt);
    }

    /** Image to video from a first frame: the video opens on {@code image}. */
    public static Builder firstFrame(Model model, String prompt, Media image) {
        return builder(model).text(prompt).firstFrame(image);
    }

    /** Image to video from a first and a last frame (they may be the same image). */
    public static Builder firstAndLastFrame(Model model, String prompt, Media first, Media last) {
        return builder(model).text(prompt).firstFrame(first).lastFrame(last);
    }

    /**
     * Multimodal reference with 1–9 images (1–4 on 1.0 lite i2v). Refer to them in the prompt by position:
     * {@code [图1]}, {@code [图2]}… in the order given.
     */
    public static Builder referenceImages(Model model, String prompt, Media... images) {
        return referenceImages(model, prompt, Arrays.asList(images));
    }

    /** Multimodal reference with 1–9 images; see {@link #referenceImages(Model, String, Media...)}. */
    public static Builder referenceImages(Model model, String prompt, List<Media> images) {
        Builder builder = builder(model).text(prompt);
        images.forEach(builder::referenceImage);
        return builder;
    }

    /** Edit a video (2.0 series): the clip is 视频1; say in the prompt what to change and what to keep. */
    public static Builder editVideo(Model model, String prompt, Media video) {
        return builder(model).text(prompt).referenceVideo(video);
    }

    /**
     * Extend or join up to 3 videos (2.0 series), 视频1…视频3 in the order given; the clips total at most 15 s.
     * Declare each clip's length with {@link Media#withDuration} so that the limits and the cost can be checked.
     */
    public static Builder extendVideos(Model model, String prompt, Media... videos) {
        return extendVideos(model, prompt, Arrays.asList(videos));
    }

    /** Extend or join up to 3 videos; see {@link #extendVideos(Model, String, Media...)}. */
    public static Builder extendVideos(Model model, String prompt, List<Media> videos) {
        Builder builder = builder(model).text(prompt);
        videos.forEach(builder::referenceVideo);
        return builder;
    }

    /**
     * Reference audio (2.0 series): 1–3 clips (音频1…, ≤ 15 s in total) with at least one reference image
     * ({@code [图1]}…); audio alone is refused by the service.
     */
    public static Builder referenceAudio(Model model, String prompt, List<Media> images, List<Media> audios) {
        Builder builder = referenceImages(model, prompt, images);
        audios.forEach(builder::referenceAudio);
        return builder;
    }

    /** Render a Seedance 1.5 pro draft ({@code draft: true} task) in full. */
    public static Builder fromDraft(Model model, String draftTaskId) {
        return builder(model).draftTask(draftTaskId);
    }

    /** The prompt: the first text item, or {@code null}. */
    public String prompt() {
        return content.stream()
                .filter(ContentItem.Text.class::isInstance)
                .map(c -> ((ContentItem.Text) c).text())
                .findFirst()
                .orElse(null);
    }

    /** True when a video is among the inputs (this changes the price tier of the 2.0 series). */
    public boolean hasVideoInput() {
        return content.stream().anyMatch(ContentItem.Video.class::isInstance);
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.content.addAll(content);
        b.callbackUrl = callbackUrl;
        b.returnLastFrame = returnLastFrame;
        b.serviceTier = serviceTier;
        b.executionExpiresAfter = executionExpiresAfter;
        b.generateAudio = generateAudio;
        b.draft = draft;
        b.tools = tools == null ? null : new ArrayList<>(tools);
        b.safetyIdentifier = safetyIdentifier;
        b.priority = priority;
        b.resolution = resolution;
        b.ratio = ratio;
        b.duration = duration;
        b.frames = frames;
        b.seed = seed;
        b.cameraFixed = cameraFixed;
        b.watermark = watermark;
        b.outputFormat = outputFormat;
        b.omniReferenceTaskType = omniReferenceTaskType;
        return b;
    }

    /** Builds a {@link CreateTaskRequest}; content items keep the order they were added in. */
    public static final class Builder {
        private Model model;
        private final List<ContentItem> content = new ArrayList<>();
        private String callbackUrl;
        private Boolean returnLastFrame;
        private ServiceTier serviceTier;
        private Duration executionExpiresAfter;
        private Boolean generateAudio;
        private Boolean draft;
        private List<Tool> tools;
        private String safetyIdentifier;
        private Integer priority;
        private Resolution resolution;
        private Ratio ratio;
        private Integer duration;
        private Integer frames;
        private Long seed;
        private Boolean cameraFixed;
        private Boolean watermark;
        private String outputFormat;
        private String omniReferenceTaskType;

        private Builder(Model model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder model(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Adds the prompt text. */
        public Builder text(String prompt) {
            return add(new ContentItem.Text(prompt));
        }

        /** Adds an image with role {@code first_frame}. */
        public Builder firstFrame(Media image) {
            return add(new ContentItem.Image(image, Role.FIRST_FRAME));
        }

        /** Adds an image with role {@code last_frame}. */
        public Builder lastFrame(Media image) {
            return add(new ContentItem.Image(image, Role.LAST_FRAME));
        }

        /** Adds an image with role {@code reference_image} ({@code [图N]}, N counting reference images). */
        public Builder referenceImage(Media image) {
            return add(new ContentItem.Image(image, Role.REFERENCE_IMAGE));
        }

        /** Adds a video with role {@code reference_video} (视频N). */
        public Builder referenceVideo(Media video) {
            return add(new ContentItem.Video(video, Role.REFERENCE_VIDEO));
        }

        /** Adds an audio clip with role {@code reference_audio} (音频N). */
        public Builder referenceAudio(Media audio) {
            return add(new ContentItem.Audio(audio, Role.REFERENCE_AUDIO));
        }

        /** Adds a {@code draft_task} item (1.5 pro). */
        public Builder draftTask(String draftTaskId) {
            return add(new ContentItem.DraftTask(draftTaskId));
        }

        /** Adds any content item as is, e.g. an image without a role. */
        public Builder add(ContentItem item) {
            content.add(Objects.requireNonNull(item, "content item"));
            return this;
        }

        public Builder callbackUrl(String callbackUrl) {
            this.callbackUrl = callbackUrl;
            return this;
        }

        public Builder returnLastFrame(boolean returnLastFrame) {
            this.returnLastFrame = returnLastFrame;
            return this;
        }

        public Builder serviceTier(ServiceTier serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        /** Sent as whole seconds; must be within [1 h, 72 h]. */
        public Builder executionExpiresAfter(Duration executionExpiresAfter) {
            this.executionExpiresAfter = executionExpiresAfter;
            return this;
        }

        public Builder generateAudio(boolean generateAudio) {
            this.generateAudio = generateAudio;
            return this;
        }

        public Builder draft(boolean draft) {
            this.draft = draft;
            return this;
        }

        public Builder tools(Tool... tools) {
            this.tools = new ArrayList<>(Arrays.asList(tools));
            return this;
        }

        public Builder safetyIdentifier(String safetyIdentifier) {
            this.safetyIdentifier = safetyIdentifier;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder resolution(Resolution resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder ratio(Ratio ratio) {
            this.ratio = ratio;
            return this;
        }

        /** Output length in seconds; -1 lets the model choose (2.0 series and 1.5 pro). */
        public Builder duration(int seconds) {
            this.duration = seconds;
            return this;
        }

        public Builder frames(int frames) {
            this.frames = frames;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder cameraFixed(boolean cameraFixed) {
            this.cameraFixed = cameraFixed;
            return this;
        }

        public Builder watermark(boolean watermark) {
            this.watermark = watermark;
            return this;
        }

        public Builder outputFormat(String outputFormat) {
            this.outputFormat = outputFormat;
            return this;
        }

        public Builder omniReferenceTaskType(String omniReferenceTaskType) {
            this.omniReferenceTaskType = omniReferenceTaskType;
            return this;
        }

        public CreateTaskRequest build() {
            return new CreateTaskRequest(
                    model,
                    content,
                    callbackUrl,
                    returnLastFrame,
                    serviceTier,
                    executionExpiresAfter,
                    generateAudio,
                    draft,
                    tools,
                    safetyIdentifier,
                    priority,
                    resolution,
                    ratio,
                    duration,
                    frames,
                    seed,
                    cameraFixed,
                    watermark,
                    outputFormat,
                    omniReferenceTaskType);
        }
    }
}
