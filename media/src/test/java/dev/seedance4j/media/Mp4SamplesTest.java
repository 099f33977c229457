package dev.seedance4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Mp4SamplesTest {

    @Test
    void decodeTimesAddUpTheDurationsBefore() {
        Mp4Samples samples =
                new Mp4Samples(new long[] {48, 100, 300}, new int[] {52, 200, 7}, new long[] {1024, 1024, 768});

        assertThat(samples.count()).isEqualTo(3);
        assertThat(samples.offset(1)).isEqualTo(100);
        assertThat(samples.size(2)).isEqualTo(7);
        assertThat(samples.duration(2)).isEqualTo(768);
        assertThat(samples.decodeTime(0)).isZero();
        assertThat(samples.decodeTime(2)).isEqualTo(2048);
        assertThat(samples.totalDuration()).isEqualTo(2816);
        assertThatThrownBy(() -> samples.decodeTime(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> samples.offset(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theArraysAreCopiedAndMustDescribeTheSameSamples() {
        long[] offsets = {0, 10};
        Mp4Samples samples = new Mp4Samples(offsets, new int[] {10, 10}, new long[] {1, 1});
        offsets[1] = 99;

        assertThat(samples.offset(1)).isEqualTo(10);
        assertThat(samples)
                .isEqualTo(new Mp4Samples(new long[] {0, 10}, new int[] {10, 10}, new long[] {1, 1}))
                .hasToString("Mp4Samples[count=2, totalDuration=2]");
        assertThatThrownBy(() -> new Mp4Samples(new long[1], new int[2], new long[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("1 offsets, 2 sizes and 2 durations do not describe the same samples");
        assertThatThrownBy(() -> new Mp4Samples(new long[] {0}, new int[] {-1}, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
