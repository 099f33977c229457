package dev.seedance4j.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * The samples (frames) of one MP4 track in decoding order: where each lies in the file, how long it is and how long
 * it lasts, as the track's sample tables say. Immutable; kept in primitive arrays, so a track of a million samples
 * costs 20 MB and no objects per sample.
 */
public final class Mp4Samples {

    private final long[] offsets;
    private final int[] sizes;
    /** decodeTimes[i] is the start of sample i; decodeTimes[count] is the end of the last one. */
    private final long[] decodeTimes;

    /**
     * Samples with these file offsets, sizes in bytes and durations in the track's timescale (the arrays are copied).
     *
     * @throws IllegalArgumentException when the arrays differ in length or hold negative values
     */
    public Mp4Samples(long[] offsets, int[] sizes, long[] durations) {
        if (offsets.length != sizes.length || sizes.length != durations.length) {
            throw new IllegalArgumentException("%d offsets, %d sizes and %d durations do not describe the same samples"
                    .formatted(offsets.length, sizes.length, durations.length));
        }
        this.offsets = offsets.clone();
        this.sizes = sizes.clone();
        this.decodeTimes = new long[durations.length + 1];
        for (int i = 0; i < durations.length; i++) {
            if (offsets[i] < 0 || sizes[i] < 0 || durations[i] < 0) {
                throw new IllegalArgumentException("sample " + i + " has a negative offset, size or duration");
            }
            decodeTimes[i + 1] = decodeTimes[i] + durations[i];
        }
    }

    public int count() {
        return sizes.length;
    }

    /** Where sample {@code i} starts in the file. */
    public long offset(int i) {
        return offsets[Objects.checkIndex(i, count())];
    }

    /** Length of sample {@code i} in bytes. */
    public int size(int i) {
        return sizes[Objects.checkIndex(i, count())];
    }

    /** Duration of sample {@code i} in the track's timescale. */
    public long duration(int i) {
        Objects.checkIndex(i, count());
        return decodeTimes[i + 1] - decodeTimes[i];
    }

    /** Start of sample {@code i} in the track's timescale: the durations of all samples before it. */
    public long decodeTime(int i) {
        return decodeTimes[Objects.checkIndex(i, count())];
    }

    /** The durations of all samples, in the track's timescale. */
    public long totalDuration() {
        return decodeTimes[count()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mp4Samples other
                && Arrays.equals(offsets, other.offsets)
                && Arrays.equals(sizes, other.sizes)
                && Arrays.equals(decodeTimes, other.decodeTimes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(offsets) + Arrays.hashCode(sizes)) + Arrays.hashCode(decodeTimes);
    }

    @Override
    public String toString() {
        return "Mp4Samples[count=" + count() + ", totalDuration=" + totalDuration() + "]";
    }
}
