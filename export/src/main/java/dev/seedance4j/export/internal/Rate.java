package dev.seedance4j.export.internal;

/**
 * A frame rate as a fraction, which every timeline format wants exact: {@code 24/1}, or {@code 24000/1001} for the
 * NTSC rates. Times are whole frames; a frame converts to seconds, microseconds or a rational without drift.
 *
 * @param num frames per {@code den} seconds
 * @param den seconds
 */
public record Rate(int num, int den) {

    public Rate {
        if (num <= 0 || den <= 0) throw new IllegalArgumentException("frame rate " + num + "/" + den);
    }

    /** The fraction an assembler's measured rate stands for: whole rates, then the x/1.001 rates, then millis. */
    public static Rate of(double fps) {
        if (!(fps > 0)) throw new IllegalArgumentException("frame rate " + fps + " fps");
        long whole = Math.round(fps);
        if (Math.abs(fps - whole) < 1e-3) return new Rate((int) whole, 1);
        long ntsc = Math.round(fps * 1.001);
        if (Math.abs(fps - ntsc / 1.001) < 1e-3) return new Rate((int) ntsc * 1000, 1001);
        return new Rate((int) Math.round(fps * 1000), 1000);
    }

    public double fps() {
        return (double) num / den;
    }

    /** The frame at or nearest {@code millis}. */
    public long frameAt(long millis) {
        return Math.round((double) millis * num / (1000.0 * den));
    }

    /** Where frame {@code frame} starts, in whole microseconds (rounded, so that consecutive frames never overlap). */
    public long micros(long frame) {
        return Math.round((double) frame * den * 1_000_000 / num);
    }

    /** Where frame {@code frame} starts, in seconds. */
    public double seconds(long frame) {
        return (double) frame * den / num;
    }

    /** {@code frames} as a rational number of seconds, as FCPXML writes it: {@code 97/24s}, {@code 0s}. */
    public String rational(long frames) {
        if (frames == 0) return "0s";
        long numerator = frames * den;
        if (numerator % num == 0) return numerator / num + "s";
        return numerator + "/" + num + "s";
    }

    /** {@code frames} as MLT's clock time {@code HH:MM:SS.mmm}. */
    public String clock(long frames) {
        long millis = Math.round(seconds(frames) * 1000);
        return String.format(
                "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }
}
