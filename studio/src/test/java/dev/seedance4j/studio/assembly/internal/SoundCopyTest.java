package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.media.AacConfig;
import dev.seedance4j.media.Mp4Samples;
import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.AssemblySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoundCopyTest {

    private static final AacConfig MONO_48K = new AacConfig(2, 3, 48_000, 1);

    private static ClipSound sound(int frames, long priming, long delay) {
        long[] offsets = new long[frames];
        int[] sizes = new int[frames];
        long[] durations = new long[frames];
        Arrays.fill(sizes, 100);
        Arrays.fill(durations, 1024);
        return new ClipSound(MONO_48K, new Mp4Samples(offsets, sizes, durations), priming, delay);
    }

    private static ClipFacts clip(String id, long pictureFrames, ClipSound sound) {
        return new ClipFacts(
                id,
                Path.of(id + ".mp4"),
                "h264",
                "44,0x1 sar 1/1",
                320,
                180,
                24,
                pictureFrames,
                sound == null ? 0 : 1,
                sound);
    }

    private static JoinPlan plan(List<ClipFacts> clips) {
        return new JoinPlan(
                AssemblyMode.STREAM_COPY,
                "test",
                320,
                180,
                clips,
                clips.stream().map(ClipFacts::frames).toList(),
                24,
                1);
    }

    @Test
    void eachClipOwnsTheSlotsUpToTheNextClipsPrimingAndIsCutOrFilledWithSilence() {
        JoinPlan plan = plan(List.of(
                clip("a", 24, sound(40, 1024, 0)),
                clip("b", 36, sound(90, 1024, 0)),
                clip("c", 24, sound(48, 1024, 0))));

        SoundCopy.Layout layout = SoundCopy.layout(plan);

        // b's sound starts at 48000 samples: its priming frame takes slot 46 (46 * 1024 - 1024 = 46080 .. 47104) and
        // its first real frame slot 47, which starts 128 samples after its picture
        assertThat(layout.leadSamples()).isEqualTo(1024);
        assertThat(layout.spans())
                .containsExactly(
                        new SoundCopy.Span(0, 40),
                        new SoundCopy.Span(SoundCopy.Span.SILENCE, 7),
                        new SoundCopy.Span(1, 70),
                        new SoundCopy.Span(2, 48));
        assertThat(layout.slots() * 1024L - layout.leadSamples())
                .as("the sound ends within half a frame of the picture")
                .isCloseTo(168_000L, org.assertj.core.data.Offset.offset(512L));
    }

    @Test
    void everyClipsSoundStartsWithinHalfAFrameOfItsPictureWhateverTheLengthsPrimingsAndDelays() {
        Random random = new Random(20261125);
        for (int round = 0; round < 500; round++) {
            int count = 1 + random.nextInt(8);
            List<ClipFacts> clips = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long pictureFrames = 2 + random.nextInt(300);
                boolean silent = i < count - 1 && random.nextInt(6) == 0;
                long priming = random.nextBoolean() ? 1024 : 2112;
                long delay = random.nextInt(4) == 0 ? random.nextInt(24_000) : 0;
                int frames = 1 + random.nextInt((int) (pictureFrames * 2000 / 1024 + 40));
                clips.add(clip("c" + i, pictureFrames, silent ? null : sound(frames, priming, delay)));
            }
            JoinPlan plan = plan(clips);

            SoundCopy.Layout layout = SoundCopy.layout(plan);

            long slot = 0;
            int clipIndex = -1;
            for (SoundCopy.Span span : layout.spans()) {
                assertThat(span.frames()).isPositive();
                if (span.clip() != SoundCopy.Span.SILENCE) {
                    assertThat(span.clip())
                            .as("clips in order, each at most once")
                            .isGreaterThan(clipIndex);
                    clipIndex = span.clip();
                    ClipSound sound = clips.get(span.clip()).sound();
                    assertThat(span.frames()).isLessThanOrEqualTo(sound.frames().count());
                    long pictureStart = Math.round(plan.startSeconds(span.clip()) * 48_000);
                    long soundStart = slot * 1024 - layout.leadSamples() + sound.primingSamples();
                    assertThat(soundStart)
                            .as("round %d clip %d", round, span.clip())
                            .isBetween(
                                    pictureStart + sound.delaySamples() - 512,
                                    pictureStart + sound.delaySamples() + 512);
                }
                slot += span.frames();
            }
            long end = Math.round(plan.totalSeconds() * 48_000);
            assertThat(slot * 1024 - layout.leadSamples())
                    .as("round %d ends with its picture", round)
                    .isBetween(end - 512, end + 512);
        }
    }

    @Test
    void copyingNeedsCopiedPicturesNoMusicAndOneAacLayout() {
        AssemblySettings defaults = AssemblySettings.defaults();
        ClipFacts stereo = new ClipFacts(
                "st",
                Path.of("st.mp4"),
                "h264",
                "p",
                320,
                180,
                24,
                24,
                2,
                new ClipSound(
                        new AacConfig(2, 3, 48_000, 2), new Mp4Samples(new long[0], new int[0], new long[0]), 1024, 0));
        ClipFacts mp3 = new ClipFacts("m", Path.of("m.mp4"), "h264", "p", 320, 180, 24, 24, 2);

        assertThat(SoundCopy.whyNot(plan(List.of(clip("a", 24, sound(30, 1024, 0)), clip("b", 24, null))), defaults))
                .isNull();
        assertThat(SoundCopy.whyNot(plan(List.of(clip("a", 24, sound(30, 1024, 0)), stereo)), defaults))
                .isEqualTo("shots a..st differ in sample rate or channels");
        assertThat(SoundCopy.whyNot(plan(List.of(clip("a", 24, sound(30, 1024, 0)), mp3)), defaults))
                .isEqualTo("the sound of shot m is not AAC in an MP4");
        assertThat(SoundCopy.whyNot(plan(List.of(clip("a", 24, null))), defaults))
                .isEqualTo("no clip has sound");
        assertThat(SoundCopy.whyNot(
                        plan(List.of(clip("a", 24, sound(30, 1024, 0)))),
                        defaults.toBuilder().backgroundMusic(Path.of("bgm.wav")).build()))
                .isEqualTo("music is mixed in");
    }
}
