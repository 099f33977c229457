package dev.seedance4j.media.internal;

/** Reads bit fields most significant bit first from a byte array. */
public final class BitReader {

    private final byte[] data;
    private long position;

    public BitReader(byte[] data) {
        this.data = data;
    }

    public long bitsLeft() {
        return 8L * data.length - position;
    }

    /** The next {@code count} bits (1 to 31) as a non-negative number. */
    public int read(int count) {
        if (count < 1 || count > 31) throw new IllegalArgumentException("can read 1 to 31 bits, not " + count);
        if (bitsLeft() < count) {
            throw new IllegalArgumentException("cannot read " + count + " bits, only " + bitsLeft() + " are left");
        }
        int value = 0;
        for (int i = 0; i < count; i++, position++) {
            int bit = (data[(int) (position >>> 3)] >>> (7 - (position & 7))) & 1;
            value = (value << 1) | bit;
        }
        return value;
    }
}
