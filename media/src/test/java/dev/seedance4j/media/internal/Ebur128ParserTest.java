package dev.seedance4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.media.Loudness;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ebur128ParserTest {

    private static List<String> summary(String integrated, String threshold, String lra, String peak) {
        return List.of(
                "[Parsed_ebur128_0 @ 0x146a26c0] Summary:",
                "",
                "  Integrated loudness:",
                "    I:         " + integrated + " LUFS",
                "    Threshold: " + threshold + " LUFS",
                "",
                "  Loudness range:",
                "    LRA:         " + lra + " LU",
                "    Threshold: -38.0 LUFS",
                "    LRA low:   -18.4 LUFS",
                "    LRA high:  -17.6 LUFS",
                "",
                "  True peak:",
                "    Peak:       " + peak + " dBFS");
    }

    @Test
    void readsTheLastSummaryBecauseAComplexGraphMayPrintAnUnfedOneFirst() {
        List<String> lines = new java.util.ArrayList<>(summary("-70.0", "  0.0", "0.0", "-inf"));
        lines.add("size=N/A time=00:05:02.40 bitrate=N/A speed= 234x");
        lines.addAll(summary("-18.0", "-28.0", "0.9", "-8.0"));

        assertThat(Ebur128Parser.parse(lines)).contains(new Loudness(-18.0, -8.0, 0.9, -28.0));
    }

    @Test
    void silenceIsNegativeInfinity() {
        Loudness silence =
                Ebur128Parser.parse(summary("-70.0", "  0.0", "0.0", "-inf")).orElseThrow();

        assertThat(silence.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(silence.truePeakDbtp()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(silence.thresholdLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void noSummaryOrAnIncompleteOneIsEmpty() {
        assertThat(Ebur128Parser.parse(List.of("Output #0, null, to 'pipe:':"))).isEmpty();
        assertThat(Ebur128Parser.parse(summary("-18.0", "-28.0", "0.9", "-8.0").subList(0, 9)))
                .isEmpty();
    }
}
