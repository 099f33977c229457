package dev.seedance4j.emulator.internal.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Colours, motion and voice of a clip, derived only from the seed and the prompt so that the same request renders
 * the same clip, and different requests look and sound different. Uses its own SplitMix64 generator rather than
 * {@code java.util.Random} so that the derivation is fixed here, not by the JDK.
 */
final class RenderLook {

    final String background0;
    final String background1;
    final String background2;
    final String accent;
    final double dotFrequencyX;
    final double dotFrequencyY;
    final double dotPhaseX;
    final double dotPhaseY;
    /** Direction of the background gradient, as an angle in turns. */
    final double gradientAngle;

    final String voiceExpression;

    private long state;

    RenderLook(long seed, String prompt) {
        state = seed ^ promptHash(prompt);
        double hue = next();
        background0 = hsv(hue, 0.55 + 0.2 * next(), 0.30 + 0.15 * next());
        background1 = hsv(hue + 0.18 + 0.2 * next(), 0.55 + 0.2 * next(), 0.35 + 0.15 * next());
        background2 = hsv(hue + 0.5 + 0.1 * next(), 0.45 + 0.2 * next(), 0.25 + 0.15 * next());
        accent = hsv(hue + 0.5, 0.35, 0.98);
        dotFrequencyX = 0.15 + 0.2 * next();
        dotFrequencyY = 0.2 + 0.25 * next();
        dotPhaseX = next();
        dotPhaseY = next();
        gradientAngle = next();
        voiceExpression = voice();
    }

    /**
     * A speaking-voice-like tone for aevalsrc: syllables at 3.5–5 per second with a sine envelope, a pause every
     * few syllables, a pitch that steps per syllable and glides with the phrase, and harmonics whose mix changes
     * per syllable like vowels do. Phase jumps between syllables fall where the envelope is zero, so they are
     * silent.
     */
    private String voice() {
        double pitch = 105 + 120 * next();
        double rate = 3.5 + 1.5 * next();
        double glide = 0.25 + 0.3 * next();
        double glidePhase = 2 * Math.PI * next();
        double stepPhase = 2 * Math.PI * next();
        double vowelPhase = 2 * Math.PI * next();
        int phrase = 5 + (int) (3 * next());
        // st(i, x) stores x in variable i and ld(i) reads it: each part is computed once per sample
        String syllable = "st(0,floor(t*%s))".formatted(num(rate));
        String envelope =
                "st(1,pow(sin(PI*(t*%s-ld(0))),2)*lt(mod(ld(0),%d),%d))".formatted(num(rate), phrase, phrase - 1);
        String phase = "st(2,2*PI*%s*(1+0.09*sin(ld(0)*1.7+%s))*(t-0.12*cos(2*PI*%s*t+%s)/(2*PI*%s)))"
                .formatted(num(pitch), num(stepPhase), num(glide), num(glidePhase), num(glide));
        String vowel = "st(3,0.45+0.35*sin(ld(0)*2.3+%s))".formatted(num(vowelPhase));
        return "%s;%s;%s;%s;0.3*ld(1)*(sin(ld(2))+ld(3)*sin(2*ld(2))+0.3*sin(3*ld(2))+0.5*ld(3)*sin(4*ld(2)))"
                .formatted(syllable, envelope, phase, vowel);
    }

    private double next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static long promptHash(String prompt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
            long hash = 0;
            for (int i = 0; i < 8; i++) hash = (hash << 8) | (digest[i] & 0xFF);
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String hsv(double hue, double saturation, double value) {
        double h = (hue - Math.floor(hue)) * 6;
        int sector = (int) h;
        double f = h - sector;
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] {value, t, p};
            case 1 -> new double[] {q, value, p};
            case 2 -> new double[] {p, value, t};
            case 3 -> new double[] {p, q, value};
            case 4 -> new double[] {t, p, value};
            default -> new double[] {value, p, q};
        };
        return "0x%02X%02X%02X".formatted(Math.round(rgb[0] * 255), Math.round(rgb[1] * 255), Math.round(rgb[2] * 255));
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
