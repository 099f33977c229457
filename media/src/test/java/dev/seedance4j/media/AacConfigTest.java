package dev.seedance4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AudioSpecificConfigs of streams made by the bundled ffmpeg and by hand. */
class AacConfigTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static Ffmpeg ffmpeg;
    @TempDir
    static Path clips;
    private static Path mono;
    private static Path stereo;

    @BeforeAll
    static void clipsWithAacSound() {
        ffmpeg = Ffmpeg.bundled();
        mono = clips.resolve("mono.mp4");
        stereo = clips.resolve("stereo.mp4");
        for (Path clip : List.of(mono, stereo)) {
            boolean isMono = clip.equals(mono);
            ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=160x96:rate=24:duration=2", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=2:sample_rate=" + (isMono ? 48000 : 44100), "-c:v", "libx264",
                    "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", isMono ? "1" : "2",
                    clip.toString()), TIMEOUT);
        }
    }

    @Test
    void readsTheConfigsFfmpegsEncoderWrites() throws IOException {
        byte[] monoConfig = audio(mono).codecConfig();
        byte[] stereoConfig = audio(stereo).codecConfig();

        // 2 bytes of AudioSpecificConfig, then 3 of the SBR sync extension 0x2b7 saying "no SBR"
        assertThat(monoConfig).hasSize(5);
        assertThat(stereoConfig).hasSize(5);
        assertThat(AacConfig.parse(monoConfig)).isEqualTo(new AacConfig(2, 3, 48000, 1));
        assertThat(AacConfig.parse(stereoConfig)).isEqualTo(new AacConfig(2, 4, 44100, 2));
    }

    @Test
    void readsAnEscapedObjectTypeAndAnExplicitFrequency() {
        // object type 31 + 6 bits (32 + 10 = 42, USAC), index 3 (48 kHz), 2 channels
        assertThat(AacConfig.parse(bytes("f94640"))).isEqualTo(new AacConfig(42, 3, 48000, 2));
        // AAC-LC, index 15 and 24 bits of frequency (50000 Hz), 2 channels
        assertThat(AacConfig.parse(bytes("178061a810"))).isEqualTo(new AacConfig(2, 15, 50000, 2));
    }

    @Test
    void configsThatEndTooEarlyAreRefusedWithTheirBytes() {
        assertThatThrownBy(() -> AacConfig.parse(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AudioSpecificConfig (empty) is too short: the audio object type needs 5 bits, 0 are left");
        assertThatThrownBy(() -> AacConfig.parse(bytes("12"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AudioSpecificConfig 0x12 is too short: the sampling frequency index needs 4 bits, 3 are left");
        assertThatThrownBy(() -> AacConfig.parse(bytes("f9"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the escaped audio object type needs 6 bits, 3 are left");
        assertThatThrownBy(() -> AacConfig.parse(bytes("1780"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the explicit sampling frequency needs 24 bits, 7 are left");
        assertThatThrownBy(() -> AacConfig.parse(bytes("1680"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AudioSpecificConfig 0x1680 uses the reserved sampling frequency index 13");
    }

    private static Mp4Track audio(Path clip) throws IOException {
        return Mp4Movie.read(clip).orElseThrow().firstAudio().orElseThrow();
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
