package dev.seedance4j.media;

import dev.seedance4j.media.internal.FramecrcChecksum;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One track of an MP4/MOV file as its {@code trak} box describes it. Fields that do not apply to the track's type
 * are 0 or empty.
 *
 * @param trackId     the track's id ({@code tkhd})
 * @param type        video for handler {@code vide}, audio for {@code soun}, subtitle for {@code sbtl}, {@code text}
 *                    and {@code subt}, data for everything else
 * @param codec       codec name as ffmpeg spells it ({@code h264}, {@code hevc}, {@code aac}, {@code mp3},
 *                    {@code pcm}), otherwise the sample entry's fourcc
 * @param sampleEntry the sample entry's fourcc ({@code avc1}, {@code hev1}, {@code mp4a}, {@code sowt})
 * @param timescale   units per second of the track's times ({@code mdhd})
 * @param mediaStart  media time, in the timescale, where presentation starts: the media time of the first edit that
 *                    is not empty, 0 without an edit list. ffmpeg writes 1024 for AAC (the encoder's priming
 *                    samples; but 0 when the sound starts late, as the empty edit then covers the priming too) and
 *                    the first frame's composition offset for video with B-frames
 * @param delay       time, in the timescale, before the track's first sample plays: the empty edits at the start of
 *                    its edit list (ffmpeg writes one when the sound starts after the picture), 0 when there are none
 * @param width       video width in pixels, from the sample entry
 * @param height      video height in pixels, from the sample entry
 * @param sarNum      sample aspect ratio numerator ({@code pasp}), 1 when not given
 * @param sarDen      sample aspect ratio denominator ({@code pasp}), 1 when not given
 * @param channels    audio channel count (for AAC from its AudioSpecificConfig)
 * @param sampleRate  audio sample rate in Hz (for AAC from its AudioSpecificConfig)
 * @param codecConfig the {@code avcC} or {@code hvcC} payload for H.264 and HEVC, the AudioSpecificConfig for AAC
 *                    (what ffmpeg calls extradata); empty for other codecs. Copied in and out
 * @param samples     the track's samples in decoding order
 */
public record Mp4Track(
        int trackId,
        MediaStream.Type type,
        String codec,
        String sampleEntry,
        long timescale,
        long mediaStart,
        long delay,
        int width,
        int height,
        int sarNum,
        int sarDen,
        int channels,
        int sampleRate,
        byte[] codecConfig,
        Mp4Samples samples) {

    public Mp4Track {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(sampleEntry, "sampleEntry");
        Objects.requireNonNull(samples, "samples");
        codecConfig = codecConfig.clone();
    }

    /**
     * The size and checksum of {@link #codecConfig} as ffmpeg's {@code framecrc} header prints a stream's extradata,
     * e.g. {@code 44, 0x20070e13}: two tracks whose fingerprints differ cannot share a decoder configuration.
     */
    public String codecConfigFingerprint() {
        return String.format(Locale.ROOT, "%d, 0x%08x", codecConfig.length, FramecrcChecksum.adler32(codecConfig));
    }

    @Override
    public byte[] codecConfig() {
        return codecConfig.clone();
    }

    /** Equal when every field is, the codec configuration compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Mp4Track t
                && trackId == t.trackId
                && type == t.type
                && codec.equals(t.codec)
                && sampleEntry.equals(t.sampleEntry)
                && timescale == t.timescale
                && mediaStart == t.mediaStart
                && width == t.width
                && height == t.height
                && sarNum == t.sarNum
                && sarDen == t.sarDen
                && channels == t.channels
                && sampleRate == t.sampleRate
                && Arrays.equals(codecConfig, t.codecConfig)
                && samples.equals(t.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                trackId,
                type,
                codec,
                sampleEntry,
                timescale,
                mediaStart,
                width,
                height,
                sarNum,
                sarDen,
                channels,
                sampleRate,
                Arrays.hashCode(codecConfig),
                samples);
    }

    /** Like a record's, but the codec configuration shown by its length (an hvcC can hold kilobytes of text). */
    @Override
    public String toString() {
        return "Mp4Track[trackId=" + trackId + ", type=" + type + ", codec=" + codec + ", sampleEntry=" + sampleEntry
                + ", timescale=" + timescale + ", mediaStart=" + mediaStart + ", width=" + width + ", height=" + height
                + ", sar=" + sarNum + ":" + sarDen + ", channels=" + channels + ", sampleRate=" + sampleRate
                + ", codecConfig=" + codecConfig.length + " bytes, samples=" + samples + "]";
    }
}
