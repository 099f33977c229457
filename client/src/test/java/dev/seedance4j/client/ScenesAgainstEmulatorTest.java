package dev.seedance4j.client;

import static dev.seedance4j.client.AgainstEmulator.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seedance4j.emulator.EmulatorExtension;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scene of the seed article end to end against the emulator: create, wait, download, then probe the MP4 for
 * the pixel size of the resolution/ratio table, the duration and whether it has sound; the tokens billed must equal
 * the client's estimate (480p 16:9, 9:16 from an adaptive first frame, 4:3, 3:4, video input).
 */
class ScenesAgainstEmulatorTest {
    @RegisterExtension
    static final EmulatorExtension ARK = new EmulatorExtension(b -> b.timeScale(0));

    @TempDir
    static Path shared;

    private static ClipServer clips;

    @TempDir
    Path dir;

    private SeedanceClient client;

    @BeforeAll
    static void renderInputClip() throws Exception {
        clips = ClipServer.start(AgainstEmulator.ffmpeg(), shared, SECONDS);
    }

    @AfterAll
    static void stopClipServer() {
        clips.close();
    }

    @BeforeEach
    void connect() {
        client = AgainstEmulator.client(ARK.get());
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void textToVideo() throws Exception {
        CreateTaskRequest request =
                AgainstEmulator.small(Model.SEEDANCE_2_0, "小猫对着镜头打哈欠").build();

        MediaInfo video = render(request);

        assertThat(video.audio()).isPresent();
        // every field of a succeeded task reads back as the contract names it
        Task done = client.tasks().list(ListTasksQuery.all()).items().get(0);
        assertThat(done.model()).isEqualTo(Model.SEEDANCE_2_0);
        assertThat(done.ratio()).isEqualTo(Ratio.RATIO_16_9);
        assertThat(done.framesPerSecond()).isEqualTo(24);
        assertThat(done.seed()).isNotNull();
        assertThat(done.generateAudio()).isTrue();
        assertThat(done.serviceTier()).isEqualTo(ServiceTier.DEFAULT);
        assertThat(done.executionExpiresAfter()).isEqualTo(172_800L);
        assertThat(done.usage().totalTokens()).isEqualTo(done.usage().completionTokens());
        assertThat(done.updatedAt()).isAfterOrEqualTo(done.createdAt());
        assertThat(done.error()).isNull();
    }

    @Test
    void firstFrameDecidesAnAdaptiveRatio() throws Exception {
        Media portrait = Media.file(Fixtures.image(dir, "girl.png", "png", 360, 640));
        CreateTaskRequest request = CreateTaskRequest.firstFrame(Model.SEEDANCE_2_0, "她抬头微笑", portrait)
                .resolution(Resolution.P480)
                .duration(SECONDS)
                .generateAudio(false)
                .build();

        MediaInfo video = render(request);

        assertThat(CostEstimator.outputSize(request, request.model())).isEqualTo(new VideoSize(496, 864));
        assertThat(client.tasks().list(ListTasksQuery.all()).items().get(0).ratio())
                .isEqualTo(Ratio.RATIO_9_16);
        assertThat(video.audio()).isEmpty();
    }

    @Test
    void firstAndLastFrameWithTheLastFrameReturned() throws Exception {
        Media door = Media.file(Fixtures.image(dir, "door.png", "png", 640, 360));
        Media open = Media.file(Fixtures.image(dir, "open.jpg", "jpg", 640, 360));
        CreateTaskRequest request = CreateTaskRequest.firstAndLastFrame(Model.SEEDANCE_2_0_FAST, "门缓缓打开", door, open)
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_16_9)
                .duration(SECONDS)
                .returnLastFrame(true)
                .build();

        Task done = await(request);
        Path mp4 = client.download(done, dir.resolve("door.mp4"));
        Path png = client.downloadLastFrame(done, dir.resolve("door-last.png"));

        assertSizeAndDuration(AgainstEmulator.probe(mp4), request);
        BufferedImage lastFrame = ImageIO.read(png.toFile());
        assertThat(new VideoSize(lastFrame.getWidth(), lastFrame.getHeight()))
                .isEqualTo(CostEstimator.outputSize(request, request.model()));
    }

