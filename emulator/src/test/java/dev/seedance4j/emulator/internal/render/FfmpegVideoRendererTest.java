package dev.seedance4j.emulator.internal.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seedance4j.emulator.RenderSpec;
import dev.seedance4j.emulator.RenderedClip;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders real clips with the Maven-shipped ffmpeg and checks them by probing and decoding. */
class FfmpegVideoRendererTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static Ffmpeg ffmpeg;
    private static FfmpegVideoRenderer renderer;

    @TempDir
    Path dir;

    @BeforeAll
    static void renderer() {
        ffmpeg = Ffmpeg.bundled();
        renderer = new FfmpegVideoRenderer(ffmpeg);
    }

    @Test
    void rendersTheExactSizeFrameRateDurationAndAnAudioTrack() throws IOException {
        RenderSpec spec = spec().prompt("It's 50% off: [a,b]; c\\d {x} \"quoted\" 'single' %{pts} =")
                .seed(7)
                .lastFrame(true)
                .build();

        RenderedClip clip = renderer.render(spec, dir);

        MediaInfo info = ffmpeg.probe(clip.video());
        MediaStream video = info.video().orElseThrow();
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.pixelFormat()).isEqualTo("yuv420p");
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(180);
        assertThat(video.fps()).isEqualTo(24.0);
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(1.0 / 24));
        assertThat(ffmpeg.countFrames(clip.video())).isEqualTo(24 * 2 + 1);
        MediaStream audio = info.audio().orElseThrow();
        assertThat(audio.codec()).isEqualTo("aac");
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.sampleRate()).isEqualTo(48_000);
        assertThat(info.metadata()).containsEntry("comment", spec.taskId());
        assertThat(clip.video()).isEqualTo(dir.resolve("video.mp4"));
        BufferedImage last = ImageIO.read(clip.lastFrame().toFile());
        assertThat(last.getWidth()).isEqualTo(320);
        assertThat(last.getHeight()).isEqualTo(180);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("video.mp4", "last_frame.png");
        }
    }

    @Test
    void thereIsNoAudioStreamWhenAudioIsNotAskedForEvenWithReferenceAudio() throws IOException {
        Path tone = dir.resolve("tone.wav");
        ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "sine=f=1000:d=1", tone.toString()), TIMEOUT);

        RenderedClip clip =
                renderer.render(spec().audio(false).referenceAudio(tone).build(), dir);

        assertThat(ffmpeg.probe(clip.video()).audio()).isEmpty();
        assertThat(clip.lastFrame()).isNull();
    }

    @Test
    void theSameSpecGivesTheSameFramesAndSamplesWhateverTheTaskId() throws IOException {
        Path image = solidImage("ref.png", "blue", 64, 48);
        SpecBuilder base =
                spec().prompt("同じ絵 the same picture").seed(1234).watermark(true).referenceImage(image);

        RenderedClip a = renderer.render(
                base.taskId("cgt-20260101000000-aaaaa").build(), Files.createDirectory(dir.resolve("a")));
        RenderedClip b = renderer.render(
                base.taskId("cgt-20260101000000-bbbbb").build(), Files.createDirectory(dir.resolve("b")));
        RenderedClip c = renderer.render(base.seed(1235).build(), Files.createDirectory(dir.resolve("c")));

        assertThat(framemd5(a.video())).isEqualTo(framemd5(b.video())).isNotEqualTo(framemd5(c.video()));
        assertThat(ffmpeg.probe(a.video()).metadata().get("comment")).isEqualTo("cgt-20260101000000-aaaaa");
        assertThat(ffmpeg.probe(b.video()).metadata().get("comment")).isEqualTo("cgt-20260101000000-bbbbb");
    }

    @Test
    void theFirstReferenceAudioIsUsedTrimmedOrPaddedToTheDuration() throws IOException {
        Path loud = dir.resolve("loud.wav");
        Path ignored = dir.resolve("ignored.wav");
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "aevalsrc=0.5*sin(2*PI*1000*t):s=44100:d=1",
                        "-ac",
                        "2",
                        loud.toString()),
                TIMEOUT);
        ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "anullsrc=d=1", ignored.toString()), TIMEOUT);

        RenderedClip clip = renderer.render(
                spec().referenceAudio(loud).referenceAudio(ignored).build(), dir);

        assertThat(ffmpeg.probe(clip.video()).audio().orElseThrow().channels()).isEqualTo(1);
        assertThat(meanVolume(clip.video(), "0.1", "0.9")).isCloseTo(-9.0, within(1.5));
        assertThat(maxVolume(clip.video(), "1.2", "2.0")).isLessThan(-60.0);
    }

    @Test
    void withoutReferenceAudioTheToneSpeaksInSyllables() throws IOException {
        RenderedClip clip = renderer.render(spec().seconds(3).build(), dir);

        double[] windows = new double[12];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = meanVolume(clip.video(), String.valueOf(i * 0.25), String.valueOf(i * 0.25 + 0.25));
        }
        assertThat(max(windows)).isGreaterThan(-35.0);
        assertThat(max(windows) - min(windows))
                .as("loud syllables and quiet pauses")
                .isGreaterThan(10.0);
    }

    @Test
    void theFirstFrameImageFillsTheOpeningAndTheLastFrameImageTheEnd() throws IOException {
        // a square image with green bands top and bottom: filling a 16:9 frame crops most of them away
        Path first = dir.resolve("first.png");
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=green:s=400x400",
                        "-vf",
                        "drawbox=x=0:y=100:w=400:h=200:color=red:t=fill",
                        "-frames:v",
                        "1",
                        first.toString()),
                TIMEOUT);
        Path last = solidImage("last.png", "blue", 300, 100);

        RenderedClip clip = renderer.render(
                spec().firstFrame(first).lastFrameImage(last).lastFrame(true).build(), dir);

        int[] opening = averageRgb(frame(clip.video(), Duration.ZERO));
        assertThat(opening[0]).isGreaterThan(180);
        assertThat(opening[1]).isLessThan(90);
        int[] middle = averageRgb(frame(clip.video(), Duration.ofMillis(1020)));
        assertThat(middle[0]).isLessThan(180);
        int[] ending = averageRgb(ImageIO.read(clip.lastFrame().toFile()));
        assertThat(ending[2]).isGreaterThan(200);
        assertThat(ending[0]).isLessThan(40);
        int[] mp4Ending = averageRgb(frame(clip.video(), Duration.ofMillis(1990)));
        assertThat(mp4Ending[2]).isGreaterThan(200);
    }

    @Test
    void theWatermarkMarksTheBottomRightOfTheVideoButNotTheLastFramePng() throws IOException {
        SpecBuilder base = spec().lastFrame(true);
        RenderedClip plain =
                renderer.render(base.watermark(false).build(), Files.createDirectory(dir.resolve("plain")));
        RenderedClip marked =
                renderer.render(base.watermark(true).build(), Files.createDirectory(dir.resolve("marked")));

        BufferedImage plainFrame = frame(plain.video(), Duration.ofSeconds(1));
        BufferedImage markedFrame = frame(marked.video(), Duration.ofSeconds(1));
        assertThat(meanDifference(plainFrame, markedFrame, 250, 140, 70, 40)).isGreaterThan(20.0);
        assertThat(meanDifference(plainFrame, markedFrame, 0, 0, 200, 100)).isLessThan(1.0);
        assertThat(meanDifference(
                        ImageIO.read(plain.lastFrame().toFile()),
                        ImageIO.read(marked.lastFrame().toFile()),
                        0,
                        0,
                        320,
                        180))
                .isZero();
    }

    @Test
    void referenceImagesAndTheFirstFrameOfReferenceVideosAppearAsThumbnails() throws IOException {
        Path image = solidImage("image.png", "blue", 64, 48);
        Path video = dir.resolve("reference.mp4");
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=yellow:s=160x90:r=24:d=1",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=red:s=160x90:r=24:d=2",
                        "-filter_complex",
                        "[0][1]concat=n=2",
                        "-c:v",
                        "libx264",
                        "-pix_fmt",
                        "yuv420p",
                        video.toString()),
                TIMEOUT);
        RenderSpec spec =
                spec().referenceImage(image).referenceVideo(video).audio(false).build();
        Layout layout = new Layout(spec);

        RenderedClip clip = renderer.render(spec, dir);

        int centreY = layout.margin + layout.thumbHeight / 2;
        int imageX = layout.margin + layout.thumbWidth / 2;
        int videoX = 2 * layout.margin + layout.thumbWidth + layout.thumbWidth / 2;
        // the moving disc may pass over a thumbnail in one frame, but not in both
        List<int[]> imagePixels = new ArrayList<>();
        List<int[]> videoPixels = new ArrayList<>();
        for (Duration at : List.of(Duration.ofMillis(250), Duration.ofMillis(1750))) {
            BufferedImage frame = frame(clip.video(), at);
            imagePixels.add(rgb(frame.getRGB(imageX, centreY)));
            videoPixels.add(rgb(frame.getRGB(videoX, centreY)));
        }
        assertThat(imagePixels).anySatisfy(p -> assertThat(p[2]).isGreaterThan(200));
        assertThat(videoPixels).anySatisfy(p -> {
            assertThat(p[0]).isGreaterThan(200);
            assertThat(p[1]).isGreaterThan(200);
        });
    }

    @Test
    void somethingMovesFromFrameToFrame() throws IOException {
        RenderedClip clip = renderer.render(spec().audio(false).build(), dir);

        BufferedImage early = frame(clip.video(), Duration.ofMillis(500));
        BufferedImage later = frame(clip.video(), Duration.ofMillis(1500));

        assertThat(meanDifference(early, later, 0, 0, 320, 180)).isGreaterThan(1.0);
    }

    @Test
    void rendersA720pClip() throws IOException {
        long started = System.nanoTime();
        RenderedClip clip = renderer.render(
                spec().size(1280, 720).seconds(4).prompt("a 720p check").build(), dir);
        System.out.printf("720p 4 s clip rendered in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        MediaInfo info = ffmpeg.probe(clip.video());
        assertThat(info.video().orElseThrow().width()).isEqualTo(1280);
        assertThat(info.video().orElseThrow().height()).isEqualTo(720);
        assertThat(info.durationSeconds()).isCloseTo(4.0, within(1.0 / 24));
        assertThat(ffmpeg.countFrames(clip.video())).isEqualTo(97);
    }

    @Test
    void oddSizesAreRefusedBeforeFfmpegRuns() {
        assertThatThrownBy(() -> renderer.render(spec().size(321, 180).build(), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even")
                .hasMessageContaining("321x180");
    }

    @Test
    void aFailedRenderLeavesNoPartialFiles() throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("broken.png"), "not an image");

        assertThatThrownBy(() -> renderer.render(
                        spec().firstFrame(notAnImage)
                                .lastFrame(true)
                                .watermark(true)
                                .build(),
                        dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rendering cgt-20260101000000-test0 failed")
                .hasMessageContaining("broken.png");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("broken.png");
        }
    }

    @Test
    void timecodesCountSecondsAndFrames() {
        assertThat(FfmpegVideoRenderer.timecode(0)).isEqualTo("00:00:00:00");
        assertThat(FfmpegVideoRenderer.timecode(120)).isEqualTo("00:00:05:00");
        assertThat(FfmpegVideoRenderer.timecode(24 * 61 + 23)).isEqualTo("00:01:01:23");
    }

    @Test
    void chineseIsDrawnAsChineseOnAMachineWithOnlyAJdk() throws IOException {
        // Nothing configured and no system font looked at: the CJK font shipped with seedance4j-media draws it.
        RenderSpec spec = spec().size(496, 864).seconds(1).prompt("夜色中，她推开了门").build();
        RenderedClip chinese = new FfmpegVideoRenderer(ffmpeg, PromptTextTest.DEFAULT)
                .render(spec, Files.createDirectory(dir.resolve("chinese")));
        // what the emulator drew before it shipped the font: \u591C\u8272...
        RenderedClip escaped = new FfmpegVideoRenderer(ffmpeg, PromptTextTest.LATIN_ONLY)
                .render(spec, Files.createDirectory(dir.resolve("escaped")));

        BufferedImage drawn = frame(chinese.video(), Duration.ofMillis(500));
        BufferedImage escapes = frame(escaped.video(), Duration.ofMillis(500));
        Layout layout = new Layout(spec);
        int top = layout.promptTop(false);
        assertThat(meanDifference(drawn, escapes, 0, top, 496, layout.promptSize * 2))
                .as("the prompt's lines differ where they are drawn")
                .isGreaterThan(3.0);
        assertThat(meanDifference(drawn, escapes, 0, 864 - layout.margin, 496, layout.margin))
                .as("and nothing else does")
                .isLessThan(1.0);
    }

    @Test
    void theInfoLineFitsEveryFrameIncludingNineBySixteen() throws Exception {
        java.awt.Font mono = java.awt.Font.createFont(
                java.awt.Font.TRUETYPE_FONT, PromptTextTest.DEFAULT.latin().toFile());
        java.awt.font.FontRenderContext context = new java.awt.font.FontRenderContext(null, true, true);
        int[][] sizes = {{496, 864}, {720, 1280}, {1080, 1920}, {560, 752}, {640, 640}, {1470, 630}, {480, 864}};
        for (int[] size : sizes) {
            // the longest line there can be: the largest seed, 15 s
            RenderSpec spec = spec().size(size[0], size[1])
                    .seed(4_294_967_295L)
                    .seconds(15)
                    .build();
            Layout layout = new Layout(spec);
            double width = mono.deriveFont((float) layout.infoSize)
                    .getStringBounds(layout.info, context)
                    .getWidth();
            assertThat(layout.margin + width + 2 * Layout.INFO_BORDER)
                    .as("%s at %dx%d, font size %d", layout.info, size[0], size[1], layout.infoSize)
                    .isLessThanOrEqualTo(size[0]);
            assertThat(layout.infoSize).isGreaterThanOrEqualTo(8);
        }
    }

    // ---- helpers

    private static SpecBuilder spec() {
        return new SpecBuilder();
    }

    private Path solidImage(String name, String colour, int width, int height) {
        Path image = dir.resolve(name);
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=%s:s=%dx%d".formatted(colour, width, height),
                        "-frames:v",
                        "1",
                        image.toString()),
                TIMEOUT);
        return image;
    }

    private BufferedImage frame(Path video, Duration at) throws IOException {
        Path png = Files.createTempFile(dir, "frame", ".png");
        ffmpeg.extractFrame(video, at, png);
        return ImageIO.read(png.toFile());
    }

    private static String framemd5(Path video) {
        return ffmpeg.run(List.of("-i", video.toString(), "-map", "0", "-f", "framemd5", "-"), TIMEOUT)
                .stdout();
    }

    private static double meanVolume(Path media, String from, String to) {
        return volume(media, from, to, "mean_volume");
    }

    private static double maxVolume(Path media, String from, String to) {
        return volume(media, from, to, "max_volume");
    }

    private static double volume(Path media, String from, String to, String key) {
        List<String> lines = ffmpeg.run(
                        List.of(
                                "-i",
                                media.toString(),
                                "-map",
                                "0:a",
                                "-af",
                                "atrim=%s:%s,volumedetect".formatted(from, to),
                                "-f",
                                "null",
                                "-"),
                        TIMEOUT)
                .stderrLines();
        return lines.stream()
                .filter(l -> l.contains(key + ":"))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.indexOf(key + ":") + key.length() + 1)
                        .replace("dB", "")
                        .strip()))
                .orElseThrow(() -> new AssertionError("no " + key + " in " + lines));
    }

    private static int[] rgb(int pixel) {
        return new int[] {(pixel >> 16) & 0xff, (pixel >> 8) & 0xff, pixel & 0xff};
    }

    private static int[] averageRgb(BufferedImage image) {
        long[] sum = new long[3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int[] p = rgb(image.getRGB(x, y));
                for (int i = 0; i < 3; i++) sum[i] += p[i];
            }
        }
        long n = (long) image.getWidth() * image.getHeight();
        return new int[] {(int) (sum[0] / n), (int) (sum[1] / n), (int) (sum[2] / n)};
    }

    private static double meanDifference(BufferedImage a, BufferedImage b, int x0, int y0, int width, int height) {
        long total = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                int[] p = rgb(a.getRGB(x, y));
                int[] q = rgb(b.getRGB(x, y));
                for (int i = 0; i < 3; i++) total += Math.abs(p[i] - q[i]);
            }
        }
        return total / (3.0 * width * height);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }

    /** Test data: a 320×180, 2 s, audio-on spec unless told otherwise. */
    static final class SpecBuilder {
        private String taskId = "cgt-20260101000000-test0";
        private int width = 320;
        private int height = 180;
        private int seconds = 2;
        private String prompt = "a quiet street at dawn";
        private long seed = 42;
        private boolean audio = true;
        private boolean watermark;
        private boolean lastFrame;
        private Path firstFrameImage;
        private Path lastFrameImage;
        private final List<Path> images = new ArrayList<>();
        private final List<Path> videos = new ArrayList<>();
        private final List<Path> audios = new ArrayList<>();

        SpecBuilder taskId(String value) {
            taskId = value;
            return this;
        }

        SpecBuilder size(int w, int h) {
            width = w;
            height = h;
            return this;
        }

        SpecBuilder seconds(int value) {
            seconds = value;
            return this;
        }

        SpecBuilder prompt(String value) {
            prompt = value;
            return this;
        }

        SpecBuilder seed(long value) {
            seed = value;
            return this;
        }

        SpecBuilder audio(boolean value) {
            audio = value;
            return this;
        }

        SpecBuilder watermark(boolean value) {
            watermark = value;
            return this;
        }

        SpecBuilder lastFrame(boolean value) {
            lastFrame = value;
            return this;
        }

        SpecBuilder firstFrame(Path value) {
            firstFrameImage = value;
            return this;
        }

        SpecBuilder lastFrameImage(Path value) {
            lastFrameImage = value;
            return this;
        }

        SpecBuilder referenceImage(Path value) {
            images.add(value);
            return this;
        }

        SpecBuilder referenceVideo(Path value) {
            videos.add(value);
            return this;
        }

        SpecBuilder referenceAudio(Path value) {
            audios.add(value);
            return this;
        }

        RenderSpec build() {
            return new RenderSpec(
                    taskId,
                    width,
                    height,
                    seconds,
                    prompt,
                    seed,
                    audio,
                    watermark,
                    lastFrame,
                    firstFrameImage,
                    lastFrameImage,
                    images,
                    videos,
                    audios);
        }
    }
}
