package dev.seedance4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real encodes with the Maven-shipped ffmpeg, checked by probing the files. */
class FfmpegTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static Ffmpeg ffmpeg;

    @TempDir
    Path dir;

    @BeforeAll
    static void bundledFfmpeg() {
        ffmpeg = Ffmpeg.bundled();
    }

    @Test
    void theBundledBuildIsUsedEvenWhenForcedAndReportsItsVersion() {
        assertThat(ffmpeg.source()).isEqualTo(FfmpegSource.BUNDLED);
        assertThat(Files.isExecutable(ffmpeg.executable())).isTrue();
        assertThat(ffmpeg.version()).startsWith("ffmpeg version 4.4.1");
        assertThat(Ffmpeg.bundled().executable()).isEqualTo(ffmpeg.executable());
    }

    @Test
    void encodesAVideoWithAudioAndProbesIt() {
        Path clip = dir.resolve("with audio.mp4");
        encode(clip, 320, 180, 2, true);

        MediaInfo info = ffmpeg.probe(clip);

        assertThat(info.format()).contains("mp4");
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(1.0 / 24));
        assertThat(info.metadata()).containsEntry("comment", "task cgt-1");
        MediaStream video = info.video().orElseThrow();
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.pixelFormat()).isEqualTo("yuv420p");
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(180);
        assertThat(video.fps()).isEqualTo(24.0);
        MediaStream audio = info.audio().orElseThrow();
        assertThat(audio.codec()).isEqualTo("aac");
        assertThat(audio.sampleRate()).isEqualTo(48000);
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(info.streams()).hasSize(2);
        assertThat(ffmpeg.countFrames(clip)).isEqualTo(48);
    }

    @Test
    void aVideoWithoutAudioHasNoAudioStream() {
        Path clip = dir.resolve("silent.mp4");
        encode(clip, 160, 96, 1, false);

        MediaInfo info = ffmpeg.probe(clip);

        assertThat(info.audio()).isEmpty();
        assertThat(info.streams(MediaStream.Type.VIDEO)).hasSize(1);
        assertThat(info.video().orElseThrow().width()).isEqualTo(160);
    }

    @Test
    void progressReportsArriveAndTheLastOneSaysFinished() {
        List<FfmpegProgress> reports = new CopyOnWriteArrayList<>();
        ffmpeg.run(
                List.of("-f", "lavfi", "-i", "testsrc2=s=160x96:r=24:d=2", "-f", "null", "-"), TIMEOUT, reports::add);

        assertThat(reports).isNotEmpty();
        FfmpegProgress last = reports.get(reports.size() - 1);
        assertThat(last.finished()).isTrue();
        assertThat(last.frame()).isEqualTo(48);
        assertThat(last.outTime()).isEqualTo(Duration.ofMillis(2000));
        assertThat(last.speed()).isPositive();
        assertThat(reports.subList(0, reports.size() - 1)).noneMatch(FfmpegProgress::finished);
    }

    @Test
    void aFailureQuotesWhatFfmpegSaidAndItsExitCode() {
        assertThatThrownBy(() -> ffmpeg.run(List.of("-f", "lavfi", "-i", "nosuchsource", "-f", "null", "-"), TIMEOUT))
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("ffmpeg exited with code 1")
                .hasMessageContaining("No such filter: 'nosuchsource'")
                .hasMessageContaining("command: ffmpeg -f lavfi -i nosuchsource")
                .satisfies(e -> {
                    FfmpegException f = (FfmpegException) e;
                    assertThat(f.exitCode()).isEqualTo(1);
                    assertThat(f.lastLines()).anyMatch(l -> l.contains("No such filter"));
                });
    }

    @Test
    void aTimeoutKillsFfmpeg() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> ffmpeg.run(
                        List.of("-re", "-f", "lavfi", "-i", "testsrc2=s=64x64", "-f", "null", "-"),
                        Duration.ofMillis(700)))
                .isInstanceOf(FfmpegTimeoutException.class)
                .hasMessageContaining("ran longer than PT0.7S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void interruptingTheCallerKillsFfmpegAndKeepsTheInterruptFlag() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                ffmpeg.run(List.of("-re", "-f", "lavfi", "-i", "testsrc2=s=64x64", "-f", "null", "-"), TIMEOUT);
            } catch (FfmpegException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        Thread.sleep(500);
        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).hasMessageContaining("interrupted");
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void theSystemPropertyOverrideIsHonouredByLocate() {
        System.setProperty("seedance.ffmpeg", ffmpeg.executable().toString());
        try {
            Ffmpeg located = Ffmpeg.locate();
            assertThat(located.source()).isEqualTo(FfmpegSource.SYSTEM_PROPERTY);
            assertThat(located.executable()).isEqualTo(ffmpeg.executable());
        } finally {
            System.clearProperty("seedance.ffmpeg");
        }
    }

    @Test
    void extractsTheFirstAndTheLastFrameAsPng() throws IOException {
        Path clip = dir.resolve("red-then-blue.mp4");
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=red:s=96x64:r=24:d=1",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=blue:s=96x64:r=24:d=1",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=lime:s=96x64:r=24:d=0.0417", // one last frame of its own colour
                        "-filter_complex",
                        "[0][1][2]concat=n=3:v=1",
                        "-c:v",
                        "libx264",
                        "-pix_fmt",
                        "yuv420p",
                        clip.toString()),
                TIMEOUT);

        Path first = dir.resolve("first.png");
        Path last = dir.resolve("last.png");
        ffmpeg.extractFrame(clip, Duration.ofMillis(200), first);
        ffmpeg.extractLastFrame(clip, last);

        BufferedImage firstImage = ImageIO.read(first.toFile());
        BufferedImage lastImage = ImageIO.read(last.toFile());
        assertThat(firstImage.getWidth()).isEqualTo(96);
        assertThat(lastImage.getHeight()).isEqualTo(64);
        assertThat(red(firstImage.getRGB(48, 32))).isGreaterThan(200);
        // the very last frame, not merely one near the end
        assertThat(green(lastImage.getRGB(48, 32))).isGreaterThan(200);
        assertThat(blue(lastImage.getRGB(48, 32))).isLessThan(50);
        assertThat(red(lastImage.getRGB(48, 32))).isLessThan(50);
    }

    @Test
    void measuresLoudnessWithEbur128() {
        Path quiet = dir.resolve("quiet.wav");
        Path loud = dir.resolve("loud.wav");
        ffmpeg.run(
                List.of("-y", "-f", "lavfi", "-i", "aevalsrc=0.1*sin(2*PI*1000*t):s=48000:d=3", quiet.toString()),
                TIMEOUT);
        ffmpeg.run(
                List.of("-y", "-f", "lavfi", "-i", "aevalsrc=0.2*sin(2*PI*1000*t):s=48000:d=3", loud.toString()),
                TIMEOUT);

        Loudness q = ffmpeg.measureLoudness(quiet, TIMEOUT);
        Loudness l = ffmpeg.measureLoudness(loud, TIMEOUT);

        assertThat(q.truePeakDbtp()).isCloseTo(-20.0, within(0.5));
        assertThat(l.integratedLufs() - q.integratedLufs()).isCloseTo(6.0, within(0.3));
        assertThat(q.integratedLufs()).isBetween(-24.0, -17.0);
    }

    @Test
    void concatenatesClipsWithoutReencoding() {
        Path a = dir.resolve("a.mp4");
        Path b = dir.resolve("it's b.mp4");
        encode(a, 160, 96, 1, true);
        encode(b, 160, 96, 2, true);
        Path joined = dir.resolve("joined.mp4");
        List<FfmpegProgress> reports = new CopyOnWriteArrayList<>();

        ffmpeg.concat(List.of(a, b), joined, TIMEOUT, reports::add);

        MediaInfo info = ffmpeg.probe(joined);
        assertThat(info.durationSeconds()).isCloseTo(3.0, within(1.0 / 24));
        assertThat(info.audio()).isPresent();
        assertThat(ffmpeg.countFrames(joined)).isEqualTo(72);
        assertThat(reports).anyMatch(FfmpegProgress::finished);
    }

    @Test
    void probingNamesTheFileAndTheReasonWhenItCannotBeRead() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.mp4"), "this is not a video");
        assertThatThrownBy(() -> ffmpeg.probe(garbage))
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("garbage.mp4")
                .hasMessageContaining("Invalid data found when processing input");
        assertThatThrownBy(() -> ffmpeg.probe(dir.resolve("missing.mp4")))
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("no such file")
                .hasMessageContaining("missing.mp4");
    }

    @Test
    void probesAStillImageAndAStereoWav() {
        Path png = dir.resolve("still.png");
        Path wav = dir.resolve("tone.wav");
        ffmpeg.run(
                List.of("-y", "-f", "lavfi", "-i", "color=green:s=64x48", "-frames:v", "1", png.toString()), TIMEOUT);
        ffmpeg.run(
                List.of("-y", "-f", "lavfi", "-i", "sine=d=1:sample_rate=44100", "-ac", "2", wav.toString()), TIMEOUT);

        MediaInfo image = ffmpeg.probe(png);
        MediaInfo sound = ffmpeg.probe(wav);

        assertThat(image.format()).isEqualTo("png_pipe");
        assertThat(image.duration()).isEqualTo(Duration.ZERO);
        assertThat(image.video().orElseThrow().codec()).isEqualTo("png");
        assertThat(image.video().orElseThrow().width()).isEqualTo(64);
        assertThat(sound.format()).isEqualTo("wav");
        assertThat(sound.video()).isEmpty();
        assertThat(sound.audio().orElseThrow().channels()).isEqualTo(2);
        assertThat(sound.audio().orElseThrow().sampleRate()).isEqualTo(44100);
        assertThat(sound.durationSeconds()).isCloseTo(1.0, within(0.02));
    }

    private static void encode(Path output, int width, int height, int seconds, boolean audio) {
        List<String> args = new java.util.ArrayList<>(
                List.of("-y", "-f", "lavfi", "-i", "testsrc2=s=%dx%d:r=24:d=%d".formatted(width, height, seconds)));
        if (audio)
            args.addAll(List.of(
                    "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=" + seconds, "-c:a", "aac", "-ac", "1"));
        args.addAll(List.of(
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-metadata",
                "comment=task cgt-1",
                output.toString()));
        ffmpeg.run(args, TIMEOUT);
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xff;
    }

    private static int blue(int rgb) {
        return rgb & 0xff;
    }
}
