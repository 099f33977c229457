package dev.seedance4j.studio.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.media.CjkFont;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegSource;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import dev.seedance4j.studio.internal.Hashing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeAssemblerTest {

    private static final double ONE_FRAME = 1 / 24.0;
    private static final Ffmpeg FFMPEG = Ffmpeg.locate();
    /** Fast encodes and small sheets keep these tests at a few seconds. */
    private static final AssemblySettings FAST = AssemblySettings.builder()
            .encoder("ultrafast", 28, 128)
            .contactSheet(2, 160)
            .build();

    @TempDir
    static Path clips;

    private static Path s01;
    private static Path s02;
    private static Path s03;
    private static Path square;
    private static Path silentSquare;
    private static Path wide;
    private static Path beeps;

    @TempDir
    Path out;

    @BeforeAll
    static void makeClips() {
        // takes as the emulator renders them: 24 fps, 24 x seconds + 1 frames, AAC mono
        s01 = TestClips.take(FFMPEG, clips, "s01", 320, 180, 2, true);
        s02 = TestClips.take(FFMPEG, clips, "s02", 320, 180, 1, true);
        s03 = TestClips.take(FFMPEG, clips, "s03", 320, 180, 2, true);
        silentSquare = TestClips.take(FFMPEG, clips, "silent-square", 240, 240, 1, false);
        // clips no take would be: other frame rates, stereo, beeps that peak far above their loudness
        square = TestClips.make(FFMPEG, clips.resolve("square.mp4"), 240, 240, 30, 1.0, 330, 1);
        wide = TestClips.make(FFMPEG, clips.resolve("wide.mp4"), 480, 270, 25, 1.2, 440, 2);
        beeps = TestClips.make(FFMPEG, clips.resolve("beeps.mp4"), 320, 180, 24, 2.0, 550, 2);
    }

    private static EpisodeInput threeShots(String takeOfS02) {
        return EpisodeInput.builder("ep01", "16:9")
                .title("第一集 重生")
                .shot(ShotClip.builder("s01", s01, "take-s01")
                        .take("1")
                        .cost(1_000L, new BigDecimal("0.05"))
                        .line("lin", "这一次，我不会再输。")
                        .build())
                .shot(ShotClip.builder("s02", s02, takeOfS02)
                        .take("2")
                        .cost(800L, new BigDecimal("0.04"))
                        .build())
                .shot(ShotClip.builder("s03", s03, "take-s03")
                        .take("1")
                        .cost(null, null)
                        .line(DialogueLine.timed("chen", "You again?", 0.2, 0.9))
                        .line("lin", "Yes. Me again.")
                        .build())
                .build();
    }

    @Test
    void theContactSheetShowsTheFrameAtEachShotsMiddleNotItsFirstFrameOrKeyframe() throws IOException {
        Path redToBlue = TestClips.changesColour(FFMPEG, clips.resolve("red-blue.mp4"), "red", "blue");
        Path redToGreen = TestClips.changesColour(FFMPEG, clips.resolve("red-green.mp4"), "red", "green");
        EpisodeInput episode = EpisodeInput.builder("ep09", "16:9")
                .shot(ShotClip.builder("a", redToBlue, "take-a").build())
                .shot(ShotClip.builder("b", redToGreen, "take-b").build())
                .build();

        EpisodeResult result =
                EpisodeAssembler.create(FFMPEG, out.resolve("episodes")).assemble(episode, FAST, AssemblyListener.NONE);

        BufferedImage sheet = ImageIO.read(result.contactSheet().toFile());
        // cells of 160x90 from (8, 8) and (176, 8); the label sits at the bottom left, so look near the top
        assertThat(dominant(sheet.getRGB(8 + 80, 8 + 20)))
                .as("shot a at its middle")
                .isEqualTo("blue");
        assertThat(dominant(sheet.getRGB(176 + 80, 8 + 20)))
                .as("shot b at its middle")
                .isEqualTo("green");
    }

    private static String dominant(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r > g && r > b ? "red" : g > b ? "green" : "blue";
    }

    @Test
    void uniformClipsAreJoinedByStreamCopyWithSubtitlesEvenLoudnessCoverAndContactSheet() throws IOException {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        EpisodeAssembler assembler = EpisodeAssembler.create(FFMPEG, out.resolve("episodes"));

        EpisodeResult result = assembler.assemble(
                threeShots("take-s02"),
                FAST,
                (episode, step, fraction) -> heard.add(episode + " " + step + " " + fraction));

        assertThat(result.skipped()).isFalse();
        assertThat(result.mode()).isEqualTo(AssemblyMode.STREAM_COPY);
        assertThat(result.sound())
                .as("the takes miss the target, so their sound is encoded")
                .isEqualTo(SoundMode.ENCODED);
        assertThat(result.video()).isEqualTo(out.resolve("episodes/ep01.mp4").toAbsolutePath());
        MediaInfo info = FFMPEG.probe(result.video());
        assertThat(info.streams(MediaStream.Type.VIDEO)).hasSize(1);
        assertThat(info.streams(MediaStream.Type.AUDIO))
                .singleElement()
                .satisfies(a -> assertThat(a.codec()).isEqualTo("aac"))
                .satisfies(a -> assertThat(a.sampleRate()).isEqualTo(48_000))
                .satisfies(
                        a -> assertThat(a.channels()).as("the takes are mono").isEqualTo(1));
        assertThat(info.streams(MediaStream.Type.SUBTITLE))
                .singleElement()
                .satisfies(s -> assertThat(s.codec()).isEqualTo("mov_text"));
        assertThat(FFMPEG.countFrames(result.video())).isEqualTo(49 + 25 + 49);
        assertThat(info.durationSeconds()).isCloseTo(123 / 24.0, within(ONE_FRAME));
        assertThat(result.durationSeconds()).isCloseTo(123 / 24.0, within(1e-9));
        assertThat(result.shots()).extracting(ShotPlacement::startSeconds).containsExactly(0.0, 49 / 24.0, 74 / 24.0);

        assertThat(result.measuredLufs())
                .as("the takes were not at the target before")
                .isNotCloseTo(-16, within(1.0));
        assertThat(MediaChecks.integratedLufs(FFMPEG, result.video())).isCloseTo(-16, within(1.0));

        List<String[]> cues = parseSrt(result.subtitles());
        assertThat(cues).extracting(c -> c[2]).containsExactly("这一次，我不会再输。", "You again?", "Yes. Me again.");
        assertThat(cues.get(0)).containsExactly("00:00:00,000", "00:00:02,042", "这一次，我不会再输。");
        assertThat(cues.get(1)).containsExactly("00:00:03,283", "00:00:03,983", "You again?");
        assertThat(cues.get(2)).containsExactly("00:00:03,983", "00:00:05,125", "Yes. Me again.");
        assertThat(FFMPEG.probe(result.subtitles()).streams(MediaStream.Type.SUBTITLE))
                .hasSize(1);
        assertThat(result.subtitleCues()).isEqualTo(3);
        assertThat(result.cues())
                .extracting(SubtitleCue::shotId, SubtitleCue::who, SubtitleCue::startMillis, SubtitleCue::endMillis)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s01", "lin", 0L, 2042L),
                        org.assertj.core.groups.Tuple.tuple("s03", "chen", 3283L, 3983L),
                        org.assertj.core.groups.Tuple.tuple("s03", "lin", 3983L, 5125L));
        assertThat(result.shots())
                .extracting(ShotPlacement::take, ShotPlacement::clip, ShotPlacement::startFrame, ShotPlacement::frames)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", s01.toAbsolutePath(), 0L, 49L),
                        org.assertj.core.groups.Tuple.tuple("2", s02.toAbsolutePath(), 49L, 25L),
                        org.assertj.core.groups.Tuple.tuple("1", s03.toAbsolutePath(), 74L, 49L));
        assertThat(result.shots())
                .allSatisfy(s -> assertThat(new int[] {s.width(), s.height(), s.audioChannels()})
                        .containsExactly(320, 180, 1));
        assertThat(new double[] {result.width(), result.height(), result.fps(), result.frames()})
                .containsExactly(320, 180, 24, 123);
        assertThat(EpisodeAssembler.assembled(out.resolve("episodes"), "ep01"))
                .as("the record read back is the timeline an editor export rebuilds")
                .hasValue(result.asSkipped());
        assertThat(EpisodeAssembler.assembled(out.resolve("episodes"), "ep02")).isEmpty();

        BufferedImage cover = ImageIO.read(result.cover().toFile());
        assertThat(new int[] {cover.getWidth(), cover.getHeight()}).containsExactly(320, 180);
        BufferedImage sheet = ImageIO.read(result.contactSheet().toFile());
        // two 160x90 cells per row, two rows, 8 px around and between them
        assertThat(new int[] {sheet.getWidth(), sheet.getHeight()}).containsExactly(2 * 160 + 3 * 8, 2 * 90 + 3 * 8);

        assertThat(heard).contains("ep01 JOIN 1.0", "ep01 DONE 1.0");
        assertThat(heard.indexOf("ep01 JOIN 1.0")).isGreaterThan(heard.indexOf("ep01 MIX_SOUND 1.0"));
        try (var left = Files.list(out.resolve("episodes"))) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(
                            "ep01.assembly.json", "ep01.contact.png", "ep01.cover.jpg", "ep01.mp4", "ep01.srt");
        }
    }

    @Test
    void soundWithinTheToleranceIsCopiedFrameForFrameAndEachClipsSoundStaysAtItsPicture() {
        // sound shorter than its picture, longer than it, and as long
        Path a = TestClips.burst(FFMPEG, clips.resolve("burst-a.mp4"), 1.0, 0.8, 0.25);
        Path b = TestClips.burst(FFMPEG, clips.resolve("burst-b.mp4"), 1.5, 1.9, 0.4);
        Path c = TestClips.burst(FFMPEG, clips.resolve("burst-c.mp4"), 1.0, 1.0, 0.1);
        EpisodeInput episode = EpisodeInput.builder("ep10", "16:9")
                .shot(ShotClip.builder("a", a, "a").build())
                .shot(ShotClip.builder("b", b, "b").build())
                .shot(ShotClip.builder("c", c, "c").build())
                .build();
        double measured =
                FFMPEG.measureLoudness(b, java.time.Duration.ofMinutes(1)).integratedLufs();

        EpisodeResult result = EpisodeAssembler.create(FFMPEG, out)
                .assemble(
                        episode,
                        FAST.toBuilder()
                                .loudness(measured, -1)
                                .loudnessTolerance(1)
                                .build(),
                        AssemblyListener.NONE);

        assertThat(result.mode()).isEqualTo(AssemblyMode.STREAM_COPY);
        assertThat(result.sound()).isEqualTo(SoundMode.COPIED);
        assertThat(result.measuredLufs()).isCloseTo(measured, within(1.0));
        MediaInfo info = FFMPEG.probe(result.video());
        assertThat(info.audio().orElseThrow().codec()).isEqualTo("aac");
        assertThat(info.durationSeconds()).isCloseTo(3.5, within(ONE_FRAME));
        assertThat(FFMPEG.countFrames(result.video())).isEqualTo(24 + 36 + 24);
        assertThat(audioPacketChecksums(result.video()))
                .as("clip b's frames, copied unchanged and in order")
                .containsSubsequence(audioPacketChecksums(b).subList(0, 40));
        // where each clip's tone starts in the episode, against where it starts in the clip itself (the encoder
        // smears an onset alike in both): within half an AAC frame plus a sample or two
        double[] pictureStarts = {0, 1.0, 2.5};
        Path[] sources = {a, b, c};
        List<Double> heard = MediaChecks.soundStarts(FFMPEG, result.video());
        for (int i = 0; i < 3; i++) {
            double own = MediaChecks.soundStarts(FFMPEG, sources[i]).get(0);
            assertThat(heard.get(i)).as("tone of clip %d", i).isCloseTo(pictureStarts[i] + own, within(0.012));
        }
    }

    @Test
    void soundIsCopiedWithoutMeasuringWhenNormalisationIsOffAndEncodedWhenAClipsSoundIsNotAac() {
        Path mp3 = clips.resolve("s02-mp3.mp4");
        FFMPEG.run(
                List.of("-y", "-i", s02.toString(), "-map", "0", "-c:v", "copy", "-c:a", "libmp3lame", mp3.toString()),
                java.time.Duration.ofMinutes(1));
        AssemblySettings keepLevel = FAST.toBuilder().noLoudnessNormalisation().build();
        EpisodeAssembler assembler = EpisodeAssembler.create(FFMPEG, out);

        EpisodeResult copied = assembler.assemble(threeShots("take-s02"), keepLevel, AssemblyListener.NONE);
        EpisodeResult encoded = assembler.assemble(
                EpisodeInput.builder("ep11", "16:9")
                        .shot(ShotClip.builder("s01", s01, "a").build())
                        .shot(ShotClip.builder("s02", mp3, "b").build())
                        .build(),
                keepLevel,
                AssemblyListener.NONE);

        assertThat(copied.sound()).isEqualTo(SoundMode.COPIED);
        assertThat(copied.measuredLufs()).isNull();
        assertThat(FFMPEG.probe(copied.video()).durationSeconds()).isCloseTo(123 / 24.0, within(ONE_FRAME));
        assertThat(encoded.mode()).as("the pictures are the same H.264 stream").isEqualTo(AssemblyMode.STREAM_COPY);
        assertThat(encoded.sound()).isEqualTo(SoundMode.ENCODED);
        assertThat(FFMPEG.probe(encoded.video()).audio().orElseThrow().codec()).isEqualTo("aac");
        assertThat(FFMPEG.countFrames(encoded.video())).isEqualTo(49 + 25);
    }

    /** The Adler-32 of every packet of the first audio stream, as ffmpeg's framecrc lists them. */
    private static List<String> audioPacketChecksums(Path file) {
        String framecrc = FFMPEG.run(
                        List.of("-i", file.toString(), "-map", "0:a:0", "-c", "copy", "-f", "framecrc", "-"),
                        java.time.Duration.ofMinutes(1))
                .stdout();
        return framecrc.lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.split(",")[5].strip())
                .toList();
    }

    @Test
    void nothingChangedMeansSkippedAndANewTakeMeansAssembledAgain() throws IOException {
        EpisodeAssembler assembler = EpisodeAssembler.create(FFMPEG, out);
        Path leftover = Files.createDirectories(out.resolve(".assembling/ep01/run-killed"));
        EpisodeResult first = assembler.assemble(threeShots("take-s02"), FAST, AssemblyListener.NONE);
        assertThat(leftover).as("an interrupted run's leftovers are cleared").doesNotExist();
        FileTime written = Files.getLastModifiedTime(first.video());

        List<AssemblyStep> steps = new ArrayList<>();
        EpisodeResult again = assembler.assemble(threeShots("take-s02"), FAST, (e, step, f) -> steps.add(step));

        assertThat(again.skipped()).isTrue();
        assertThat(steps).containsExactly(AssemblyStep.SKIPPED);
        assertThat(Files.getLastModifiedTime(first.video())).isEqualTo(written);
        assertThat(again.durationSeconds()).isEqualTo(first.durationSeconds());
        assertThat(again.shots()).isEqualTo(first.shots());

        EpisodeResult regenerated = assembler.assemble(threeShots("take-s02-regenerated"), FAST, AssemblyListener.NONE);
        assertThat(regenerated.skipped()).isFalse();
        assertThat(out.resolve(".assembling")).as("the work folder is gone").doesNotExist();
        assertThat(regenerated.stamp()).isNotEqualTo(first.stamp());

        Files.delete(first.contactSheet());
        assertThat(assembler
                        .assemble(threeShots("take-s02-regenerated"), FAST, AssemblyListener.NONE)
                        .skipped())
                .as("a missing file forces a new assembly")
                .isFalse();
        assertThat(first.contactSheet()).isRegularFile();
    }

    @Test
    void clipsOfMixedSizesRatesAndSoundAreNormalisedAndStayInSync() throws IOException {
        EpisodeInput mixed = EpisodeInput.builder("ep02", "16:9")
                .shot(ShotClip.builder("silent", silentSquare, "h1").build())
                .shot(ShotClip.builder("wide", wide, "h2")
                        .line("lin", "Now you hear me.")
                        .build())
                .shot(ShotClip.builder("square", square, "h3").build())
                .shot(ShotClip.builder("small", s02, "h4").build())
                .build();

        EpisodeResult result = EpisodeAssembler.create(FFMPEG, out)
                .assemble(mixed, FAST.toBuilder().cover("square", null).build(), AssemblyListener.NONE);

        assertThat(result.mode()).isEqualTo(AssemblyMode.NORMALISED);
        BufferedImage cover = ImageIO.read(result.cover().toFile());
        assertThat(new int[] {cover.getWidth(), cover.getHeight()}).containsExactly(480, 270);
        assertThat(cover.getRGB(20, 135) & 0xffffff)
                .as("the square shot sits between black bars")
                .isLessThan(0x101010);
        MediaInfo info = FFMPEG.probe(result.video());
        MediaStream video = info.video().orElseThrow();
        assertThat(new int[] {video.width(), video.height()}).containsExactly(480, 270);
        assertThat(video.fps()).isEqualTo(24.0);
        assertThat(info.audio().orElseThrow().channels()).isEqualTo(2);
        assertThat(FFMPEG.countFrames(result.video())).isEqualTo(25 + 29 + 24 + 25);
        assertThat(info.durationSeconds()).isCloseTo(103 / 24.0, within(ONE_FRAME));
        assertThat(MediaChecks.firstSoundAt(FFMPEG, result.video()))
                .as("the silent first clip keeps the second clip's sound at its picture")
                .isCloseTo(25 / 24.0, within(ONE_FRAME));
        assertThat(MediaChecks.integratedLufs(FFMPEG, result.video())).isCloseTo(-16, within(1.0));
        assertThat(result.shots())
                .extracting(ShotPlacement::durationSeconds)
                .containsExactly(25 / 24.0, 29 / 24.0, 24 / 24.0, 25 / 24.0);
    }

    @Test
    void hevcTakesAreCopiedAndTaggedForPlatformPlayers() {
        Path first = TestClips.hevc(FFMPEG, clips.resolve("hevc-1.mp4"), 1.0);
        Path second = TestClips.hevc(FFMPEG, clips.resolve("hevc-2.mp4"), 1.0);
        EpisodeInput episode = EpisodeInput.builder("ep4k", "16:9")
                .shot(ShotClip.builder("s01", first, "a").build())
                .shot(ShotClip.builder("s02", second, "b").build())
                .build();

        EpisodeResult result = EpisodeAssembler.create(FFMPEG, out).assemble(episode, FAST, AssemblyListener.NONE);

        assertThat(result.mode()).isEqualTo(AssemblyMode.STREAM_COPY);
        assertThat(FFMPEG.probe(result.video()).video().orElseThrow().codec()).isEqualTo("hevc");
        assertThat(FFMPEG.countFrames(result.video())).isEqualTo(48);
        assertThat(FFMPEG.run(
                                List.of(
                                        "-i",
                                        result.video().toString(),
                                        "-map",
                                        "0:v",
                                        "-c",
                                        "copy",
                                        "-f",
                                        "null",
                                        "-"),
                                java.time.Duration.ofMinutes(1))
                        .stderrLines())
                .anyMatch(line -> line.contains("Video: hevc") && line.contains("hvc1"));
    }

    @Test
    void soundThatStartsLateInItsClipStaysWhereItWas() {
        Path late = TestClips.lateSound(FFMPEG, clips.resolve("late.mp4"), 2.0, 0.5);
        EpisodeInput episode = EpisodeInput.builder("ep08", "16:9")
                .shot(ShotClip.builder("s01", s01, "a").build())
                .shot(ShotClip.builder("late", late, "b").build())
                .build();

        EpisodeResult result = EpisodeAssembler.create(FFMPEG, out).assemble(episode, FAST, AssemblyListener.NONE);

        assertThat(result.mode()).as("the clips differ in codec parameters").isEqualTo(AssemblyMode.NORMALISED);
        assertThat(MediaChecks.silenceAfter(FFMPEG, result.video(), 49 / 24.0))
                .as("0.5 s of silence where the second clip's sound has not started")
                .isCloseTo(0.5, within(ONE_FRAME));
    }

    @Test
    void backgroundMusicIsLoopedUnderTheEpisodeAndTheMixMeetsACustomTarget() throws IOException {
        Path music = TestClips.music(FFMPEG, clips.resolve("bgm.wav"), 1.0);
        AssemblySettings settings = FAST.toBuilder()
                .loudness(-20, -2)
                .backgroundMusic(music, -6, -12)
                .build();
        EpisodeInput episode = EpisodeInput.builder("ep03", "16:9")
                .shot(ShotClip.builder("quiet", silentSquare, "q")
                        .line("lin", "Only music here.")
                        .build())
                .shot(ShotClip.builder("s03", s03, "t").build())
                .build();

        EpisodeResult result = EpisodeAssembler.create(FFMPEG, out).assemble(episode, settings, AssemblyListener.NONE);

        assertThat(result.hasAudio()).isTrue();
        assertThat(MediaChecks.firstSoundAt(FFMPEG, result.video()))
                .as("music plays from the start although the first clip is silent")
                .isLessThan(0.1);
        assertThat(MediaChecks.integratedLufs(FFMPEG, result.video())).isCloseTo(-20, within(1.0));
        assertThat(FFMPEG.probe(result.video()).durationSeconds()).isCloseTo(74 / 24.0, within(ONE_FRAME));
    }

    @Test
    void aLoudTargetThatAGainAloneWouldClipIsReachedByLoudnormWithinTheCeiling() {
        EpisodeInput episode = EpisodeInput.builder("ep07", "16:9")
                .shot(ShotClip.builder("b1", beeps, "a").build())
                .shot(ShotClip.builder("b2", beeps, "b").build())
                .build();

        EpisodeResult result = EpisodeAssembler.create(FFMPEG, out)
                .assemble(episode, FAST.toBuilder().loudness(-12, -1.5).build(), AssemblyListener.NONE);

        assertThat(result.measuredLufs())
                .as("the beeps peak 12 dB over the mix, so +9 dB of gain would clip")
                .isLessThan(-20);
        assertThat(MediaChecks.integratedLufs(FFMPEG, result.video())).isCloseTo(-12, within(1.0));
    }

    @Test
    void musicDipsByTheDuckDepthWhileALineIsOnScreen() {
        Path music = TestClips.music(FFMPEG, clips.resolve("bgm-duck.wav"), 1.0);
        AssemblySettings settings = FAST.toBuilder()
                .noLoudnessNormalisation()
                .backgroundMusic(music, -6, -12)
                .build();
        EpisodeInput episode = EpisodeInput.builder("ep05", "1:1")
                .shot(ShotClip.builder("a", silentSquare, "a").build())
                .shot(ShotClip.builder("b", silentSquare, "b")
                        .line(DialogueLine.timed("lin", "Quiet, please.", 0.2, 1.0))
                        .build())
                .build();

        EpisodeResult result = EpisodeAssembler.create(FFMPEG, out).assemble(episode, settings, AssemblyListener.NONE);

        // the line is on screen from 25/24 + 0.2 = 1.24 s to 2.04 s
        double open = MediaChecks.meanVolume(FFMPEG, result.video(), 0.1, 0.9);
        double ducked = MediaChecks.meanVolume(FFMPEG, result.video(), 1.35, 1.95);
        assertThat(open - ducked).isCloseTo(12, within(1.5));
        assertThat(result.measuredLufs())
                .as("not measured when normalisation is off")
                .isNull();
    }

    @Test
    void anEpisodeWithoutSoundOrDialogueHasOnlyAPictureAndAnEmptySrt() throws IOException {
        EpisodeInput episode = EpisodeInput.builder("ep06", "1:1")
                .shot(ShotClip.builder("a", silentSquare, "a").build())
                .build();

        EpisodeResult result = EpisodeAssembler.create(FFMPEG, out).assemble(episode, FAST, AssemblyListener.NONE);

        assertThat(result.hasAudio()).isFalse();
        MediaInfo info = FFMPEG.probe(result.video());
        assertThat(info.streams(MediaStream.Type.AUDIO)).isEmpty();
        assertThat(info.streams(MediaStream.Type.SUBTITLE)).isEmpty();
        assertThat(Files.size(result.subtitles())).isZero();
        assertThat(FFMPEG.countFrames(result.video())).isEqualTo(25);
    }

    @Test
    void burningInDrawsChineseWithTheShippedFontIntoAReencodedPicture() throws IOException {
        assertThatThrownBy(() -> AssemblySettings.builder().burnInSubtitles(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AssemblySettings(
                        true,
                        -16,
                        -1.5,
                        11,
                        0.5,
                        null,
                        -18,
                        -12,
                        true,
                        "und",
                        true,
                        null,
                        null,
                        null,
                        4,
                        320,
                        0,
                        0,
                        false,
                        "veryfast",
                        20,
                        192))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("burnInSubtitles needs subtitleFont");
        // no font given: the CJK font shipped with seedance4j-media (a JDK-only machine has no other)
        AssemblySettings burning = FAST.toBuilder().burnInSubtitles().build();
        assertThat(burning.subtitleFont()).isEqualTo(CjkFont.locate());
        EpisodeInput episode = EpisodeInput.builder("ep04", "16:9")
                .shot(ShotClip.builder("s01", s01, "a")
                        .line("lin", "夜色中，她推开了门：这一次，我不会再输。")
                        .build())
                .build();

        EpisodeResult plain =
                EpisodeAssembler.create(FFMPEG, out.resolve("plain")).assemble(episode, FAST, AssemblyListener.NONE);
        EpisodeResult burnt =
                EpisodeAssembler.create(FFMPEG, out.resolve("burnt")).assemble(episode, burning, AssemblyListener.NONE);

        assertThat(burnt.mode()).isEqualTo(AssemblyMode.NORMALISED);
        Path plainFrame = out.resolve("plain.png");
        Path burntFrame = out.resolve("burnt.png");
        FFMPEG.extractFrame(plain.video(), java.time.Duration.ofMillis(750), plainFrame);
        FFMPEG.extractFrame(burnt.video(), java.time.Duration.ofMillis(750), burntFrame);
        assertThat(changedPixels(plainFrame, burntFrame, 3, 4))
                .as("subtitle text in the lower quarter")
                .isGreaterThan(300);
        assertThat(changedPixels(plainFrame, burntFrame, 0, 1))
                .as("nothing drawn in the upper quarter")
                .isLessThan(20);
    }

    @Test
    void worksWithTheMavenShippedFfmpegInAFolderWhoseNameNeedsEscaping() {
        Ffmpeg bundled = Ffmpeg.bundled();
        assertThat(bundled.source()).isEqualTo(FfmpegSource.BUNDLED);
        Path folder = out.resolve("out, it's [第一季]; a:b").resolve("episodes");

        EpisodeResult result = EpisodeAssembler.create(bundled, folder)
                .assemble(
                        threeShots("take-s02"),
                        FAST.toBuilder().alwaysNormalise(true).build(),
                        AssemblyListener.NONE);

        assertThat(result.mode()).isEqualTo(AssemblyMode.NORMALISED);
        assertThat(bundled.probe(result.video()).streams(MediaStream.Type.SUBTITLE))
                .hasSize(1);
        assertThat(result.contactSheet()).isRegularFile();
    }

    @Test
    void seasonExportListsEveryEpisodeShotTakeCostAndFileChecksum() throws IOException {
        EpisodeAssembler assembler = EpisodeAssembler.create(FFMPEG, out);
        EpisodeInput ep02 = EpisodeInput.builder("ep02", "16:9")
                .shot(ShotClip.builder("s01", s02, "x")
                        .cost(500L, new BigDecimal("0.025"))
                        .build())
                .build();

        SeasonExport export =
                assembler.exportSeason("重生之逆袭", List.of(threeShots("take-s02"), ep02), FAST, AssemblyListener.NONE);

        assertThat(export.manifest()).isEqualTo(out.resolve("season.json").toAbsolutePath());
        JsonNode manifest = new ObjectMapper().readTree(export.manifest().toFile());
        assertThat(manifest.get("project").asText()).isEqualTo("重生之逆袭");
        assertThat(manifest.get("totals").get("episodes").asInt()).isEqualTo(2);
        assertThat(manifest.get("totals").get("shots").asInt()).isEqualTo(4);
        assertThat(manifest.get("totals").get("durationSeconds").asDouble()).isEqualTo(6.167);
        assertThat(manifest.get("totals").get("tokens").asLong()).isEqualTo(2_300);
        assertThat(manifest.get("totals").get("costCny").decimalValue()).isEqualByComparingTo("0.115");
        assertThat(manifest.get("totals").get("costComplete").asBoolean())
                .as("s03 of ep01 has no known cost")
                .isFalse();
        JsonNode ep01 = manifest.get("episodes").get(0);
        assertThat(ep01.get("shots").get(1).get("take").asText()).isEqualTo("2");
        assertThat(ep01.get("shots").get(1).get("startSeconds").asDouble()).isEqualTo(2.042);
        assertThat(ep01.get("shots").get(2).get("costCny").isNull()).isTrue();
        assertThat(ep01.get("shots").get(0).get("dialogue").get(0).get("who").asText())
                .isEqualTo("lin");
        assertThat(ep01.get("files")).hasSize(4);
        for (JsonNode file : ep01.get("files")) {
            Path path = out.resolve(file.get("path").asText());
            assertThat(file.get("sha256").asText()).isEqualTo(Hashing.sha256(path));
            assertThat(file.get("bytes").asLong()).isEqualTo(Files.size(path));
        }

        SeasonExport again =
                assembler.exportSeason("重生之逆袭", List.of(threeShots("take-s02"), ep02), FAST, AssemblyListener.NONE);
        assertThat(again.episodes()).allMatch(EpisodeResult::skipped);
    }

    @Test
    void badInputIsRefusedNamingEpisodeShotAndRuleAndNothingIsWritten() {
        EpisodeAssembler assembler = EpisodeAssembler.create(FFMPEG, out);
        EpisodeInput missing = EpisodeInput.builder("ep09", "9:16")
                .shot(ShotClip.builder("s05", clips.resolve("nope.mp4"), "h").build())
                .build();
        assertThatThrownBy(() -> assembler.assemble(missing, FAST, AssemblyListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("episode ep09 shot s05: clip")
                .hasMessageContaining("does not exist");

        Path soundOnly = TestClips.music(FFMPEG, clips.resolve("sound-only.wav"), 0.5);
        EpisodeInput noPicture = EpisodeInput.builder("ep09", "16:9")
                .shot(ShotClip.builder("s01", s01, "h").build())
                .shot(ShotClip.builder("s02", soundOnly, "h").build())
                .build();
        assertThatThrownBy(() -> assembler.assemble(noPicture, FAST, AssemblyListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shot s02: clip " + soundOnly + " has no video stream");

        EpisodeInput tooLong = EpisodeInput.builder("ep09", "16:9")
                .shot(ShotClip.builder("s02", s02, "h")
                        .line(DialogueLine.timed("lin", "late", 0.5, 3))
                        .build())
                .build();
        assertThatThrownBy(() -> assembler.assemble(tooLong, FAST, AssemblyListener.NONE))
                .hasMessageContaining("shot s02 dialogue line 1")
                .hasMessageContaining("the clip is only 1.042 s long");

        assertThatThrownBy(() -> assembler.assemble(
                        threeShots("x"), FAST.toBuilder().cover("s99", null).build(), AssemblyListener.NONE))
                .hasMessageContaining("coverShotId is 's99' but episode ep01 has no such shot");
        assertThatThrownBy(() -> EpisodeInput.builder("../ep", "9:16")
                        .shot(ShotClip.builder("a", s01, "h").build())
                        .build())
                .hasMessageContaining("episode id '../ep' must be ASCII letters");
        assertThatThrownBy(() -> EpisodeInput.builder("ep1", "portrait")
                        .shot(ShotClip.builder("a", s01, "h").build())
                        .build())
                .hasMessageContaining("ratio of episode ep1 is 'portrait'; must be W:H")
                .hasMessageEndingWith("or adaptive");
        assertThat(out.resolve("ep09.mp4")).doesNotExist();
    }

    /** SRT parsed strictly: sequential numbers, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, text, one blank line. */
    private static List<String[]> parseSrt(Path srt) throws IOException {
        String text = Files.readString(srt, StandardCharsets.UTF_8);
        Pattern block = Pattern.compile(
                "(\\d+)\\n(\\d\\d:\\d\\d:\\d\\d,\\d{3}) --> (\\d\\d:\\d\\d:\\d\\d,\\d{3})\\n((?:.+\\n)+)\\n");
        Matcher m = block.matcher(text);
        List<String[]> cues = new ArrayList<>();
        int end = 0;
        while (m.find() && m.start() == end) {
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(cues.size() + 1);
            assertThat(m.group(2)).isLessThan(m.group(3));
            if (!cues.isEmpty()) assertThat(m.group(2)).isGreaterThanOrEqualTo(cues.get(cues.size() - 1)[1]);
            cues.add(new String[] {m.group(2), m.group(3), m.group(4).strip()});
            end = m.end();
        }
        assertThat(end).as("the whole file is well-formed SRT").isEqualTo(text.length());
        return cues;
    }

    /** Pixels of quarter {@code fromQuarter..toQuarter} (top to bottom) that differ clearly between two frames. */
    private static int changedPixels(Path a, Path b, int fromQuarter, int toQuarter) throws IOException {
        BufferedImage one = ImageIO.read(a.toFile());
        BufferedImage two = ImageIO.read(b.toFile());
        int count = 0;
        for (int y = one.getHeight() * fromQuarter / 4; y < one.getHeight() * toQuarter / 4; y++) {
            for (int x = 0; x < one.getWidth(); x++) {
                int p = one.getRGB(x, y);
                int q = two.getRGB(x, y);
                int difference = Math.abs((p >> 16 & 0xff) - (q >> 16 & 0xff))
                        + Math.abs((p >> 8 & 0xff) - (q >> 8 & 0xff))
                        + Math.abs((p & 0xff) - (q & 0xff));
                if (difference > 150) count++;
            }
        }
        return count;
    }
}
