package dev.seedance4j.export.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.export.EpisodeLabels;
import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.assembly.SoundMode;
import dev.seedance4j.studio.assembly.SubtitleCue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CutTest {

    @Test
    void ratesAreExactFractionsAndTimesWholeFrames() {
        assertThat(Rate.of(24.0)).isEqualTo(new Rate(24, 1));
        assertThat(Rate.of(24.0004)).isEqualTo(new Rate(24, 1));
        assertThat(Rate.of(23.976)).isEqualTo(new Rate(24000, 1001));
        assertThat(Rate.of(29.97)).isEqualTo(new Rate(30000, 1001));
        assertThat(Rate.of(12.5)).isEqualTo(new Rate(12500, 1000));

        Rate rate = new Rate(24, 1);
        assertThat(rate.rational(0)).isEqualTo("0s");
        assertThat(rate.rational(48)).isEqualTo("2s");
        assertThat(rate.rational(97)).isEqualTo("97/24s");
        assertThat(new Rate(24000, 1001).rational(1)).isEqualTo("1001/24000s");
        assertThat(List.of(rate.micros(0), rate.micros(1), rate.micros(2), rate.micros(3)))
                .containsExactly(0L, 41_667L, 83_333L, 125_000L);
        assertThat(rate.frameAt(2042)).isEqualTo(49);
        assertThat(rate.clock(97)).isEqualTo("00:00:04.042");
    }

    @Test
    void linesAreSnappedToFramesInsideTheirShotAtLeastOneFrameLongAndInOrder() {
        EpisodeResult episode = episode(
                List.of(placed("s01", 0, 48), placed("s02", 48, 24)),
                List.of(
                        new SubtitleCue("s01", "lin", "first", 0, 1010), // 24.24 frames -> 24
                        new SubtitleCue("s01", "lin", "tiny", 1010, 1012), // under a frame -> 1 frame after
                        new SubtitleCue("s01", "chen", "to the end", 1500, 2000), // 36 .. 48
                        new SubtitleCue("s02", "lin", "late", 2990, 3000))); // 71.76 -> inside s02: 71 .. 72
        Cut cut = Cut.of(episode, new EpisodeLabels("P", "E", Map.of("s01", "a prompt")));

        assertThat(cut.captions())
                .extracting(Cut.Caption::text, Cut.Caption::shot, Cut.Caption::start, Cut.Caption::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("first", 0, 0L, 24L),
                        org.assertj.core.groups.Tuple.tuple("tiny", 0, 24L, 25L),
                        org.assertj.core.groups.Tuple.tuple("to the end", 0, 36L, 48L),
                        org.assertj.core.groups.Tuple.tuple("late", 1, 71L, 72L));
        assertThat(cut.shots().get(0).note()).isEqualTo("a prompt");
        assertThat(cut.shots().get(1).note()).isEmpty();
        assertThat(cut.name()).isEqualTo("P ep01 E");
        assertThat(cut.frames()).isEqualTo(72);
        assertThat(cut.markerName(cut.shots().get(1))).isEqualTo("ep01/s02");
    }

    @Test
    void aTimelineWithAGapOrAnOverlapIsRefused() {
        assertThatThrownBy(() -> Cut.of(
                        episode(List.of(placed("s01", 0, 48), placed("s02", 50, 24)), List.of()), EpisodeLabels.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shot s02 starts at frame 50")
                .hasMessageContaining("no gaps, no overlaps");
        assertThatThrownBy(() -> Cut.of(
                        episode(List.of(placed("s01", 0, 48)), List.of(new SubtitleCue("s09", "", "lost", 0, 100))),
                        EpisodeLabels.none()))
                .hasMessageContaining("subtitle cue of shot s09");
    }

    static ShotPlacement placed(String shot, long start, long frames) {
        return new ShotPlacement(
                shot,
                "hash-" + shot,
                start / 24.0,
                frames / 24.0,
                "1",
                Path.of("/clips/" + shot + ".mp4"),
                start,
                frames,
                320,
                180,
                1);
    }

    static EpisodeResult episode(List<ShotPlacement> shots, List<SubtitleCue> cues) {
        long frames =
                new ArrayList<>(shots).stream().mapToLong(ShotPlacement::frames).sum();
        return new EpisodeResult(
                "ep01",
                true,
                AssemblyMode.STREAM_COPY,
                320,
                180,
                24.0,
                Path.of("/episodes/ep01.mp4"),
                Path.of("/episodes/ep01.srt"),
                Path.of("/episodes/ep01.cover.jpg"),
                Path.of("/episodes/ep01.contact.png"),
                frames / 24.0,
                SoundMode.COPIED,
                cues,
                null,
                shots,
                "stamp");
    }
}
