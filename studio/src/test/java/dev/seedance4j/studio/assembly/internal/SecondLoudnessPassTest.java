package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.media.Loudness;
import dev.seedance4j.studio.assembly.AssemblySettings;
import org.junit.jupiter.api.Test;

class SecondLoudnessPassTest {

    private static final AssemblySettings DEFAULTS = AssemblySettings.defaults();

    @Test
    void aGainThatKeepsThePeakUnderTheCeilingIsAppliedAsIs() {
        assertThat(SecondLoudnessPass.filter(new Loudness(-21.5, -9.0, 3, -31.5), DEFAULTS))
                .isEqualTo("volume=5.5000dB");
    }

    @Test
    void aGainThatWouldClipHandsOverToLoudnormWithTheMeasuredValues() {
        assertThat(SecondLoudnessPass.filter(new Loudness(-30, -3, 7.5, -40.2), DEFAULTS))
                .isEqualTo("loudnorm=I=-16.0000:TP=-1.5000:LRA=11.0000:measured_I=-30.0000:measured_TP=-3.0000"
                        + ":measured_LRA=7.5000:measured_thresh=-40.2000:linear=true,aresample=48000");
    }

    @Test
    void silenceIsLeftAlone() {
        assertThat(SecondLoudnessPass.filter(
                        new Loudness(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, Double.NEGATIVE_INFINITY),
                        DEFAULTS))
                .isNull();
        assertThat(SecondLoudnessPass.filter(new Loudness(-75, -60, 0, -85), DEFAULTS))
                .isNull();
    }
}
