package dev.seedance4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation per model: every violation at once, each naming the field, the value and the rule. */
class ValidationTest {
    private static final Model V2 = Model.SEEDANCE_2_0;

    @TempDir
    Path dir;

    private static Media url(String name) {
        return Media.url("https://cdn.example.com/" + name);
    }

    @Test
    void validScenesPass() throws Exception {
        Path png = Fixtures.image(dir, "a.png", "png", 640, 360);
        Path wav = Fixtures.wav(dir, "a.wav", 4);
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.textToVideo(V2, "猫").duration(15).build()))
                .isEmpty();
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.firstFrame(V2, "p", Media.file(png)).build()))
                .isEmpty();
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.firstAndLastFrame(Model.SEEDANCE_1_0_PRO, "p", url("a.png"), url("b.png"))
                                .frames(29)
                                .cameraFixed(true)
                                .build()))
                .isEmpty();
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.referenceImages(V2, "[图1][图2]…[图9]", Collections.nCopies(9, url("r.png")))
                                .build()))
                .isEmpty();
        assertThat(RequestValidator.validate(CreateTaskRequest.extendVideos(
                                V2,
                                "视频1接视频2接视频3",
                                url("a.mp4").withDuration(Duration.ofSeconds(5)),
                                url("b.mp4").withDuration(Duration.ofSeconds(5)),
                                url("c.mp4").withDuration(Duration.ofSeconds(5)))
                        .build()))
                .isEmpty();
        assertThat(RequestValidator.validate(CreateTaskRequest.referenceAudio(
                                V2, "[图1]随音频1跳舞", List.of(Media.file(png)), List.of(Media.file(wav)))
                        .build()))
                .isEmpty();
        assertThat(RequestValidator.validate(CreateTaskRequest.fromDraft(Model.SEEDANCE_1_5_PRO, "cgt-d")
                        .build()))
                .isEmpty();
    }

    @Test
    void allViolationsComeBackTogetherWithFieldValueAndRule() {
        CreateTaskRequest request = CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0_FAST, "猫")
                .resolution(Resolution.P1080)
                .ratio(Ratio.of("5:4"))
                .duration(16)
                .frames(121)
                .cameraFixed(true)
                .serviceTier(ServiceTier.FLEX)
                .priority(12)
                .seed(-2)
                .draft(true)
                .executionExpiresAfter(Duration.ofMinutes(30))
                .safetyIdentifier("x".repeat(65))
                .tools(Tool.of("calculator"))
                .outputFormat("mov")
                .callbackUrl("ftp://x")
                .build();
        List<Violation> violations = RequestValidator.validate(request);
        assertThat(violations)
                .extracting(Violation::toString)
                .containsExactly(
                        "resolution = 1080p: must be one of [480p, 720p] on doubao-seedance-2-0-fast-260128",
                        "ratio = 5:4: must be one of [16:9, 4:3, 1:1, 3:4, 9:16, 21:9, adaptive]",
                        "duration = 16: must be within [4, 15] or -1 (model chooses) on doubao-seedance-2-0-fast-260128",
                        "frames = 121: frames is not supported on doubao-seedance-2-0-fast-260128; use duration",
                        "seed = -2: must be within [-1, 4294967295]",
                        "camera_fixed = true: is not supported on doubao-seedance-2-0-fast-260128 (leave it out or send"
                                + " false)",
                        "service_tier = flex: flex is not supported on doubao-seedance-2-0-fast-260128",
                        "draft = true: is not supported on doubao-seedance-2-0-fast-260128",
                        "execution_expires_after = 1800 s: must be whole seconds within [3600, 259200]",
                        "priority = 12: must be within [0, 9]",
                        "priority = 12: cannot be combined with service_tier flex",
                        "tools[0].type = calculator: must be one of [web_search] on doubao-seedance-2-0-fast-260128",
                        "safety_identifier = 65 chars: must be at most 64 characters",
                        "output_format = mov: must be one of [mp4] on doubao-seedance-2-0-fast-260128",
                        "callback_url = ftp://x: must be an http:// or https:// URL");
        assertThatThrownBy(() -> RequestValidator.check(request))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).isEqualTo(violations);
                    assertThat(e.getMessage()).startsWith("15 invalid fields:\n  resolution = 1080p");
                });
    }

    @Test
    void scenesMayNotBeMixed() {
        CreateTaskRequest mixed = CreateTaskRequest.firstFrame(V2, "p", url("a.png"))
                .referenceImage(url("b.png"))
                .build();
        assertThat(RequestValidator.validate(mixed))
                .extracting(Violation::toString)
                .containsExactly(
                        "content[2].role = reference: first/last frame images may not be mixed with reference images, "
                                + "videos or audio (content[1] is a frame)");
        CreateTaskRequest lastOnly =
                CreateTaskRequest.builder(V2).text("p").lastFrame(url("b.png")).build();
        assertThat(RequestValidator.validate(lastOnly))
                .extracting(Violation::rule)
                .containsExactly("a last_frame needs a first_frame image");
    }

    @Test
    void countsAndDurationsOfMediaAreChecked() {
        CreateTaskRequest tooMany = CreateTaskRequest.referenceImages(V2, "p", Collections.nCopies(10, url("r.png")))
                .referenceVideo(url("a.mp4").withDuration(Duration.ofSeconds(8)))
                .referenceVideo(url("b.mp4").withDuration(Duration.ofSeconds(8)))
                .referenceVideo(url("c.mp4").withDuration(Duration.ofMillis(1500)))
                .referenceVideo(url("d.mp4"))
                .referenceAudio(url("a.mp3").withDuration(Duration.ofSeconds(16)))
                .build();
        assertThat(RequestValidator.validate(tooMany))
                .extracting(Violation::toString)
                .containsExactly(
                        "content[13].video_url = https://cdn.example.com/c.mp4 (1.5 s, counted as 1 s): each clip must"
                                + " last [2, 15] s on doubao-seedance-2-0-260128",
                        "content[15].audio_url = https://cdn.example.com/a.mp3 (16 s): each clip must last [2, 15] s on"
                                + " doubao-seedance-2-0-260128",
                        "content = 10 reference images: at most 9 reference images on doubao-seedance-2-0-260128",
                        "content = 4 videos: at most 3 reference videos on doubao-seedance-2-0-260128",
                        "content = 17 s of video (whole seconds, as billed): reference videos may total at most 15 s on"
                                + " doubao-seedance-2-0-260128",
                        "content = 16 s of audio (whole seconds, as billed): reference audio may total at most 15 s on"
                                + " doubao-seedance-2-0-260128");
    }

    @Test
    void audioNeedsAnImageOrAVideo() {
        CreateTaskRequest audioOnly = CreateTaskRequest.builder(V2)
                .text("p")
                .referenceAudio(url("a.mp3"))
                .build();
        assertThat(RequestValidator.validate(audioOnly))
                .extracting(Violation::rule)
                .containsExactly("audio needs at least one reference image or video on doubao-seedance-2-0-260128");
    }

    @Test
    void whatAModelCannotDoIsNamed() {
        CreateTaskRequest request = CreateTaskRequest.editVideo(Model.SEEDANCE_1_0_PRO, "p", url("a.mp4"))
                .generateAudio(true)
                .build();
        assertThat(RequestValidator.validate(request))
                .extracting(Violation::toString)
                .containsExactly(
                        "content[1].type = video_url: videos are supported only by seedance-2.0, seedance-2.0-fast,"
                                + " seedance-2.0-mini, seedance-2.5, not on doubao-seedance-1-0-pro-250528",
                        "generate_audio = true: is not supported on doubao-seedance-1-0-pro-250528 (its videos are"
                                + " silent)");
        assertThat(RequestValidator.validate(CreateTaskRequest.textToVideo(Model.SEEDANCE_1_0_LITE_I2V, "p")
                        .build()))
                .extracting(Violation::rule)
                .containsExactly("text to video is not supported on doubao-seedance-1-0-lite-i2v-250428; add an image");
        assertThat(RequestValidator.validate(CreateTaskRequest.referenceImages(
                                Model.SEEDANCE_1_0_LITE_I2V,
                                "p",
                                url("a.png"),
                                url("b.png"),
                                url("c.png"),
                                url("d.png"),
                                url("e.png"))
                        .resolution(Resolution.P1080)
                        .build()))
                .extracting(Violation::rule)
                .containsExactly(
                        "at most 4 reference images on doubao-seedance-1-0-lite-i2v-250428",
                        "the reference-image scene does not support 1080p on doubao-seedance-1-0-lite-i2v-250428");
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.referenceImages(Model.SEEDANCE_1_5_PRO, "p", Media.asset("asset-1"))
                                .build()))
                .extracting(Violation::rule)
                .containsExactly(
                        "asset:// ids are not supported on doubao-seedance-1-5-pro-251215",
                        "reference images are not supported on doubao-seedance-1-5-pro-251215");
        assertThat(RequestValidator.validate(CreateTaskRequest.fromDraft(Model.SEEDANCE_1_5_PRO, "cgt-d")
                        .draft(true)
                        .resolution(Resolution.P720)
                        .returnLastFrame(true)
                        .build()))
                .extracting(Violation::rule)
                .containsExactly("a draft is always 480p", "a draft has no last frame");
    }

    @Test
    void promptMentionsMustPointAtMedia() {
        CreateTaskRequest request = CreateTaskRequest.referenceImages(
                        V2, "[图1]和[图3]在视频1里，配音频2", url("a.png"), url("b.png"))
                .build();
        assertThat(RequestValidator.validate(request))
                .extracting(Violation::toString)
                .containsExactly(
                        "content[text] = [图3]: refers to image 3 but the request has 2 images",
                        "content[text] = 视频1: refers to video 1 but the request has 0 videos",
                        "content[text] = 音频2: refers to audio clip 2 but the request has 0 audio clips");
    }

    @Test
    void localImagesAreCheckedForSizeAndAspect() throws Exception {
        Path small = Fixtures.image(dir, "small.png", "png", 200, 400);
        Path wide = Fixtures.image(dir, "wide.jpg", "jpg", 1300, 500);
        Path webp = Fixtures.webp(dir, "huge.webp", 7000, 3000);
        CreateTaskRequest request = CreateTaskRequest.referenceImages(
                        V2, "p", Media.file(small), Media.file(wide), Media.file(webp))
                .build();
        assertThat(RequestValidator.validate(request))
                .extracting(Violation::toString)
                .containsExactly(
                        "content[1].image_url.url = " + small + " (200×400): each side must be within [300, 6000] px",
                        "content[2].image_url.url = " + wide + " (1300×500): aspect ratio width/height must be within "
                                + "[0.4, 2.5], is 2.60",
                        "content[3].image_url.url = " + webp + " (7000×3000): each side must be within [300, 6000] px");
    }

    @Test
    void dataUrlsAreCheckedEvenWhenBuiltByHand() {
        CreateTaskRequest request = CreateTaskRequest.builder(V2)
                .text("p")
                .firstFrame(Media.url("data:image/PNG;base64,iVBORw0KGgo="))
                .build();
        assertThat(RequestValidator.validate(request))
                .extracting(Violation::rule)
                .containsExactly("must be data:image/<jpeg|png|webp|bmp|tiff|gif|heic|heif> in lower case");
        CreateTaskRequest video = CreateTaskRequest.editVideo(V2, "p", Media.url("data:video/mp4;base64,AAAA"))
                .build();
        assertThat(RequestValidator.validate(video))
                .extracting(Violation::rule)
                .containsExactly("videos are taken by http(s) URL or asset:// id only, not as data URLs");
    }

    @Test
    void mediaFilesAreRecognisedByTheirBytes() throws Exception {
        Path jpegNamedPng = Files.move(Fixtures.image(dir, "x.jpg", "jpg", 400, 400), dir.resolve("x.png"));
        assertThat(Media.file(jpegNamedPng).url()).startsWith("data:image/jpeg;base64,");
        assertThat(Media.file(Fixtures.webp(dir, "w.webp", 640, 480)).url()).startsWith("data:image/webp;base64,");
        Path mp4 = Files.write(
                dir.resolve("clip.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0});
        assertThatThrownBy(() -> Media.file(mp4))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("file = " + mp4 + ": local videos cannot be sent");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> Media.file(text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must be an image (jpeg, png, webp, bmp, tiff, gif, heic, heif) or audio");
        assertThatThrownBy(() -> Media.file(dir.resolve("missing.png")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must be a readable file");
        assertThatThrownBy(() -> Media.url("ftp://example.com/a.png"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must start with http://, https://, asset:// or data:");
        assertThat(Media.asset("asset-20260810164850-mqxvm").url()).isEqualTo("asset://asset-20260810164850-mqxvm");
        assertThat(Media.file(Fixtures.image(dir, "big.png", "png", 640, 640)).toString())
                .startsWith("Media[")
                .doesNotContain("base64,iVBOR");
    }

    @Test
    void unknownModelsAreNamedAndCanBorrowRules() {
        CreateTaskRequest request = CreateTaskRequest.textToVideo(Model.of("ep-20260101000000-abcde"), "p")
                .duration(20)
                .build();
        assertThat(RequestValidator.knows(request.model())).isFalse();
        assertThat(RequestValidator.validate(request))
                .extracting(Violation::field)
                .containsExactly("model");
        assertThat(RequestValidator.validate(request, V2))
                .extracting(Violation::field)
                .containsExactly("duration");
    }

    @Test
    void referenceVideosCountInTheWholeSecondsTheServiceBills() {
        // a generated 15 s clip has 361 frames (15.04 s); three generated 5 s clips 3 x 121 frames (5.04 s)
        Media fifteen = url("a.mp4").withDuration(Duration.ofNanos(361L * 1_000_000_000 / 24));
        Media five = url("b.mp4").withDuration(Duration.ofNanos(121L * 1_000_000_000 / 24));
        assertThat(fifteen.countedSeconds()).isEqualTo(15);
        assertThat(five.countedSeconds()).isEqualTo(5);
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.editVideo(V2, "视频1", fifteen).build()))
                .isEmpty();
        assertThat(RequestValidator.validate(CreateTaskRequest.extendVideos(V2, "视频1接视频2接视频3", five, five, five)
                        .build()))
                .isEmpty();
        // reference audio counts the same way (the audio track of a generated 15 s clip)
        assertThat(RequestValidator.validate(CreateTaskRequest.referenceAudio(
                                V2,
                                "[图1]随音频1说话",
                                List.of(url("a.png")),
                                List.of(url("a.mp3").withDuration(Duration.ofMillis(15_020))))
                        .build()))
                .isEmpty();
        // a probe that rounds 360 frames down to 14.999 s still counts 15; 16 s is 16
        assertThat(url("c.mp4").withDuration(Duration.ofMillis(14_999)).countedSeconds())
                .isEqualTo(15);
        Media sixteen = url("d.mp4").withDuration(Duration.ofMillis(16_020));
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.editVideo(V2, "视频1", sixteen).build()))
                .extracting(Violation::toString)
                .containsExactly(
                        "content[1].video_url = https://cdn.example.com/d.mp4 (16.02 s, counted as 16 s): each clip"
                                + " must last [2, 15] s on doubao-seedance-2-0-260128",
                        "content = 16 s of video (whole seconds, as billed): reference videos may total at most 15 s"
                                + " on doubao-seedance-2-0-260128");
    }

    @Test
    void cameraFixedFalseIsTheDefaultAndAcceptedEverywhere() {
        assertThat(RequestValidator.validate(CreateTaskRequest.textToVideo(V2, "p")
                        .cameraFixed(false)
                        .build()))
                .isEmpty();
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.referenceImages(Model.SEEDANCE_1_0_LITE_I2V, "[图1]", url("a.png"))
                                .cameraFixed(false)
                                .build()))
                .isEmpty();
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.textToVideo(V2, "p").cameraFixed(true).build()))
                .extracting(Violation::toString)
                .containsExactly("camera_fixed = true: is not supported on doubao-seedance-2-0-260128 (leave it out"
                        + " or send false)");
    }

    @Test
    void webSearchGoesOnlyWithTextOnlyInput() {
        assertThat(RequestValidator.validate(CreateTaskRequest.textToVideo(V2, "今天的新闻")
                        .tools(Tool.WEB_SEARCH)
                        .build()))
                .isEmpty();
        assertThat(RequestValidator.validate(CreateTaskRequest.firstFrame(V2, "p", url("a.png"))
                        .tools(Tool.WEB_SEARCH)
                        .build()))
                .extracting(Violation::toString)
                .containsExactly("tools[0].type = web_search: web_search works only with a text-only request (no"
                        + " images, videos or audio) on doubao-seedance-2-0-260128");
        // the rule is data: a table that drops it lets the request through
        ModelTable lenient = ModelTable.bundled()
                .withOverrides("{\"video\":{\"doubao-seedance-2-0-260128\":{\"features\":"
                        + "{\"web_search_text_only\":false}}}}");
        assertThat(RequestValidator.validate(
                        CreateTaskRequest.firstFrame(V2, "p", url("a.png"))
                                .tools(Tool.WEB_SEARCH)
                                .build(),
                        V2,
                        lenient))
                .isEmpty();
    }

    @Test
    void seedance25TakesItsOwnFieldsLongerClipsAndAudioAsTheOnlyReference() {
        Model v25 = Model.SEEDANCE_2_5;
        CreateTaskRequest lipSync = CreateTaskRequest.builder(v25)
                .text("她随着音频1唱歌")
                .referenceAudio(url("song.mp3").withDuration(Duration.ofSeconds(25)))
                .duration(30)
                .outputFormat("mov")
                .omniReferenceTaskType("reference")
                .build();
        assertThat(RequestValidator.validate(lipSync)).isEmpty();
        CreateTaskRequest tooMany = CreateTaskRequest.referenceImages(v25, "p", Collections.nCopies(9, url("r.png")))
                .referenceVideo(url("v.mp4").withDuration(Duration.ofSeconds(10)))
                .referenceVideo(url("w.mp4").withDuration(Duration.ofSeconds(10)))
                .duration(31)
                .outputFormat("webm")
                .omniReferenceTaskType("remix")
                .build();
        assertThat(RequestValidator.validate(tooMany))
                .extracting(Violation::toString)
                .containsExactly(
                        "content = 11 reference files: at most 10 reference files on doubao-seedance-2-5-260628",
                        "duration = 31: must be within [4, 30] or -1 (model chooses) on doubao-seedance-2-5-260628",
                        "output_format = webm: must be one of [mp4, mov] on doubao-seedance-2-5-260628",
                        "omni_reference_task_type = remix: must be one of [auto, reference, edit, extend] on"
                                + " doubao-seedance-2-5-260628");
        assertThat(RequestValidator.validate(CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0_MINI, "p")
                        .resolution(Resolution.P1080)
                        .build()))
                .extracting(Violation::toString)
                .containsExactly("resolution = 1080p: must be one of [480p, 720p] on doubao-seedance-2-0-mini-260615");
        assertThat(RequestValidator.validate(CreateTaskRequest.textToVideo(V2, "p")
                        .resolution(Resolution.P1080)
                        .build()))
                .isEmpty();
    }

    @Test
    void aLocalFileIsMeasuredBeforeItIsRead() throws Exception {
        // sparse files: 3 GB and 16 MB on disk in name only; reading the first would exhaust the heap
        Path huge = dir.resolve("huge.png");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.write(Files.readAllBytes(Fixtures.image(dir, "small.png", "png", 320, 320)));
            file.setLength(3L << 30);
        }
        assertThatThrownBy(() -> Media.file(huge))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("file = " + huge + " (3221225472 bytes): an image may be at most 30 MB"
                        + " (31457280 bytes); pass larger files by URL");
        Path long16 = dir.resolve("long.wav");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(long16.toFile(), "rw")) {
            file.write(Files.readAllBytes(Fixtures.wav(dir, "short.wav", 1)));
            file.setLength(16L << 20);
        }
        assertThatThrownBy(() -> Media.file(long16))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("an audio clip may be at most 15 MB (15728640 bytes)");
    }
}
