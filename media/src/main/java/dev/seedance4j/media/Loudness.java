package dev.seedance4j.media;

/**
 * Loudness of a file's audio as measured by ffmpeg's {@code loudnorm} filter (EBU R128 / ITU-R BS.1770).
 * The four values are exactly what a second, linear {@code loudnorm} pass takes as {@code measured_I},
 * {@code measured_TP}, {@code measured_LRA} and {@code measured_thresh}. Silence measures as negative infinity.
 *
 * @param integratedLufs integrated loudness in LUFS
 * @param truePeakDbtp   true peak in dBTP
 * @param rangeLu        loudness range in LU
 * @param thresholdLufs  the relative gating threshold in LUFS
 */
public record Loudness(double integratedLufs, double truePeakDbtp, double rangeLu, double thresholdLufs) {
}
