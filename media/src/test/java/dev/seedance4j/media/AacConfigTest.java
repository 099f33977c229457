package dev.seedance4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AudioSpecificConfigs of real and hand-made streams, and ADTS streams decoded by the bundled ffmpeg. */
class AacConfigTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final int FRAME_SAMPLES = 1024;
    private static Ffmpeg ffmpeg;

    @TempDir
    static Path clips;

    private static Path mono;
    private static Path stereo;

    @TempDir
    Path dir;

    @BeforeAll
    static void clipsWithAacSound() {
        ffmpeg = Ffmpeg.bundled();
        mono = clips.resolve("mono.mp4");
        stereo = clips.resolve("stereo.mp4");
        for (Path clip : List.of(mono, stereo)) {
            boolean isMono = clip.equals(mono);
            ffmpeg.run(
                    List.of(
                            "-y",
                            "-f",
                            "lavfi",
                            "-i",
                            "testsrc2=size=160x96:rate=24:duration=2",
                            "-f",
                            "lavfi",
                            "-i",
                            "sine=frequency=440:duration=2:sample_rate=" + (isMono ? 48000 : 44100),
                            "-c:v",
                            "libx264",
                            "-preset",
                            "ultrafast",
                            "-pix_fmt",
                            "yuv420p",
                            "-c:a",
                            "aac",
                            "-ac",
                            isMono ? "1" : "2",
                            clip.toString()),
                    TIMEOUT);
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
        assertThat(AacConfig.parse(monoConfig).copyableAsAdts()).isTrue();
        assertThat(AacConfig.parse(stereoConfig).copyableAsAdts()).isTrue();
    }

    @Test
    void readsAnEscapedObjectTypeAndAnExplicitFrequency() {
        // object type 31 + 6 bits (32 + 10 = 42, USAC), index 3 (48 kHz), 2 channels
        assertThat(AacConfig.parse(bytes("f94640"))).isEqualTo(new AacConfig(42, 3, 48000, 2));
        // AAC-LC, index 15 and 24 bits of frequency (50000 Hz), 2 channels
        AacConfig explicit = AacConfig.parse(bytes("178061a810"));
        assertThat(explicit).isEqualTo(new AacConfig(2, 15, 50000, 2));
        assertThat(explicit.copyableAsAdts())
                .as("ADTS has no explicit frequency")
                .isFalse();
    }

    @Test
    void configsThatEndTooEarlyAreRefusedWithTheirBytes() {
        assertThatThrownBy(() -> AacConfig.parse(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AudioSpecificConfig (empty) is too short: the audio object type needs 5 bits, 0 are left");
        assertThatThrownBy(() -> AacConfig.parse(bytes("12")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "AudioSpecificConfig 0x12 is too short: the sampling frequency index needs 4 bits, 3 are left");
        assertThatThrownBy(() -> AacConfig.parse(bytes("f9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the escaped audio object type needs 6 bits, 3 are left");
        assertThatThrownBy(() -> AacConfig.parse(bytes("1780")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the explicit sampling frequency needs 24 bits, 7 are left");
        assertThatThrownBy(() -> AacConfig.parse(bytes("1680")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AudioSpecificConfig 0x1680 uses the reserved sampling frequency index 13");
    }

    @Test
    void onlyMonoAndStereoAacLcIsCopied() {
        AacConfig heAac = AacConfig.parse(bytes("2b10")); // SBR, 24 kHz core, stereo
        AacConfig surround = AacConfig.parse(bytes("11b0")); // AAC-LC, 48 kHz, 5.1

        assertThat(heAac.objectType()).isEqualTo(5);
        assertThat(heAac.copyableAsAdts()).isFalse();
        assertThat(surround.channelConfig()).isEqualTo(6);
        assertThat(surround.copyableAsAdts()).isFalse();
        assertThatThrownBy(() -> heAac.adtsHeader(100))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("objectType=5")
                .hasMessageContaining("only AAC-LC mono or stereo");
        assertThatThrownBy(surround::silentFrame).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theAdtsHeaderCarriesTheFrameLength() {
        AacConfig stereo44 = new AacConfig(2, 4, 44100, 2);

        // FFF1: sync, MPEG-4, no CRC; 50: LC, index 4; 80: stereo; frame length 107 = 0b0000001101011; fullness 7FF
        assertThat(HexFormat.of().formatHex(stereo44.adtsHeader(100))).isEqualTo("fff150800d7ffc");
        assertThat(stereo44.adtsHeader(8191 - 7)).hasSize(7);
        assertThatThrownBy(() -> stereo44.adtsHeader(8191 - 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an ADTS frame holds 0 to 8184 payload bytes, not 8185");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mono", "stereo"})
    void adtsWrittenFromTheSampleTableEqualsFfmpegsOwnAndDecodesCleanly(String which) throws IOException {
        Path clip = which.equals("mono") ? mono : stereo;
        Mp4Track audio = audio(clip);
        AacConfig aac = AacConfig.parse(audio.codecConfig());
        Path ours = dir.resolve("ours.aac");
        Path theirs = dir.resolve("theirs.aac");
        ByteArrayOutputStream adts = new ByteArrayOutputStream();
        for (int i = 0; i < audio.samples().count(); i++) writeFrame(adts, aac, frame(clip, audio, i));
        Files.write(ours, adts.toByteArray());

        ffmpeg.run(
                List.of("-y", "-i", clip.toString(), "-map", "0:a", "-c", "copy", "-f", "adts", theirs.toString()),
                TIMEOUT);

        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(theirs));
        byte[] pcm = decode(ours);
        assertThat(pcm.length).isEqualTo(audio.samples().count() * FRAME_SAMPLES * audio.channels() * 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mono", "stereo"})
    void silentFramesDecodeToDigitalSilence(String which) throws IOException {
        AacConfig aac =
                AacConfig.parse(audio(which.equals("mono") ? mono : stereo).codecConfig());
        byte[] silence = aac.silentFrame();
        ByteArrayOutputStream adts = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) writeFrame(adts, aac, silence);

        byte[] pcm = decode(Files.write(dir.resolve("silence.aac"), adts.toByteArray()));

        assertThat(silence).hasSize(aac.channelConfig() == 1 ? 4 : 6);
        assertThat(pcm.length).isEqualTo(100 * FRAME_SAMPLES * aac.channelConfig() * 2);
        assertThat(pcm).containsOnly(0);
    }

    @Test
    void soundResumesCleanlyAfterSilentFramesAndFfmpegMuxesTheStreamByCopying() throws IOException {
        Mp4Track audio = audio(mono);
        AacConfig aac = AacConfig.parse(audio.codecConfig());
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) frames.add(frame(mono, audio, i));
        for (int i = 0; i < 10; i++) frames.add(aac.silentFrame());
        for (int i = 20; i < audio.samples().count(); i++) frames.add(frame(mono, audio, i));
        ByteArrayOutputStream adts = new ByteArrayOutputStream();
        frames.forEach(frame -> writeFrame(adts, aac, frame));
        Path gap = Files.write(dir.resolve("gap.aac"), adts.toByteArray());

        byte[] pcm = decode(gap);

        assertThat(pcm.length).isEqualTo(frames.size() * FRAME_SAMPLES * 2);
        // Each output frame overlaps the previous one: the first silent frame still ends the tone, the first real
        // frame after the gap starts it again; the nine frames between are exactly silent.
        assertThat(silent(pcm, 10)).isFalse();
        assertThat(silent(pcm, 20)).as("the tone fading out").isFalse();
        assertThat(IntStream.range(21, 30)).allMatch(i -> silent(pcm, i));
        assertThat(silent(pcm, 30)).as("the tone fading in").isFalse();
        assertThat(silent(pcm, 40)).isFalse();

        Path muxed = dir.resolve("muxed.m4a");
        ffmpeg.run(List.of("-y", "-i", gap.toString(), "-c", "copy", muxed.toString()), TIMEOUT);
        Mp4Track copied = audio(muxed);
        assertThat(AacConfig.parse(copied.codecConfig())).isEqualTo(aac);
        assertThat(copied.samples().count()).isEqualTo(frames.size());
        for (int i = 0; i < frames.size(); i++)
            assertThat(frame(muxed, copied, i)).isEqualTo(frames.get(i));
    }

    private static Mp4Track audio(Path clip) throws IOException {
        return Mp4Movie.read(clip).orElseThrow().firstAudio().orElseThrow();
    }

    private static byte[] frame(Path clip, Mp4Track audio, int i) throws IOException {
        try (FileChannel channel = FileChannel.open(clip)) {
            ByteBuffer bytes = ByteBuffer.allocate(audio.samples().size(i));
            channel.read(bytes, audio.samples().offset(i));
            return bytes.array();
        }
    }

    private static void writeFrame(ByteArrayOutputStream adts, AacConfig aac, byte[] frame) {
        adts.writeBytes(aac.adtsHeader(frame.length));
        adts.writeBytes(frame);
    }

    /** Signed 16-bit PCM as ffmpeg decodes the ADTS file; any error ffmpeg reports fails the test. */
    private byte[] decode(Path aac) throws IOException {
        Path pcm = dir.resolve(aac.getFileName() + ".s16le");
        FfmpegResult result = ffmpeg.run(
                List.of("-v", "error", "-y", "-i", aac.toString(), "-c:a", "pcm_s16le", "-f", "s16le", pcm.toString()),
                TIMEOUT);
        assertThat(result.stderrLines())
                .as("ffmpeg's errors decoding %s", aac.getFileName())
                .isEmpty();
        return Files.readAllBytes(pcm);
    }

    /** Whether decoded frame {@code frame} of mono 16-bit PCM is all zero. */
    private static boolean silent(byte[] monoPcm, int frame) {
        int frameBytes = FRAME_SAMPLES * 2;
        return Arrays.equals(
                monoPcm, frame * frameBytes, (frame + 1) * frameBytes, new byte[frameBytes], 0, frameBytes);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