    @Test
    void referenceImagesNamedInThePrompt() throws Exception {
        CreateTaskRequest request = CreateTaskRequest.referenceImages(
                        Model.SEEDANCE_2_0,
                        "[图1]的男生和[图2]的柯基坐在[图3]的草坪上",
                        Media.file(Fixtures.image(dir, "boy.png", "png", 400, 600)),
                        Media.file(Fixtures.image(dir, "corgi.jpg", "jpg", 600, 400)),
                        Media.file(Fixtures.image(dir, "lawn.png", "png", 800, 450)))
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_4_3)
                .duration(SECONDS)
                .build();

        MediaInfo video = render(request);

        assertThat(video.audio()).isPresent();
    }

    @Test
    void editsAVideo() throws Exception {
        // 5 s out: with video input the minimum is where client and emulator agree (CostAgainstEmulatorTest)
        CreateTaskRequest request = CreateTaskRequest.editVideo(
                        Model.SEEDANCE_2_0, "把视频1里的咖啡杯换成白色瓷杯，运镜不变", clips.clip(SECONDS))
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_16_9)
                .duration(5)
                .build();

        render(request);
    }

    @Test
    void extendsThreeVideosOneOfThemAnEarlierResult() throws Exception {
        Task earlier = await(AgainstEmulator.small(Model.SEEDANCE_2_0, "门关着")
                .generateAudio(false)
                .build());
        Media earlierClip = Media.url(earlier.videoUrl()).withDuration(Duration.ofSeconds(earlier.duration()));
        CreateTaskRequest request = CreateTaskRequest.extendVideos(
                        Model.SEEDANCE_2_0, "视频1的门打开后接视频2，再接视频3", clips.clip(SECONDS), earlierClip, clips.clip(SECONDS))
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_16_9)
                .duration(SECONDS)
                .generateAudio(false)
                .build();

        MediaInfo video = render(request);

        assertThat(video.audio()).isEmpty();
    }

    @Test
    void referenceAudioFromAWavDataUrl() throws Exception {
        Media song = Media.file(Fixtures.wav(dir, "song.wav", 3));
        assertThat(song.url()).startsWith("data:audio/wav;base64,");
        CreateTaskRequest request = CreateTaskRequest.referenceAudio(
                        Model.SEEDANCE_2_0,
                        "[图1]的女孩随着音频1的节奏跳舞",
                        List.of(Media.file(Fixtures.image(dir, "dancer.png", "png", 480, 640))),
                        List.of(song))
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_3_4)
                .duration(SECONDS)
                .build();

        MediaInfo video = render(request);

        assertThat(video.audio()).isPresent();
    }

    /** Creates, waits, downloads and probes; checks the size of the table and the duration. */
    private MediaInfo render(CreateTaskRequest request) throws Exception {
        Task done = await(request);
        assertThat(done.resolution()).isEqualTo(Resolution.P480);
        assertThat(done.duration()).isEqualTo(request.duration());
        MediaInfo video = AgainstEmulator.probe(client.download(done, dir.resolve(done.id() + ".mp4")));
        assertSizeAndDuration(video, request);
        assertThat(done.usage().completionTokens())
                .as("billed tokens = the client's estimate")
                .isEqualTo(CostEstimator.defaults().estimate(request).tokens());
        assertThat(video.audio().isPresent()).isEqualTo(Boolean.TRUE.equals(done.generateAudio()));
        return video;
    }

    private Task await(CreateTaskRequest request) throws InterruptedException {
        Task done = AgainstEmulator.waiter(client).await(client.tasks().create(request));
        assertThat(done.status()).as("%s", done.error()).isEqualTo(TaskStatus.SUCCEEDED);
        return done;
    }

    private static void assertSizeAndDuration(MediaInfo video, CreateTaskRequest request) {
        MediaStream picture = video.video().orElseThrow();
        assertThat(new VideoSize(picture.width(), picture.height()))
                .isEqualTo(CostEstimator.outputSize(request, request.model()));
        assertThat(picture.fps()).isEqualTo(24.0);
        assertThat(video.durationSeconds()).isCloseTo(request.duration(), within(0.1));
    }
}
