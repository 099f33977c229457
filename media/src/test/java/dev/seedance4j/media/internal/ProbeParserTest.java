package dev.seedance4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Descriptions as other ffmpeg builds print them (the live tests only see what the bundled build writes). */
class ProbeParserTest {

    @Test
    void readsAMovWithNtscRateTagsAndStreamMetadata() {
        List<String> stderr = """
                Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mov':
                  Metadata:
                    major_brand     : qt \s
                    title           : 第一集: 重生
                  Duration: 01:02:03.45, start: 0.000000, bitrate: 144 kb/s
                  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709, progressive), 1920x1080 [SAR 1:1 DAR 16:9], 59 kb/s, 29.97 fps, 29.97 tbr, 30k tbn (default)
                    Metadata:
                      handler_name    : VideoHandler
                  Stream #0:1[0x2](eng): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, 5.1(side), fltp, 66 kb/s (default)
                  Stream #0:2(und): Subtitle: mov_text (tx3g / 0x67337874), 0 kb/s
                At least one output file must be specified
                """.lines().toList();

        MediaInfo info = ProbeParser.parse(Path.of("x.mov"), stderr).orElseThrow();

        assertThat(info.duration()).isEqualTo(Duration.ofSeconds(3723, 450_000_000));
        assertThat(info.bitRate()).isEqualTo(144);
        assertThat(info.metadata()).containsEntry("title", "第一集: 重生").doesNotContainKey("handler_name");
        MediaStream video = info.video().orElseThrow();
        assertThat(video.pixelFormat()).isEqualTo("yuv420p");
        assertThat(video.width()).isEqualTo(1920);
        assertThat(video.fps()).isEqualTo(29.97);
        assertThat(info.audio().orElseThrow().channels()).isEqualTo(6);
        assertThat(info.streams(MediaStream.Type.SUBTITLE))
                .singleElement()
                .satisfies(s -> assertThat(s.codec()).isEqualTo("mov_text"));
    }

    @Test
    void nothingIsParsedWhenFfmpegCouldNotOpenTheInput() {
        assertThat(ProbeParser.parse(Path.of("a"), List.of("a: Invalid data found when processing input")))
                .isEmpty();
    }

    @Test
    void channelLayoutsBecomeCounts() {
        assertThat(ProbeParser.channels("mono")).isEqualTo(1);
        assertThat(ProbeParser.channels("stereo")).isEqualTo(2);
        assertThat(ProbeParser.channels("7.1(wide)")).isEqualTo(8);
        assertThat(ProbeParser.channels("3 channels (FL+FR+LFE)")).isEqualTo(3);
    }
}
