package dev.seedance4j.media.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Writes bit fields most significant bit first, as AAC and ADTS syntax is specified. */
public final class BitWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int pending;
    private int pendingBits;

    /** Appends the lowest {@code count} bits of {@code value} (1 to 32 bits). */
    public BitWriter write(int count, int value) {
        if (count < 1 || count > 32) throw new IllegalArgumentException("can write 1 to 32 bits, not " + count);
        if (count < 32 && (value >>> count) != 0) {
            throw new IllegalArgumentException(value + " does not fit in " + count + " bits");
        }
        for (int bit = count - 1; bit >= 0; bit--) {
            pending = (pending << 1) | ((value >>> bit) & 1);
            if (++pendingBits == 8) {
                bytes.write(pending);
                pending = 0;
                pendingBits = 0;
            }
        }
        return this;
    }

    /** The bits written so far, the last byte padded with zero bits. */
    public byte[] toByteArray() {
        byte[] whole = bytes.toByteArray();
        if (pendingBits == 0) return whole;
        byte[] padded = Arrays.copyOf(whole, whole.length + 1);
        padded[whole.length] = (byte) (pending << (8 - pendingBits));
        return padded;
    }
}
