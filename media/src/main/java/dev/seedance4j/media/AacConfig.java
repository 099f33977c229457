package dev.seedance4j.media;

import dev.seedance4j.media.internal.BitReader;
import dev.seedance4j.media.internal.BitWriter;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The start of an AAC AudioSpecificConfig (ISO/IEC 14496-3, 1.6.2.1), which an MP4 carries as the codec
 * configuration of an AAC track ({@link Mp4Track#codecConfig()}), and what it takes to copy that track's frames into
 * an ADTS stream: the 7-byte header in front of each frame, and a silent frame to fill gaps.
 *
 * <pre>{@code
 * AacConfig aac = AacConfig.parse(track.codecConfig());
 * if (aac.copyableAsAdts()) {
 *     out.write(aac.adtsHeader(frame.length));
 *     out.write(frame);                        // the raw frame as stored in the MP4
 *     byte[] silence = aac.silentFrame();      // 1024 samples of silence per channel
 *     out.write(aac.adtsHeader(silence.length));
 *     out.write(silence);
 * }
 * }</pre>
 *
 * @param objectType      audio object type: 2 is AAC-LC, 5 SBR (HE-AAC), 29 PS (HE-AAC v2)
 * @param sampleRateIndex sampling frequency index into the table of the standard, 15 when the rate is explicit
 * @param sampleRate      sampling frequency in Hz (for HE-AAC, the rate of the AAC core)
 * @param channelConfig   channel configuration: 1 mono, 2 stereo, ... 0 when a program config element names them
 */
public record AacConfig(int objectType, int sampleRateIndex, int sampleRate, int channelConfig) {

    private static final int[] SAMPLE_RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };
    private static final int ESCAPED_OBJECT_TYPE = 31;
    private static final int EXPLICIT_RATE = 15;
    private static final int AAC_LC = 2;
    private static final int ADTS_HEADER_LENGTH = 7;
    private static final int MAX_ADTS_FRAME_LENGTH = (1 << 13) - 1;

    // Syntactic element ids of a raw_data_block (ISO/IEC 14496-3, table 4.85).
    private static final int SINGLE_CHANNEL_ELEMENT = 0;
    private static final int CHANNEL_PAIR_ELEMENT = 1;
    private static final int END = 7;

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
        if (objectType == ESCAPED_OBJECT_TYPE)
            objectType = 32 + field(in, 6, "escaped audio object type", audioSpecificConfig);
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

    /**
     * Whether frames of this stream can be copied into ADTS with {@link #adtsHeader} and padded with
     * {@link #silentFrame}: AAC-LC, mono or stereo, at one of the standard sampling frequencies. (ADTS cannot signal
     * an explicit frequency, and the silent frame is written for one or two channels only.)
     */
    public boolean copyableAsAdts() {
        return objectType == AAC_LC && sampleRateIndex < 13 && (channelConfig == 1 || channelConfig == 2);
    }

    /**
     * The 7-byte ADTS header to put in front of one raw AAC frame of {@code payloadLength} bytes: MPEG-4, no CRC,
     * one raw data block, buffer fullness 0x7FF (variable bit rate), as ffmpeg's ADTS muxer writes it.
     *
     * @throws IllegalStateException    when not {@link #copyableAsAdts()}
     * @throws IllegalArgumentException when the frame does not fit the 13-bit ADTS frame length
     */
    public byte[] adtsHeader(int payloadLength) {
        requireCopyable("an ADTS header");
        int frameLength = ADTS_HEADER_LENGTH + payloadLength;
        if (payloadLength < 0 || frameLength > MAX_ADTS_FRAME_LENGTH) {
            throw new IllegalArgumentException("an ADTS frame holds 0 to "
                    + (MAX_ADTS_FRAME_LENGTH - ADTS_HEADER_LENGTH) + " payload bytes, not " + payloadLength);
        }
        return new BitWriter()
                .write(12, 0xFFF) // syncword
                .write(1, 0) // ID: MPEG-4
                .write(2, 0) // layer
                .write(1, 1) // protection_absent: no CRC
                .write(2, objectType - 1) // profile
                .write(4, sampleRateIndex)
                .write(1, 0) // private_bit
                .write(3, channelConfig)
                .write(1, 0) // original_copy
                .write(1, 0) // home
                .write(1, 0) // copyright_identification_bit
                .write(1, 0) // copyright_identification_start
                .write(13, frameLength)
                .write(11, 0x7FF) // adts_buffer_fullness: variable bit rate
                .write(2, 0) // number_of_raw_data_blocks_in_frame - 1
                .toByteArray();
    }

    /**
     * One raw AAC-LC frame (without ADTS header) that decodes to 1024 samples of digital silence per channel: a
     * single channel element (mono, 4 bytes) or a channel pair element with a common window (stereo, 6 bytes), whose
     * long-window streams have no scale factor bands and so no spectral data, then the END element.
     *
     * @throws IllegalStateException when not {@link #copyableAsAdts()}
     */
    public byte[] silentFrame() {
        requireCopyable("a silent frame");
        BitWriter out = new BitWriter();
        if (channelConfig == 1) {
            out.write(3, SINGLE_CHANNEL_ELEMENT).write(4, 0); // element_instance_tag
            emptyChannelStream(out, false);
        } else {
            out.write(3, CHANNEL_PAIR_ELEMENT).write(4, 0).write(1, 1); // element_instance_tag, common_window
            emptyStreamInfo(out);
            out.write(2, 0); // ms_mask_present: none
            emptyChannelStream(out, true);
            emptyChannelStream(out, true);
        }
        return out.write(3, END).toByteArray(); // toByteArray pads to the byte boundary
    }

    /** An individual_channel_stream with nothing in it; with a common window, ics_info was written by the pair. */
    private static void emptyChannelStream(BitWriter out, boolean commonWindow) {
        out.write(8, 0); // global_gain: never used, as there are no bands to scale
        if (!commonWindow) emptyStreamInfo(out);
        // section_data and scale_factor_data are empty for max_sfb 0
        out.write(1, 0) // pulse_data_present
                .write(1, 0) // tns_data_present
                .write(1, 0); // gain_control_data_present
        // spectral_data is empty for max_sfb 0
    }

    private static void emptyStreamInfo(BitWriter out) {
        out.write(1, 0) // ics_reserved_bit
                .write(2, 0) // window_sequence: ONLY_LONG_SEQUENCE
                .write(1, 0) // window_shape: sine
                .write(6, 0) // max_sfb: no scale factor bands
                .write(1, 0); // predictor_data_present
    }

    private void requireCopyable(String what) {
        if (!copyableAsAdts()) {
            throw new IllegalStateException("cannot write " + what + " for " + this
                    + ": only AAC-LC mono or stereo at a standard sampling frequency is copied");
        }
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
