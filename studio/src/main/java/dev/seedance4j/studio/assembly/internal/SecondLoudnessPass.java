package dev.seedance4j.studio.assembly.internal;

import dev.seedance4j.media.Loudness;
import dev.seedance4j.studio.assembly.AssemblySettings;

/**
 * The second pass of two-pass loudness normalisation, from the first pass's {@code loudnorm} measurement.
 *
 * <p>When a constant gain reaches the target without pushing the true peak over the ceiling, that gain is all
 * {@code loudnorm} would apply in its linear mode; it is applied with the {@code volume} filter, which gives the
 * same samples without {@code loudnorm}'s internal 192 kHz resampling (a third of an assembly's CPU time on long
 * episodes). Otherwise {@code loudnorm} itself runs with the measured values and limits the peaks dynamically.
 */
public final class SecondLoudnessPass {

    /** Below this the mix is silence for all practical purposes and there is nothing to normalise. */
    static final double SILENCE_LUFS = -70;

    private SecondLoudnessPass() {}

    /**
     * Whether the sound may stay as it is: silent, or within the tolerance of the target with its true peak under the
     * ceiling.
     */
    public static boolean alreadyMet(Loudness measured, AssemblySettings settings) {
        if (!Double.isFinite(measured.integratedLufs()) || measured.integratedLufs() < SILENCE_LUFS) return true;
        return Math.abs(settings.targetLufs() - measured.integratedLufs()) <= settings.loudnessToleranceLu()
                && measured.truePeakDbtp() <= settings.truePeakDb();
    }

    /** The audio filter of the second pass, or null when the mix is silent and is left as it is. */
    public static String filter(Loudness measured, AssemblySettings settings) {
        if (!Double.isFinite(measured.integratedLufs()) || measured.integratedLufs() < SILENCE_LUFS) return null;
        double gain = settings.targetLufs() - measured.integratedLufs();
        if (Double.isFinite(measured.truePeakDbtp()) && measured.truePeakDbtp() + gain <= settings.truePeakDb()) {
            return "volume=" + FilterGraphs.num(gain) + "dB";
        }
        return "loudnorm=I=" + FilterGraphs.num(settings.targetLufs()) + ":TP="
                + FilterGraphs.num(settings.truePeakDb())
                + ":LRA=" + FilterGraphs.num(settings.loudnessRangeLu())
                + ":measured_I=" + FilterGraphs.num(measured.integratedLufs())
                + ":measured_TP=" + FilterGraphs.num(finite(measured.truePeakDbtp()))
                + ":measured_LRA=" + FilterGraphs.num(finite(measured.rangeLu()))
                + ":measured_thresh=" + FilterGraphs.num(finite(measured.thresholdLufs()))
                + ":linear=true,aresample=" + FilterGraphs.SAMPLE_RATE;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : -99;
    }
}
