package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.media.CjkFont;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegProgress;
import dev.seedance4j.media.Loudness;
import dev.seedance4j.media.ProgressListener;
import dev.seedance4j.studio.assembly.AssemblyListener;
import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.AssemblySettings;
import dev.seedance4j.studio.assembly.AssemblyStep;
import dev.seedance4j.studio.assembly.EpisodeInput;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotClip;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.assembly.SoundMode;
import dev.seedance4j.studio.assembly.SubtitleCue;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One assembly of one episode: inspect, mix, measure, join, pictures, then move the files into place. */
public final class EpisodeJob {

    private static final Logger LOG = LoggerFactory.getLogger(EpisodeJob.class);
    /** Pixels between contact-sheet cells and around the sheet. */
    public static final int CONTACT_SHEET_GAP = 8;

    private final Ffmpeg ffmpeg;
    private final Path folder;
    private final EpisodeInput input;
    private final AssemblySettings settings;
    private final AssemblyListener listener;
    private final EpisodeFiles files;

    public EpisodeJob(
            Ffmpeg ffmpeg, Path folder, EpisodeInput input, AssemblySettings settings, AssemblyListener listener) {
        this.ffmpeg = ffmpeg;
        this.folder = folder;
        this.input = input;
        this.settings = settings;
        this.listener = listener;
        this.files = EpisodeFiles.in(folder, input.episodeId());
    }

