package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.studio.assembly.DialogueLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtitleTimerTest {

    @Test
    void untimedLinesShareTheShotByTextLength() {
        List<Cue> cues = SubtitleTimer.cues(
                "s01", List.of(DialogueLine.of("lin", "一二三"), DialogueLine.of("lin", "一二三四五六")), 10_000, 3_000);

        assertThat(cues).containsExactly(new Cue(10_000, 11_000, "一二三"), new Cue(11_000, 13_000, "一二三四五六"));
    }

    @Test
    void timedLinesKeepTheirTimesAndUntimedOnesFillTheGapsAroundThem() {
        List<Cue> cues = SubtitleTimer.cues(
                "s02",
                List.of(
                        DialogueLine.of("a", "ab"),
                        DialogueLine.timed("b", "fixed", 1.0, 1.5),
                        DialogueLine.of("a", "abc"),
                        DialogueLine.of("a", "a")),
                0,
                3_500);

        assertThat(cues)
                .extracting(Cue::startMillis, Cue::endMillis)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 1_000L),
                        org.assertj.core.groups.Tuple.tuple(1_000L, 1_500L),
                        org.assertj.core.groups.Tuple.tuple(1_500L, 3_000L),
                        org.assertj.core.groups.Tuple.tuple(3_000L, 3_500L));
    }

    @Test
    void punctuationAndSpacesWeighLessThanLetters() {
        assertThat(SubtitleTimer.weight("这一次，我不会再输。")).isEqualTo(8);
        assertThat(SubtitleTimer.weight("...")).isEqualTo(1);
    }

    @Test
    void aLineEndingAfterItsClipIsRefusedWithShotAndLine() {
        assertThatThrownBy(() -> SubtitleTimer.cues("s07", List.of(DialogueLine.timed("lin", "太晚了", 1, 6)), 0, 5_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shot s07 dialogue line 1")
                .hasMessageContaining("ends at 6.0 s but the clip is only 5.0 s long");
    }

    @Test
    void timedLinesOutOfOrderAreRefused() {
        assertThatThrownBy(() -> SubtitleTimer.cues(
                        "s03",
                        List.of(DialogueLine.timed("a", "two", 2, 3), DialogueLine.timed("a", "one", 0.5, 1)),
                        0,
                        5_000))
                .hasMessageContaining("shot s03 dialogue line 2")
                .hasMessageContaining("in order");
    }

    @Test
    void aLineWithOnlyAStartIsRefused() {
        assertThatThrownBy(() -> new DialogueLine("lin", "hm", 1.0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give both or neither");
    }
}
