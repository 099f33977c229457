package dev.seedance4j.media;

import dev.seedance4j.media.internal.FfmpegLocator;
import dev.seedance4j.media.internal.ProbeParser;
import dev.seedance4j.media.internal.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ffmpeg executable and the operations seedance4j needs from it. Immutable and thread-safe; every call starts
 * its own process.
 *
 * <pre>{@code
 * Ffmpeg ffmpeg = Ffmpeg.locate();              // SEEDANCE_FFMPEG, then PATH, then the Maven-shipped build
 * MediaInfo info = ffmpeg.probe(Path.of("clip.mp4"));
 * ffmpeg.run(List.of("-y", "-i", "in.mp4", "-c:v", "libx264", "out.mp4"), Duration.ofMinutes(5),
 *         p -> System.out.println(p.outTime() + " " + p.speed() + "x"));
 * }</pre>
 *
 * <p>Where ffmpeg comes from, first match wins: the system property {@code seedance.ffmpeg}, the environment
 * variable {@code SEEDANCE_FFMPEG}, the first {@code ffmpeg} on {@code PATH}, and finally the static FFmpeg 4.4
 * build inside the Maven artifact {@code ws.schild:jave-nativebin-linux64} (linux/amd64 only; GPLv3, see NOTICE),
 * which is extracted once into the per-user cache directory ({@code ~/.cache/seedance4j}, or
 * {@code SEEDANCE_CACHE_DIR}). Exclude that artifact and set {@code SEEDANCE_FFMPEG} to use your own build.
 *
 * <p>Probing needs no ffprobe: it reads what {@code ffmpeg -i} prints.
 */
public final class Ffmpeg {

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final Duration SHORT_JOB = Duration.ofMinutes(2);

    private final Path executable;
    private final FfmpegSource source;

    private Ffmpeg(Path executable, FfmpegSource source) {
        this.executable = executable;
        this.source = source;
    }

    /**
     * Finds ffmpeg as described in the class documentation.
     *
     * @throws FfmpegException when {@code SEEDANCE_FFMPEG} (or {@code seedance.ffmpeg}) names no executable file,
     *                         or when nothing is found and no build ships for this platform
     */
    public static Ffmpeg locate() {
        return of(FfmpegLocator.forCurrentProcess().locate());
    }

    /** The Maven-shipped static build, even when another ffmpeg is installed (to test exactly what users get). */
    public static Ffmpeg bundled() {
        return of(FfmpegLocator.forCurrentProcess().bundled());
    }