    public EpisodeResult run() throws IOException {
        checkFiles();
        String stamp = ChangeStamp.of(input, settings);
        AssemblyRecord previous = AssemblyRecord.read(files.record()).orElse(null);
        if (previous != null && previous.stamp().equals(stamp) && files.allExist()) {
            LOG.info("episode {}: inputs unchanged since the last assembly, skipped", input.episodeId());
            listener.onProgress(input.episodeId(), AssemblyStep.SKIPPED, 1);
            return previous.toResult(input.episodeId(), files, true);
        }
        // Work happens in .assembling/<episode>/; whatever an interrupted earlier run of this episode left there goes.
        Path episodeWork = folder.resolve(".assembling").resolve(input.episodeId());
        deleteTree(episodeWork);
        Path work = Files.createTempDirectory(Files.createDirectories(episodeWork), "run-");
        try {
            EpisodeResult result = assemble(work, stamp);
            Files.deleteIfExists(files.record());
            EpisodeFiles made = files.within(work);
            for (int i = 0; i < made.media().size(); i++) {
                Files.move(
                        made.media().get(i),
                        files.media().get(i),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            AssemblyRecord.of(result, folder).write(files.record());
            listener.onProgress(input.episodeId(), AssemblyStep.DONE, 1);
            return result;
        } finally {
            deleteTree(episodeWork);
            deleteIfEmpty(episodeWork.getParent());
        }
    }

    private EpisodeResult assemble(Path work, String stamp) throws IOException {
        EpisodeFiles out = files.within(work);
        List<ClipFacts> clips = inspect();
        AspectRatio ratio = AspectRatio.ofEpisode(
                input.ratio(),
                "ratio of episode " + input.episodeId(),
                clips.get(0).width(),
                clips.get(0).height());
        JoinPlan plan = JoinPlanner.plan(clips, ratio, settings);
        LOG.info(
                "episode {}: {} ({}), {}x{}, {} s",
                input.episodeId(),
                plan.mode(),
                plan.reason(),
                plan.width(),
                plan.height(),
                String.format(Locale.ROOT, "%.3f", plan.totalSeconds()));
        List<Cue> cues = new ArrayList<>();
        List<SubtitleCue> subtitleCues = new ArrayList<>();
        List<ShotPlacement> placements = new ArrayList<>();
        long startFrame = 0;
        for (int i = 0; i < input.shots().size(); i++) {
            ShotClip shot = input.shots().get(i);
            long start = Math.round(plan.startSeconds(i) * 1000);
            long length = Math.round(plan.startSeconds(i + 1) * 1000) - start;
            List<Cue> shotCues = SubtitleTimer.cues(shot.shotId(), shot.dialogue(), start, length);
            for (int k = 0; k < shotCues.size(); k++) {
                Cue cue = shotCues.get(k);
                subtitleCues.add(new SubtitleCue(
                        shot.shotId(), shot.dialogue().get(k).who(), cue.text(), cue.startMillis(), cue.endMillis()));
            }
            cues.addAll(shotCues);
            ClipFacts clip = plan.clips().get(i);
            long frames = plan.frameCounts().get(i);
            placements.add(new ShotPlacement(
                    shot.shotId(),
                    shot.takeHash(),
                    plan.startSeconds(i),
                    plan.seconds(i),
                    shot.take(),
                    clip.file().toAbsolutePath().normalize(),
                    startFrame,
                    frames,
                    clip.width(),
                    clip.height(),
                    clip.audioChannels()));
            startFrame += frames;
        }
        Files.writeString(out.subtitles(), Srt.format(cues), StandardCharsets.UTF_8);

        // The cover and contact sheet only read the clips, so they are made on a second core while the sound is
        // made and the episode joined; a copied sound's episode is joined there too while its loudness is measured.
        // shutdownNow interrupts those threads, which kills their ffmpeg, on any failure.
        ExecutorService side = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "assembly-" + input.episodeId());
            thread.setDaemon(true);
            return thread;
        });
        Sound sound;
        try {
            Future<?> pictures = side.submit(() -> {
                pictures(plan, out, work);
                return null;
            });
            sound = sound(plan, cues, out, work, stamp, side);
            if (!sound.joined()) {
                join(
                        plan,
                        cues,
                        sound,
                        out,
                        out.video(),
                        work,
                        stamp,
                        progress(AssemblyStep.JOIN, plan.totalSeconds()));
            }
            listener.onProgress(input.episodeId(), AssemblyStep.PICTURES, 0);
            await(pictures, "the cover and contact sheet were made");
            listener.onProgress(input.episodeId(), AssemblyStep.PICTURES, 1);
        } finally {
            side.shutdownNow();
        }
        Double lufs = sound.measured() == null ? null : sound.measured().integratedLufs();
        return new EpisodeResult(
                input.episodeId(),
                false,
                plan.mode(),
                plan.width(),
                plan.height(),
                plan.fps(),
                files.video(),
                files.subtitles(),
                files.cover(),
                files.contactSheet(),
                plan.totalSeconds(),
                sound.mode(),
                subtitleCues,
                lufs == null || lufs.isInfinite() ? null : lufs,
                placements,
                stamp);
    }

    /**
     * How the episode's sound is made.
     *
     * @param mode         none, copied or encoded
     * @param copied       the copied AAC frames as ADTS, when copied
     * @param leadSeconds  how far before the episode's start the copied stream begins
     * @param measured     the loudness measured before normalising, or null
     * @param loudnessStep the filter that brings an encoded sound to the target, or null
     * @param joined       whether the episode was already joined with this sound
     */
    private record Sound(
            SoundMode mode, Path copied, double leadSeconds, Loudness measured, String loudnessStep, boolean joined) {}

    /**
     * Copies the clips' sound when it can be copied and already meets the loudness target; otherwise measures what is
     * needed to encode it once. The copied sound's measurement stands in for the encoded mix's: both are the same
     * clips' sound, placed within 11 ms of each other.
     */
    private Sound sound(JoinPlan plan, List<Cue> cues, EpisodeFiles out, Path work, String stamp, ExecutorService side)
            throws IOException {
        if (plan.audioChannels() == 0) return new Sound(SoundMode.NONE, null, 0, null, null, false);
        String whyNotCopied = SoundCopy.whyNot(plan, settings);
        Loudness measured = null;
        if (whyNotCopied == null) {
            listener.onProgress(input.episodeId(), AssemblyStep.MIX_SOUND, 0);
            Path copied = work.resolve("sound.aac");
            double lead = SoundCopy.write(plan, copied);
            listener.onProgress(input.episodeId(), AssemblyStep.MIX_SOUND, 1);
            if (!settings.normaliseLoudness()) return new Sound(SoundMode.COPIED, copied, lead, null, null, false);
            // Joining with the copied sound takes about as long as measuring it, so both run at once; the joined
            // file is kept only when the measurement lets the sound be copied.
            Sound copy = new Sound(SoundMode.COPIED, copied, lead, null, null, false);
            Path speculative = work.resolve("copied.mp4");
            Future<?> joining = side.submit(() -> {
                join(plan, cues, copy, out, speculative, work, stamp, null);
                return null;
            });
            listener.onProgress(input.episodeId(), AssemblyStep.MEASURE_LOUDNESS, 0);
            measured = ffmpeg.measureLoudness(copied, timeout(plan));
            listener.onProgress(input.episodeId(), AssemblyStep.MEASURE_LOUDNESS, 1);
            logLoudness("copied sound", measured);
            if (SecondLoudnessPass.alreadyMet(measured, settings)) {
                await(joining, "the episode was joined");
                Files.move(speculative, out.video(), StandardCopyOption.REPLACE_EXISTING);
                listener.onProgress(input.episodeId(), AssemblyStep.JOIN, 1);
                return new Sound(SoundMode.COPIED, copied, lead, measured, null, true);
            }
            joining.cancel(true);
            LOG.info(
                    "episode {}: the copied sound misses the loudness target by more than {} LU; it is encoded instead",
                    input.episodeId(),
                    settings.loudnessToleranceLu());
        } else {
            LOG.info("episode {}: sound encoded, not copied: {}", input.episodeId(), whyNotCopied);
            if (settings.normaliseLoudness()) {
                measured = measureMix(plan, cues);
                logLoudness("mix", measured);
            }
        }
        String step = measured == null ? null : SecondLoudnessPass.filter(measured, settings);
        if (measured != null && step == null)
            LOG.info("episode {}: the sound is silent, loudness left as it is", input.episodeId());
        return new Sound(SoundMode.ENCODED, null, 0, measured, step, false);
    }

    /** Makes the mix (each clip's sound fitted to its picture, joined, music mixed in) only to measure it. */
    private Loudness measureMix(JoinPlan plan, List<Cue> cues) {
        List<String> args = new ArrayList<>();
        for (ClipFacts clip : plan.clips())
            args.addAll(List.of("-i", clip.file().toAbsolutePath().toString()));
        addMusic(args);
        args.addAll(List.of(
                "-filter_complex",
                soundGraph(plan, cues, 0) + ";[mix]" + Loudness.EBUR128_FILTER + "[measured]",
                "-map",
                "[measured]",
                "-f",
                "null",
                "-"));
        List<String> lines = ffmpeg.run(args, timeout(plan), progress(AssemblyStep.MIX_SOUND, plan.totalSeconds()))
                .stderrLines();
        return Loudness.fromEbur128Summary(lines)
                .orElseThrow(
                        () -> new IllegalStateException("ffmpeg printed no loudness measurement of the mix of episode "
                                + input.episodeId() + ": " + lines));
    }

    private void logLoudness(String what, Loudness loudness) {
        LOG.info(
                "episode {}: {} measures {} LUFS, {} dBTP, LRA {} LU",
                input.episodeId(),
                what,
                loudness.integratedLufs(),
                loudness.truePeakDbtp(),
                loudness.rangeLu());
    }

    private void addMusic(List<String> args) {
        if (settings.backgroundMusic() != null) {
            args.addAll(List.of(
                    "-stream_loop",
                    "-1",
                    "-i",
                    settings.backgroundMusic().toAbsolutePath().toString()));
        }
    }

    /** The mix graph over clip inputs starting at {@code firstInput}, the music right after them; output {@code [mix]}. */
    private String soundGraph(JoinPlan plan, List<Cue> cues, int firstInput) {
        return FilterGraphs.sound(
                plan,
                firstInput,
                settings.backgroundMusic() != null,
                settings.musicVolumeDb(),
                settings.musicDuckDb(),
                cues);
    }

    private void checkFiles() {
        for (ShotClip shot : input.shots()) {
            if (!Files.isRegularFile(shot.clip())) {
                throw new IllegalArgumentException("episode " + input.episodeId() + " shot " + shot.shotId() + ": clip "
                        + shot.clip() + " does not exist or is not a file");
            }
        }
        requireFile(settings.backgroundMusic(), "backgroundMusic");
        requireFile(settings.subtitleFont(), "subtitleFont");
        if (settings.coverShotId() != null
                && input.shots().stream().noneMatch(s -> s.shotId().equals(settings.coverShotId()))) {
            throw new IllegalArgumentException("assembly setting coverShotId is '" + settings.coverShotId()
                    + "' but episode " + input.episodeId() + " has no such shot");
        }
    }

    private static void requireFile(Path file, String setting) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "assembly setting " + setting + " names " + file + ", which does not exist or is not a file");
        }
    }

    private List<ClipFacts> inspect() {
        listener.onProgress(input.episodeId(), AssemblyStep.INSPECT, 0);
        List<ClipFacts> facts = ClipInspector.inspect(
                ffmpeg,
                input.shots().stream().map(ShotClip::shotId).toList(),
                input.shots().stream().map(ShotClip::clip).toList(),
                Duration.ofMinutes(2).plusSeconds(input.shots().size()));
        listener.onProgress(input.episodeId(), AssemblyStep.INSPECT, 1);
        return facts;
    }

    private void join(
            JoinPlan plan,
            List<Cue> cues,
            Sound sound,
            EpisodeFiles out,
            Path target,
            Path work,
            String stamp,
            ProgressListener progress)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-y"));
        List<String> maps = new ArrayList<>();
        List<String> graphs = new ArrayList<>();
        int inputs;
        if (plan.mode() == AssemblyMode.STREAM_COPY) {
            args.addAll(List.of(
                    "-f", "concat", "-safe", "0", "-i", concatList(plan, work).toString()));
            maps.addAll(List.of("-map", "0:v:0"));
            inputs = 1;
        } else {
            // One decoding thread per clip: every clip's decoder starts before the graph runs, and sixty decoders
            // with a frame thread per core each would hold gigabytes of 1080p frames.
            for (ClipFacts clip : plan.clips()) {
                args.addAll(List.of(
                        "-threads", "1", "-i", clip.file().toAbsolutePath().toString()));
            }
            graphs.add(FilterGraphs.normalisedPicture(plan, burnIn(plan, cues, work)));
            maps.addAll(List.of("-map", "[v]"));
            inputs = plan.clips().size();
        }
        if (sound.mode() == SoundMode.COPIED) {
            // Starting the stream before zero makes the muxer write an edit list that skips the first clip's priming.
            args.addAll(List.of(
                    "-itsoffset",
                    seconds6(-sound.leadSeconds()),
                    "-i",
                    sound.copied().toString()));
            maps.addAll(List.of("-map", inputs + ":a:0"));
            inputs++;
        } else if (sound.mode() == SoundMode.ENCODED) {
            int firstClip = 0;
            if (plan.mode() == AssemblyMode.STREAM_COPY) {
                firstClip = inputs;
                for (ClipFacts clip : plan.clips())
                    args.addAll(List.of("-i", clip.file().toAbsolutePath().toString()));
                inputs += plan.clips().size();
            }
            addMusic(args);
            if (settings.backgroundMusic() != null) inputs++;
            String graph = soundGraph(plan, cues, firstClip);
            if (sound.loudnessStep() == null) {
                graphs.add(graph);
                maps.addAll(List.of("-map", "[mix]"));
            } else {
                graphs.add(graph + ";[mix]" + sound.loudnessStep() + "[sound]");
                maps.addAll(List.of("-map", "[sound]"));
            }
        }
        boolean subtitleTrack = settings.softSubtitles() && !cues.isEmpty();
        if (subtitleTrack) {
            args.addAll(List.of("-i", out.subtitles().toString()));
            maps.addAll(List.of("-map", inputs + ":s:0"));
        }
        if (!graphs.isEmpty()) args.addAll(List.of("-filter_complex", String.join(";", graphs)));
        args.addAll(maps);
        if (plan.mode() == AssemblyMode.STREAM_COPY) {
            args.addAll(List.of("-c:v", "copy"));
            // HEVC (the service's 4K output) tagged hvc1, the form Apple's players and most platforms accept.
            if ("hevc".equals(plan.clips().get(0).codec())) args.addAll(List.of("-tag:v", "hvc1"));
        } else {
            args.addAll(List.of(
                    "-c:v",
                    "libx264",
                    "-preset",
                    settings.x264Preset(),
                    "-crf",
                    String.valueOf(settings.x264Crf()),
                    "-pix_fmt",
                    "yuv420p"));
        }
        if (sound.mode() == SoundMode.COPIED) {
            args.addAll(List.of("-c:a", "copy"));
        } else if (sound.mode() == SoundMode.ENCODED) {
            args.addAll(List.of(
                    "-c:a",
                    "aac",
                    "-b:a",
                    settings.audioBitrateKbps() + "k",
                    "-ar",
                    String.valueOf(FilterGraphs.SAMPLE_RATE),
                    "-ac",
                    String.valueOf(plan.audioChannels())));
        }
        if (subtitleTrack) {
            args.addAll(List.of("-c:s", "mov_text", "-metadata:s:s:0", "language=" + settings.subtitleLanguage()));
        }
        args.addAll(List.of(
                "-metadata",
                "title=" + (input.title().isEmpty() ? input.episodeId() : input.title()),
                "-metadata",
                "comment=seedance4j assembly " + stamp,
                "-movflags",
                "+faststart",
                target.toString()));
        ffmpeg.run(args, timeout(plan), progress);
    }

    /** The concat demuxer's list, with each clip's exact picture length so that no clip's sound shifts the next one. */
    private Path concatList(JoinPlan plan, Path work) throws IOException {
        StringBuilder text = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < plan.clips().size(); i++) {
            text.append("file '")
                    .append(plan.clips()
                            .get(i)
                            .file()
                            .toAbsolutePath()
                            .toString()
                            .replace("'", "'\\''"))
                    .append("'\nduration ")
                    .append(String.format(Locale.ROOT, "%.6f", plan.seconds(i)))
                    .append('\n');
        }
        Path list = work.resolve("clips.ffconcat");
        Files.writeString(list, text, StandardCharsets.UTF_8);
        return list;
    }

    private FilterGraphs.BurnIn burnIn(JoinPlan plan, List<Cue> cues, Path work) throws IOException {
        if (!settings.burnInSubtitles() || cues.isEmpty()) return null;
        int fontSize = Math.max(14, Math.min(plan.width(), plan.height()) / 16);
        int lineUnits = (int) (plan.width() * 0.9 / (fontSize * 0.5));
        List<Path> texts = new ArrayList<>();
        for (int k = 0; k < cues.size(); k++) {
            Path text = work.resolve("cue-" + k + ".txt");
            Files.writeString(text, TextWrap.wrap(cues.get(k).text(), lineUnits), StandardCharsets.UTF_8);
            texts.add(text);
        }
        return new FilterGraphs.BurnIn(cues, texts, settings.subtitleFont().toAbsolutePath(), fontSize);
    }

    /** Waits for work on the side threads, passing its failure on as it was thrown. */
    private static void await(Future<?> work, String what) throws IOException {
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void pictures(JoinPlan plan, EpisodeFiles out, Path work) throws IOException {
        int coverIndex = 0;
        for (int i = 0; i < input.shots().size(); i++) {
            if (input.shots().get(i).shotId().equals(settings.coverShotId())) coverIndex = i;
        }
        double coverAt = settings.coverAtSeconds() == null
                ? plan.seconds(coverIndex) / 2
                : Math.min(settings.coverAtSeconds(), plan.seconds(coverIndex) - 1 / plan.fps());
        ffmpeg.run(
                List.of(
                        "-y",
                        "-ss",
                        seconds(Math.max(0, coverAt)),
                        "-i",
                        plan.clips().get(coverIndex).file().toAbsolutePath().toString(),
                        "-map",
                        "0:v:0",
                        "-vf",
                        FilterGraphs.fit(plan.width(), plan.height()),
                        "-frames:v",
                        "1",
                        "-q:v",
                        "2",
                        out.cover().toString()),
                timeout(plan));
        contactSheet(plan, out.contactSheet(), work);
    }

    private void contactSheet(JoinPlan plan, Path sheet, Path work) throws IOException {
        int count = plan.clips().size();
        int columns = Math.min(settings.contactSheetColumns(), count);
        int rows = (count + columns - 1) / columns;
        int cellWidth = settings.thumbnailWidth();
        int cellHeight = Math.max(2, (int) Math.round(cellWidth * (double) plan.height() / plan.width() / 2) * 2);
        List<String> args = new ArrayList<>(List.of("-y"));
        List<Path> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // The frame at the shot's middle, exactly: a seek before the input lands on the keyframe before it and
            // decodes from there (a clip from the service often has one keyframe, so its first frame is no
            // stand-in for its middle). One thread per clip: the clips decode side by side.
            args.addAll(List.of(
                    "-threads",
                    "1",
                    "-ss",
                    seconds(plan.seconds(i) / 2),
                    "-i",
                    plan.clips().get(i).file().toAbsolutePath().toString()));
            Path label = work.resolve("label-" + i + ".txt");
            Files.writeString(label, input.shots().get(i).shotId(), StandardCharsets.UTF_8);
            labels.add(label);
        }
        args.addAll(List.of(
                "-filter_complex",
                FilterGraphs.contactSheet(
                        count,
                        columns,
                        rows,
                        cellWidth,
                        cellHeight,
                        settings.subtitleFont() != null
                                ? settings.subtitleFont().toAbsolutePath()
                                : CjkFont.locate(),
                        labels,
                        CONTACT_SHEET_GAP),
                "-frames:v",
                "1",
                sheet.toString()));
        ffmpeg.run(args, timeout(plan));
    }

    private ProgressListener progress(AssemblyStep step, double totalSeconds) {
        return (FfmpegProgress p) -> listener.onProgress(
                input.episodeId(),
                step,
                p.finished() ? 1 : Math.min(1, p.outTime().toMillis() / 1000.0 / totalSeconds));
    }

    /** Generous: ten times the episode's length plus two minutes, so only a hung ffmpeg reaches it. */
    private static Duration timeout(JoinPlan plan) {
        return Duration.ofMinutes(2).plusMillis(Math.round(plan.totalSeconds() * 10_000));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String seconds6(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // another episode is being assembled next to this one
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
