package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterGraphsTest {

    @Test
    void pathsAreEscapedForTheOptionParserAndThenForTheGraphParser() {
        assertThat(FilterGraphs.escape("/tmp/a b/c:d,e'f[1];x\\y"))
                .isEqualTo("/tmp/a b/c\\\\:d\\,e\\\\\\'f\\[1\\]\\;x\\\\\\\\y");
    }

    @Test
    void musicKeepsItsBaseGainWhenThereIsNoDialogue() {
        assertThat(FilterGraphs.duckExpression(-20, -12, List.of())).isEqualTo("0.1000");
    }

    @Test
    void musicDipsUnderEachLine() {
        String expression =
                FilterGraphs.duckExpression(0, -20, List.of(new Cue(1_000, 2_000, "a"), new Cue(3_000, 4_000, "b")));
        assertThat(expression)
                .startsWith("1.0000*(1-0.9000*max(clip(")
                .contains("(t-1.0000+0.2500)/0.2500")
                .contains("(4.0000+0.2500-t)/0.2500");
    }

    @Test
    void fitScalesWithoutDistortionAndPadsToTheExactSize() {
        assertThat(FilterGraphs.fit(320, 180))
                .isEqualTo(
                        "scale=320:180:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=320:180:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1");
    }
}
