package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_LEAST;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.emulator.RenderSpec;
import dev.seedance4j.emulator.VideoRenderer;
import dev.seedance4j.studio.assembly.AssemblyListener;
import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.AssemblySettings;
import dev.seedance4j.studio.assembly.AssemblyStep;
import dev.seedance4j.studio.assembly.EpisodeAssembler;
import dev.seedance4j.studio.assembly.EpisodeInput;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotClip;
import dev.seedance4j.studio.assembly.SoundMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * P5: episode assembly speed as a multiple of real time (the episode's length over the wall time of
 * {@link EpisodeAssembler#assemble}), on clips the emulator's renderer made (864×496, 5 s, AAC mono at about
 * −18 LUFS, one dialogue line each): the stream-copy path, where picture and sound are copied; the same with the
 * default settings, where the sound misses the −16 LUFS target and is encoded once; the normalising path, where every
 * clip is re-encoded; and for reference ffmpeg's concat demuxer alone and ffmpeg's AAC encoder alone on the same sound.
 */
public final class AssemblySuite implements Suite {

    @Override
    public String id() {
        return "P5";
    }

    @Override
    public List<String> figureIds() {
        return List.of("P5a", "P5b", "P5c", "P5d", "P5e");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int count = context.size(4, 60);
        List<Path> clips = renderClips(context, count);
        EpisodeInput episode = episode(clips);

        // The clips measure about -18 LUFS; a 3 LU tolerance counts that as on target, as a tighter one would for clips
        // the service delivers at the target: the sound is measured, then copied.
        AssemblySettings copySettings =
                AssemblySettings.builder().loudnessTolerance(3).build();
        Timed copy = assemble(context, episode, copySettings, "copy");
        require(copy, AssemblyMode.STREAM_COPY, SoundMode.COPIED);
        Figure copyFigure = Figure.of(
                        "P5a",
                        "assembly-stream-copy",
                        copy.speed(),
                        "x-realtime",
                        count
                                + " emulator clips (864x496, 5 s, AAC) joined with picture and sound copied (loudness measured "
                                + "and within the tolerance, soft subtitles, cover, contact sheet): " + seconds(copy)
                                + " s for " + copy.result.durationSeconds()
                                + " s of episode (from each step's first progress "
                                + "report to the next's: " + copy.steps + "); baseline: real time")
                .withBaseline("real-time", 1);
        // The goal is set for an episode of 60 clips; the quick mode's 4 clips (20 s) are mostly fixed costs.
        context.emit(context.quick() ? copyFigure : copyFigure.withGoal(AT_LEAST, 100));

        Timed encoded = assemble(context, episode, AssemblySettings.defaults(), "encode-sound");
        require(encoded, AssemblyMode.STREAM_COPY, SoundMode.ENCODED);
        context.emit(Figure.of(
                        "P5b",
                        "assembly-stream-copy-sound-encoded",
                        encoded.speed(),
                        "x-realtime",
                        "the same clips with the default settings: they miss -16 LUFS by 2 LU, so the picture is copied and "
                                + "the sound encoded once at the gain that reaches the target: " + seconds(encoded)
                                + " s ("
                                + encoded.steps + "); baseline: real time")
                .withBaseline("real-time", 1));

        Path sound = copy.result.video();
        long encodeStart = System.nanoTime();
        context.ffmpeg()
                .run(
                        List.of(
                                "-i",
                                sound.toString(),
                                "-map",
                                "0:a:0",
                                "-c:a",
                                "aac",
                                "-b:a",
                                AssemblySettings.defaults().audioBitrateKbps() + "k",
                                "-f",
                                "null",
                                "-"),
                        Duration.ofMinutes(10));
        double encodeSeconds = (System.nanoTime() - encodeStart) / 1e9;
        context.emit(Figure.of(
                        "P5c",
                        "ffmpeg-aac-encode",
                        copy.result.durationSeconds() / encodeSeconds,
                        "x-realtime",
                        "what encoding the episode's sound alone costs on this machine: ffmpeg's AAC encoder at the default "
                                + AssemblySettings.defaults().audioBitrateKbps()
                                + " kb/s over the copied episode's sound, "
                                + String.format("%.2f", encodeSeconds) + " s; it bounds P5b")
                .withBaseline("real-time", 1));

        Timed normalised = assemble(
                context,
                episode,
                AssemblySettings.builder().alwaysNormalise(true).build(),
                "normalise");
        require(normalised, AssemblyMode.NORMALISED, SoundMode.ENCODED);
        context.emit(Figure.of(
                        "P5d",
                        "assembly-normalising",
                        normalised.speed(),
                        "x-realtime",
                        "the same clips, every one scaled, padded and re-encoded once (libx264 default preset of the assembler): "
                                + seconds(normalised) + " s for " + normalised.result.durationSeconds() + " s ("
                                + normalised.steps
                                + "); baseline: real time")
                .withBaseline("real-time", 1));

        Path joined = context.directory("p5-concat").resolve("ep01.mp4");
        long start = System.nanoTime();
        context.ffmpeg().concat(clips, joined, Duration.ofMinutes(10), null);
        double concatSeconds = (System.nanoTime() - start) / 1e9;
        double joinedSeconds = context.ffmpeg().probe(joined).durationSeconds();
        context.emit(Figure.of(
                        "P5e",
                        "ffmpeg-concat-copy",
                        joinedSeconds / concatSeconds,
                        "x-realtime",
                        "what ffmpeg alone does on this machine: the same clips through ffmpeg's concat demuxer with -c copy alone (no sound "
                                + "fitting, loudness, subtitles or pictures), " + String.format("%.2f", concatSeconds)
                                + " s")
                .withBaseline("real-time", 1));
    }

    private static void require(Timed run, AssemblyMode mode, SoundMode sound) {
        if (run.result.mode() != mode || run.result.sound() != sound) {
            throw new IllegalStateException("expected " + mode + " with sound " + sound + " but the assembler chose "
                    + run.result.mode() + " with sound " + run.result.sound());
        }
    }

    private static String seconds(Timed t) {
        return String.format("%.2f", t.seconds);
    }

    private static Timed assemble(
            BenchContext context, EpisodeInput episode, AssemblySettings settings, String folder) {
        // A fresh folder per run: an unchanged episode would otherwise be skipped, which is not what is measured.
        EpisodeAssembler assembler = EpisodeAssembler.create(context.ffmpeg(), context.directory("p5-" + folder));
        StepTimer steps = new StepTimer();
        long start = System.nanoTime();
        EpisodeResult result = assembler.assemble(episode, settings, steps);
        steps.onProgress(episode.episodeId(), AssemblyStep.DONE, 1);
        return new Timed(result, (System.nanoTime() - start) / 1e9, steps.summary());
    }

    record Timed(EpisodeResult result, double seconds, String steps) {
        double speed() {
            return result.durationSeconds() / seconds;
        }
    }

    /** Wall time of each assembly step, from the first progress report of one step to the first of the next. */
    static final class StepTimer implements AssemblyListener {
        private final Map<AssemblyStep, Long> firstSeen = new EnumMap<>(AssemblyStep.class);
        private final long start = System.nanoTime();

        @Override
        public void onProgress(String episodeId, AssemblyStep step, double fraction) {
            firstSeen.putIfAbsent(step, System.nanoTime());
        }

        String summary() {
            StringBuilder s = new StringBuilder();
            long previous = start;
            AssemblyStep previousStep = null;
            for (Map.Entry<AssemblyStep, Long> e : firstSeen.entrySet()) {
                if (previousStep != null) {
                    s.append(previousStep).append(String.format(" %.2f s, ", (e.getValue() - previous) / 1e9));
                }
                previous = e.getValue();
                previousStep = e.getKey();
            }
            return s.length() == 0 ? "" : s.substring(0, s.length() - 2);
        }
    }

    private static EpisodeInput episode(List<Path> clips) {
        EpisodeInput.Builder episode = EpisodeInput.builder("ep01", "16:9").title("bench");
        for (int i = 0; i < clips.size(); i++) {
            episode.shot(ShotClip.builder(String.format("s%02d", i + 1), clips.get(i), "take-" + i)
                    .line("lin", "第" + (i + 1) + "句台词，这一次我不会再输。")
                    .build());
        }
        return episode.build();
    }

    /** Renders the clips with the emulator's renderer, as many at once as there are cores. */
    static List<Path> renderClips(BenchContext context, int count) throws Exception {
        VideoRenderer renderer = VideoRenderer.withFfmpeg(context.ffmpeg());
        Path root = context.directory("p5-clips");
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<Path>> clips = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                clips.add(pool.submit(() -> {
                    Path dir = Files.createDirectories(root.resolve("clip" + n));
                    RenderSpec spec = new RenderSpec(
                            "cgt-bench-" + n,
                            864,
                            496,
                            5,
                            "镜头 " + (n + 1) + "：夜色中的城市",
                            1000 + n,
                            true,
                            false,
                            false,
                            null,
                            null,
                            List.of(),
                            List.of(),
                            List.of());
                    return renderer.render(spec, dir).video();
                }));
            }
            List<Path> paths = new ArrayList<>();
            for (Future<Path> f : clips) paths.add(f.get());
            return paths;
        } finally {
            pool.shutdownNow();
        }
    }
}
