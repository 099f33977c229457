package dev.seedance4j.media.internal;

/** The checksum ffmpeg's {@code framecrc} muxer prints for packets and extradata. */
public final class FramecrcChecksum {

    private FramecrcChecksum() {}

    /** Adler-32 started from 0, as ffmpeg computes it, where {@code java.util.zip.Adler32} starts from 1. */
    public static long adler32(byte[] data) {
        long a = 0;
        long b = 0;
        for (byte x : data) {
            a = (a + (x & 0xFF)) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }
}
