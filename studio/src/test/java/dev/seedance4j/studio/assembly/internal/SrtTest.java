package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SrtTest {

    @Test
    void writesNumberedCuesWithCommaMillisecondsAndABlankLineAfterEach() {
        String srt = Srt.format(List.of(new Cue(0, 1_250, "这一次，我不会再输。"), new Cue(3_723_004, 3_725_000, "Hi")));

        assertThat(srt).isEqualTo("""
                1
                00:00:00,000 --> 00:00:01,250
                这一次，我不会再输。

                2
                01:02:03,004 --> 01:02:05,000
                Hi

                """);
    }

    @Test
    void blankLinesInsideALineCannotEndTheCueEarly() {
        assertThat(Srt.cueText("first\r\n\r\n  second  \n")).isEqualTo("first\nsecond");
    }

    @Test
    void noDialogueGivesAnEmptyFile() {
        assertThat(Srt.format(List.of())).isEmpty();
    }
}
