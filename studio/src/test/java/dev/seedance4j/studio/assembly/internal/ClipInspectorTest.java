package dev.seedance4j.studio.assembly.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClipInspectorTest {

    /** Abridged framecrc of two clips: one with stereo sound (3 video packets), one without (2 packets at 30 fps). */
    private static final String FRAMECRC = """
            #extradata 0:       44, 0x20070e13
            #extradata 1:        5, 0x0366015d
            #extradata 2:       38, 0xf14e0c17
            #software: Lavf58.76.100
            #tb 0: 1/12288
            #media_type 0: video
            #codec_id 0: h264
            #dimensions 0: 496x864
            #sar 0: 1/1
            #tb 1: 1/44100
            #media_type 1: audio
            #codec_id 1: aac
            #sample_rate 1: 44100
            #channel_layout 1: 3
            #channel_layout_name 1: stereo
            #tb 2: 1/15360
            #media_type 2: video
            #codec_id 2: h264
            #dimensions 2: 480x480
            #sar 2: 1/1
            0,      -1024,          0,      512,    12286, 0xd0568a14
            1,      -1024,      -1024,     1024,      325, 0x1f9c90bc, F=0x5, S=1,       10, 0x00240004
            0,       -512,        512,      512,     5828, 0xa25155f5, F=0x0
            2,          0,          0,      512,     9000, 0x00000001
            0,          0,       1024,      512,     5828, 0xa25155f5, F=0x0
            2,        512,        512,      512,     9000, 0x00000002
            """;

    @Test
    void readsSizeFrameCountRateSoundAndCodecParametersOfEveryClip() {
        List<ClipFacts> facts = ClipInspector.parse(List.of("s01", "s02"), List.of(Path.of("a.mp4"), Path.of("b.mp4")), FRAMECRC);

        assertThat(facts.get(0)).isEqualTo(new ClipFacts("s01", Path.of("a.mp4"), "h264", "44,0x20070e13 sar 1/1",
                496, 864, 24.0, 3, 2));
        assertThat(facts.get(1)).isEqualTo(new ClipFacts("s02", Path.of("b.mp4"), "h264", "38,0xf14e0c17 sar 1/1",
                480, 480, 30.0, 2, 0));
        assertThat(facts.get(0).videoDifference(facts.get(1))).isEqualTo("size 496x864 vs 480x480");
    }

    @Test
    void channelLayoutsBecomeChannelCounts() {
        assertThat(ClipInspector.channels("mono")).isEqualTo(1);
        assertThat(ClipInspector.channels("5.1(side)")).isEqualTo(6);
        assertThat(ClipInspector.channels("3 channels")).isEqualTo(3);
    }
}
