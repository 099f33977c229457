package dev.seedance4j.studio.assembly;

import dev.seedance4j.emulator.RenderSpec;
import dev.seedance4j.emulator.VideoRenderer;
import dev.seedance4j.media.Ffmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real clips for the tests, small and short so that they stay fast: takes rendered by the emulator's own renderer
 * (what the studio assembles in practice), and clips that no take would be (another frame rate, stereo), made by
 * ffmpeg from its test sources.
 */
final class TestClips {

    private TestClips() {}

    /** A take as the emulator renders it: H.264 at 24 fps, {@code 24 × seconds + 1} frames, AAC mono when {@code sound}. */
    static Path take(Ffmpeg ffmpeg, Path folder, String name, int width, int height, int seconds, boolean sound) {
        try {
            Path dir = Files.createDirectories(folder.resolve(name));
            RenderSpec spec = new RenderSpec(
                    "cgt-20260101000000-" + name,
                    width,
                    height,
                    seconds,
                    "镜头 " + name + ": she turns to the door",
                    name.hashCode(),
                    sound,
                    false,
                    false,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    List.of());
            return VideoRenderer.withFfmpeg(ffmpeg).render(spec, dir).video();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param toneHz   frequency of the clip's sound, or 0 for a clip without an audio stream
     * @param channels 1 or 2
     */
    static Path make(
            Ffmpeg ffmpeg, Path file, int width, int height, int fps, double seconds, int toneHz, int channels) {
        String length = String.format(Locale.ROOT, "%.3f", seconds);
        List<String> args = new ArrayList<>(List.of(
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ":duration=" + length));
        if (toneHz > 0) {
            args.addAll(List.of(
                    "-f",
                    "lavfi",
                    "-i",
                    "sine=frequency=" + toneHz + ":beep_factor=3:sample_rate=44100:duration=" + length));
        }
        args.addAll(List.of("-map", "0:v"));
        if (toneHz > 0) args.addAll(List.of("-map", "1:a", "-c:a", "aac", "-ac", String.valueOf(channels)));
        args.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", file.toString()));
        ffmpeg.run(args, Duration.ofMinutes(1));
        return file;
    }

    /**
     * A 4 s clip that shows {@code before} for its first 1.5 s and {@code after} from then on, with one keyframe
     * (as a clip from the service often has): its first frame, and the keyframe before its middle, show
     * {@code before}; its middle shows {@code after}.
     */
    static Path changesColour(Ffmpeg ffmpeg, Path file, String before, String after) {
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=c=" + before + ":size=320x180:rate=24:duration=1.5",
                        "-f",
                        "lavfi",
                        "-i",
                        "color=c=" + after + ":size=320x180:rate=24:duration=2.5",
                        "-filter_complex",
                        "[0:v][1:v]concat=n=2:v=1:a=0",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-x264-params",
                        "keyint=1000:min-keyint=1000:scenecut=0",
                        "-pix_fmt",
                        "yuv420p",
                        file.toString()),
                Duration.ofMinutes(1));
        return file;
    }

    /** A 10-bit HEVC clip with sound, like the service's 4K output (at a test's size). */
    static Path hevc(Ffmpeg ffmpeg, Path file, double seconds) {
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x180:rate=24:duration=" + seconds,
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                        "-c:v",
                        "libx265",
                        "-preset",
                        "ultrafast",
                        "-x265-params",
                        "log-level=error",
                        "-pix_fmt",
                        "yuv420p10le",
                        "-c:a",
                        "aac",
                        file.toString()),
                Duration.ofMinutes(1));
        return file;
    }

    /** A 24 fps clip whose sound starts {@code delaySeconds} after its picture. */
    static Path lateSound(Ffmpeg ffmpeg, Path file, double seconds, double delaySeconds) {
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x180:rate=24:duration=" + seconds,
                        "-itsoffset",
                        String.valueOf(delaySeconds),
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=48000:duration=" + (seconds - delaySeconds),
                        "-map",
                        "0:v",
                        "-map",
                        "1:a",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        file.toString()),
                Duration.ofMinutes(1));
        return file;
    }

    /**
     * A 320×180, 24 fps clip whose mono 48 kHz sound is silent but for a short tone from {@code burstAt} seconds, and
     * lasts {@code soundSeconds}, longer or shorter than the picture. Clips made by this method share their codec
     * parameters, so that an episode of them is joined by stream copy.
     */
    static Path burst(Ffmpeg ffmpeg, Path file, double pictureSeconds, double soundSeconds, double burstAt) {
        String tone = String.format(
                Locale.ROOT,
                "aevalsrc='if(between(t,%.3f,%.3f),0.5*sin(2*PI*880*t),0)':s=48000:d=%.3f",
                burstAt,
                burstAt + 0.2,
                soundSeconds);
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x180:rate=24:duration=" + pictureSeconds,
                        "-f",
                        "lavfi",
                        "-i",
                        tone,
                        "-map",
                        "0:v",
                        "-map",
                        "1:a",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-ac",
                        "1",
                        file.toString()),
                Duration.ofMinutes(1));
        return file;
    }

    /** A music file: a slow chord, longer than nothing but shorter than the episodes, so that it must loop. */
    static Path music(Ffmpeg ffmpeg, Path file, double seconds) {
        ffmpeg.run(
                List.of(
                        "-y",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=220:sample_rate=44100:duration=" + seconds,
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=330:sample_rate=44100:duration=" + seconds,
                        "-filter_complex",
                        "[0:a][1:a]amerge=inputs=2[m]",
                        "-map",
                        "[m]",
                        "-c:a",
                        "pcm_s16le",
                        file.toString()),
                Duration.ofMinutes(1));
        return file;
    }
}
