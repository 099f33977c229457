package dev.seedance4j.media;

import dev.seedance4j.media.internal.BitReader;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The start of an AAC AudioSpecificConfig (ISO/IEC 14496-3, 1.6.2.1), which an MP4 carries as the codec
 * configuration of an AAC track ({@link Mp4Track#codecConfig()}).
 *
 * @param objectType      audio object type: 2 is AAC-LC, 5 SBR (HE-AAC), 29 PS (HE-AAC v2)
 * @param sampleRateIndex sampling frequency index into the table of the standard, 15 when the rate is explicit
 * @param sampleRate      sampling frequency in Hz (for HE-AAC, the rate of the AAC core)
 * @param channelConfig   channel configuration: 1 mono, 2 stereo, ... 0 when a program config element names them
 */
public record AacConfig(int objectType, int sampleRateIndex, int sampleRate, int channelConfig) {

    private static final int[] SAMPLE_RATES =
            {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};
    private static final int ESCAPED_OBJECT_TYPE = 31;
    private static final int EXPLICIT_RATE = 15;

    /**
     * Reads the object type, sampling frequency and channel configuration. What follows them (such as the SBR sync
     * extension {@code 0x2b7} that ffmpeg's encoder appends, making its configs 5 bytes long) is ignored.
     *
     * @throws IllegalArgumentException when the bytes end before those fields, or the frequency index is reserved
     */
    public static AacConfig parse(byte[] audioSpecificConfig) {
        Objects.requireNonNull(audioSpecificConfig, "audioSpecificConfig");
        BitReader in = new BitReader(audioSpecificConfig);
        int objectType = field(in, 5, "audio object type", audioSpecificConfig);
        if (objectType == ESCAPED_OBJECT_TYPE) objectType = 32 + field(in, 6, "escaped audio object type", audioSpecificConfig);
        int sampleRateIndex = field(in, 4, "sampling frequency index", audioSpecificConfig);
        int sampleRate;
        if (sampleRateIndex == EXPLICIT_RATE) {
            sampleRate = field(in, 24, "explicit sampling frequency", audioSpecificConfig);
        } else if (sampleRateIndex < SAMPLE_RATES.length) {
            sampleRate = SAMPLE_RATES[sampleRateIndex];
        } else {
            throw new IllegalArgumentException("AudioSpecificConfig " + hex(audioSpecificConfig)
                    + " uses the reserved sampling frequency index " + sampleRateIndex);
        }
        int channelConfig = field(in, 4, "channel configuration", audioSpecificConfig);
        return new AacConfig(objectType, sampleRateIndex, sampleRate, channelConfig);
    }

    private static int field(BitReader in, int bits, String name, byte[] audioSpecificConfig) {
        if (in.bitsLeft() < bits) {
            throw new IllegalArgumentException("AudioSpecificConfig " + hex(audioSpecificConfig) + " is too short: the "
                    + name + " needs " + bits + " bits, " + in.bitsLeft() + " are left");
        }
        return in.read(bits);
    }

    private static String hex(byte[] bytes) {
        return bytes.length == 0 ? "(empty)" : "0x" + HexFormat.of().formatHex(bytes);
    }
}
