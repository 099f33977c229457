package dev.seedance4j.media;

import dev.seedance4j.media.internal.Ebur128Parser;
import java.util.List;
import java.util.Optional;

/**
 * Loudness of a sound as ffmpeg's {@code ebur128} filter measures it (EBU R128 / ITU-R BS.1770). The four values
 * are exactly what a second, linear {@code loudnorm} pass takes as {@code measured_I}, {@code measured_TP},
 * {@code measured_LRA} and {@code measured_thresh}. Silence measures as negative infinity.
 *
 * @param integratedLufs integrated loudness in LUFS (one decimal, as ffmpeg prints it)
 * @param truePeakDbtp   true peak in dBTP
 * @param rangeLu        loudness range in LU
 * @param thresholdLufs  the relative gating threshold in LUFS
 */
public record Loudness(double integratedLufs, double truePeakDbtp, double rangeLu, double thresholdLufs) {

    /**
     * The filter that measures: append it to an audio filter chain (or use it as {@code -af}) and read the summary
     * it prints when ffmpeg ends with {@link #fromEbur128Summary}. It passes the sound through unchanged.
     */
    public static final String EBUR128_FILTER = "ebur128=peak=true";

    /** The measurement in an ffmpeg run's standard error, printed there by {@link #EBUR128_FILTER}; empty when none. */
    public static Optional<Loudness> fromEbur128Summary(List<String> stderrLines) {
        return Ebur128Parser.parse(stderrLines);
    }
}
