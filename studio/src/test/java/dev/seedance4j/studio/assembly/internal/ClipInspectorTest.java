package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.media.Ffmpeg;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        List<ClipFacts> facts =
                ClipInspector.parse(List.of("s01", "s02"), List.of(Path.of("a.mp4"), Path.of("b.mp4")), FRAMECRC);

        assertThat(facts.get(0))
                .isEqualTo(
                        new ClipFacts("s01", Path.of("a.mp4"), "h264", "44,0x20070e13 sar 1/1", 496, 864, 24.0, 3, 2));
        assertThat(facts.get(1))
                .isEqualTo(
                        new ClipFacts("s02", Path.of("b.mp4"), "h264", "38,0xf14e0c17 sar 1/1", 480, 480, 30.0, 2, 0));
        assertThat(facts.get(0).videoDifference(facts.get(1))).isEqualTo("size 496x864 vs 480x480");
    }

    @Test
    void javaReadsAnMp4AsFfmpegDoesAndAnythingElseIsLeftToFfmpeg(@TempDir Path dir) {
        Ffmpeg ffmpeg = Ffmpeg.locate();
        Path mp4 = dir.resolve("take.mp4");
        ffmpeg.run(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x180:rate=24:duration=1.5",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=48000:duration=1.2",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-ac",
                        "1",
                        mp4.toString()),
                Duration.ofMinutes(1));
        Path mkv = dir.resolve("take.mkv");
        ffmpeg.run(List.of("-i", mp4.toString(), "-map", "0", "-c", "copy", mkv.toString()), Duration.ofMinutes(1));

        ClipFacts java = ClipInspector.fromMp4("s01", mp4).orElseThrow();
        ClipFacts byFfmpeg = ClipInspector.withFfmpeg(ffmpeg, List.of("s01"), List.of(mp4), Duration.ofMinutes(1))
                .get(0);

        assertThat(java.sound()).isNotNull();
        assertThat(java.sound().primingSamples()).isEqualTo(1024);
        assertThat(java.sound().frames().count()).isEqualTo(58);
        assertThat(new ClipFacts(
                        java.shotId(),
                        java.file(),
                        java.codec(),
                        java.parameters(),
                        java.width(),
                        java.height(),
                        java.fps(),
                        java.frames(),
                        java.audioChannels()))
                .isEqualTo(byFfmpeg);
        assertThat(ClipInspector.fromMp4("s02", mkv)).isEmpty();
        List<ClipFacts> both =
                ClipInspector.inspect(ffmpeg, List.of("s01", "s02"), List.of(mp4, mkv), Duration.ofMinutes(1));
        assertThat(both.get(0)).isEqualTo(java);
        assertThat(both.get(1).sound()).isNull();
        assertThat(both.get(1).frames()).isEqualTo(36);
        assertThat(both.get(1).parameters())
                .as("the same stream has the same fingerprint")
                .isEqualTo(java.parameters());
    }

    @Test
    void channelLayoutsBecomeChannelCounts() {
        assertThat(ClipInspector.channels("mono")).isEqualTo(1);
        assertThat(ClipInspector.channels("5.1(side)")).isEqualTo(6);
        assertThat(ClipInspector.channels("3 channels")).isEqualTo(3);
    }
}