    /** A specific executable. */
    public static Ffmpeg at(Path executable) {
        Objects.requireNonNull(executable, "executable");
        if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            throw new FfmpegException(executable + " is not an executable file");
        }
        return new Ffmpeg(executable, FfmpegSource.EXPLICIT);
    }

    private static Ffmpeg of(FfmpegLocator.Located located) {
        LOG.debug("using ffmpeg {} (from {})", located.executable(), located.source());
        return new Ffmpeg(located.executable(), located.source());
    }

    public Path executable() {
        return executable;
    }

    /** Where this executable was found. */
    public FfmpegSource source() {
        return source;
    }

    /** The first line of {@code ffmpeg -version}, e.g. {@code ffmpeg version 4.4.1-static ...}. */
    public String version() {
        FfmpegResult result = run(List.of("-version"), SHORT_JOB);
        return result.stdout().lines().findFirst().orElse("");
    }

    /** Runs ffmpeg without a progress listener; standard output is returned as text. */
    public FfmpegResult run(List<String> args, Duration timeout) {
        return run(args, timeout, null);
    }

    /**
     * Runs {@code ffmpeg -hide_banner -nostdin -nostats ARGS}. With a listener, {@code -progress pipe:1} is added in
     * front of the arguments and its reports reach the listener; the output must then not be written to standard
     * output.
     *
     * @param args     ffmpeg arguments (inputs, filters, outputs); include {@code -y} to overwrite outputs
     * @param timeout  the process tree is killed after this long
     * @param listener receives progress reports, or null
     * @throws FfmpegTimeoutException when the timeout passed
     * @throws FfmpegException        when ffmpeg exits with a non-zero code (the message quotes its last lines),
     *                                cannot be started, or the calling thread is interrupted (ffmpeg is killed)
     */
    public FfmpegResult run(List<String> args, Duration timeout, ProgressListener listener) {
        ProcessRunner.Outcome outcome = execute(args, timeout, listener);
        if (outcome.exitCode() != 0) throw failure(args, outcome);
        return new FfmpegResult(0, outcome.stdout(), outcome.stderrLines(), outcome.elapsed());
    }

    /**
     * Describes a media file: container, duration, streams with codec, size, frame rate, sample rate and channels,
     * and container tags such as {@code comment}.
     *
     * @throws FfmpegException when the file does not exist or ffmpeg cannot read it (quoting ffmpeg's reason)
     */
    public MediaInfo probe(Path file) {
        requireFile(file);
        ProcessRunner.Outcome outcome =
                execute(List.of("-i", file.toAbsolutePath().toString()), SHORT_JOB, null);
        return ProbeParser.parse(file, outcome.stderrLines())
                .orElseThrow(() -> new FfmpegException(
                        "ffmpeg cannot read " + file + ":" + quote(outcome.stderrLines()),
                        outcome.exitCode(),
                        tail(outcome.stderrLines()),
                        null));
    }

    /** Writes the video frame shown at {@code at} as a PNG at the video's own size. */
    public void extractFrame(Path video, Duration at, Path png) {
        requireFile(video);
        String seconds = "%.6f".formatted(at.toNanos() / 1e9);
        run(
                List.of(
                        "-y",
                        "-ss",
                        seconds,
                        "-i",
                        video.toAbsolutePath().toString(),
                        "-map",
                        "0:v:0",
                        "-frames:v",
                        "1",
                        "-update",
                        "1",
                        png.toAbsolutePath().toString()),
                SHORT_JOB);
        requireWritten(png, video);
    }

    /** Writes the very last decoded video frame as a PNG at the video's own size. */
    public void extractLastFrame(Path video, Path png) {
        requireFile(video);
        // Decode only the final second and encode only its last frame: reversed, it comes first. (Overwriting one
        // image with every decoded frame gives the same picture but encodes a PNG per frame: 25 times the CPU, which
        // on a machine shared with a renderer slowed whole runs.)
        run(
                List.of(
                        "-y",
                        "-sseof",
                        "-1",
                        "-i",
                        video.toAbsolutePath().toString(),
                        "-map",
                        "0:v:0",
                        "-vf",
                        "reverse",
                        "-frames:v",
                        "1",
                        "-update",
                        "1",
                        png.toAbsolutePath().toString()),
                SHORT_JOB);
        requireWritten(png, video);
    }

    /** Counts the frames of the first video stream exactly, by reading its packets without decoding. */
    public long countFrames(Path video) {
        requireFile(video);
        AtomicLong frames = new AtomicLong(-1);
        run(
                List.of("-i", video.toAbsolutePath().toString(), "-map", "0:v:0", "-c", "copy", "-f", "null", "-"),
                SHORT_JOB,
                p -> {
                    if (p.finished()) frames.set(p.frame());
                });
        return frames.get();
    }

    /**
     * Measures integrated loudness, true peak and loudness range of the first audio stream with ffmpeg's
     * {@code ebur128} filter (EBU R128 / ITU-R BS.1770, true peak by 4× oversampling).
     *
     * @throws FfmpegException when the file has no audio stream
     */
    public Loudness measureLoudness(Path file, Duration timeout) {
        requireFile(file);
        FfmpegResult result = run(
                List.of(
                        "-i",
                        file.toAbsolutePath().toString(),
                        "-map",
                        "0:a:0",
                        "-af",
                        Loudness.EBUR128_FILTER,
                        "-f",
                        "null",
                        "-"),
                timeout);
        return Loudness.fromEbur128Summary(result.stderrLines())
                .orElseThrow(() -> new FfmpegException(
                        "ffmpeg printed no loudness measurement for " + file + ":" + quote(result.stderrLines()),
                        0,
                        tail(result.stderrLines()),
                        null));
    }

    /**
     * Joins clips end to end without re-encoding (concat demuxer, stream copy). The clips must share codecs, size,
     * frame rate and audio layout; otherwise re-encode them first. The output is written with {@code +faststart}.
     */
    public void concat(List<Path> clips, Path output, Duration timeout, ProgressListener listener) {
        if (clips.isEmpty()) throw new IllegalArgumentException("concat needs at least one clip");
        clips.forEach(Ffmpeg::requireFile);
        Path list = null;
        try {
            list = Files.createTempFile("seedance4j-concat", ".txt");
            StringBuilder text = new StringBuilder("ffconcat version 1.0\n");
            for (Path clip : clips) {
                text.append("file '")
                        .append(clip.toAbsolutePath().toString().replace("'", "'\\''"))
                        .append("'\n");
            }
            Files.writeString(list, text, StandardCharsets.UTF_8);
            run(
                    List.of(
                            "-y",
                            "-f",
                            "concat",
                            "-safe",
                            "0",
                            "-i",
                            list.toString(),
                            "-map",
                            "0",
                            "-c",
                            "copy",
                            "-movflags",
                            "+faststart",
                            output.toAbsolutePath().toString()),
                    timeout,
                    listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the concat list for " + output, e);
        } finally {
            if (list != null) {
                try {
                    Files.deleteIfExists(list);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}: {}", list, e.toString());
                }
            }
        }
    }

    private ProcessRunner.Outcome execute(List<String> args, Duration timeout, ProgressListener listener) {
        Objects.requireNonNull(timeout, "timeout");
        List<String> command = new ArrayList<>(args.size() + 8);
        command.add(executable.toString());
        command.addAll(List.of("-hide_banner", "-nostdin", "-nostats"));
        if (listener != null) command.addAll(List.of("-progress", "pipe:1"));
        command.addAll(args);
        LOG.debug("running {}", command);
        ProcessRunner.Outcome outcome;
        try {
            outcome = ProcessRunner.run(command, timeout, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FfmpegException("interrupted while running ffmpeg; it was killed", e);
        } catch (UncheckedIOException e) {
            throw new FfmpegException("cannot start " + executable + " (from " + source + ")", e);
        }
        if (outcome.timedOut()) {
            throw new FfmpegTimeoutException(
                    "ffmpeg ran longer than " + timeout + " and was killed: " + String.join(" ", args)
                            + quote(outcome.stderrLines()),
                    timeout,
                    tail(outcome.stderrLines()));
        }
        return outcome;
    }

    private static FfmpegException failure(List<String> args, ProcessRunner.Outcome outcome) {
        return new FfmpegException(
                "ffmpeg exited with code " + outcome.exitCode() + quote(outcome.stderrLines()) + "\ncommand: ffmpeg "
                        + String.join(" ", args),
                outcome.exitCode(),
                tail(outcome.stderrLines()),
                null);
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 10), lines.size());
    }

    private static String quote(List<String> lines) {
        List<String> last = tail(lines);
        return last.isEmpty() ? " (no output)" : "\n  " + String.join("\n  ", last);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) throw new FfmpegException("no such file: " + file);
    }

    private static void requireWritten(Path png, Path video) {
        if (!Files.isRegularFile(png)) throw new FfmpegException("ffmpeg wrote no frame of " + video + " to " + png);
    }

    @Override
    public String toString() {
        return "ffmpeg " + executable + " (" + source + ")";
    }
}
