package dev.seedance4j.studio.assembly;

import dev.seedance4j.media.CjkFont;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How episodes are assembled. {@link #defaults()} gives a platform-ready result: loudness at −16 LUFS integrated and
 * −1.5 dBTP, soft subtitles, a cover and a contact sheet, no background music, no burnt-in subtitles.
 *
 * <p>Every field takes part in the change stamp: changing any of them (or the bytes of the music or font file)
 * makes the next {@link EpisodeAssembler#assemble assemble} run again instead of reporting "skipped".
 *
 * @param normaliseLoudness   run two-pass EBU R128 loudness normalisation on the episode's sound
 * @param targetLufs          integrated loudness target, −70 to −5 LUFS
 * @param truePeakDb          true-peak ceiling, −9 to 0 dBTP
 * @param loudnessRangeLu     loudness range target, 1 to 20 LU
 * @param loudnessToleranceLu how far from the target, 0 to 3 LU, a stream-copied episode's sound may measure and
 *                            still be copied as it is (with its true peak under the ceiling); beyond it the sound is
 *                            re-encoded at the gain that reaches the target
 * @param backgroundMusic     a music file looped under the whole episode, or null
 * @param musicVolumeDb       gain applied to the music everywhere, in dB (≤ 0)
 * @param musicDuckDb         further gain applied to the music while a dialogue line is on screen, in dB (≤ 0)
 * @param softSubtitles       add the dialogue as a mov_text subtitle track to the MP4
 * @param subtitleLanguage    ISO 639-2 code of the subtitle track, e.g. {@code chi}, {@code eng}, {@code und}
 * @param burnInSubtitles     draw the subtitles into the picture (re-encodes the video); needs {@code subtitleFont}
 * @param subtitleFont        a TrueType/OpenType font file that has every glyph of the dialogue, or null; when set it
 *                            also labels the contact sheet (otherwise the CJK font of {@code CjkFont} does)
 * @param coverShotId         the shot whose frame becomes the cover, or null for the first shot
 * @param coverAtSeconds      the time of the cover frame within that shot, or null for its middle
 * @param contactSheetColumns cells per row of the contact sheet, at least 1
 * @param thumbnailWidth      width of one contact-sheet cell in pixels, 64 to 1920, even
 * @param outputWidth         width of a normalised episode, or 0 to derive it from the clips and the ratio
 * @param outputHeight        height of a normalised episode, or 0 to derive it from the clips and the ratio
 * @param alwaysNormalise     re-encode even when the clips could be joined by stream copy
 * @param x264Preset          libx264 preset of every re-encode (e.g. {@code veryfast}, {@code medium})
 * @param x264Crf             libx264 constant rate factor of every re-encode, 0 to 51
 * @param audioBitrateKbps    AAC bitrate of the episode's sound
 */
public record AssemblySettings(
        boolean normaliseLoudness,
        double targetLufs,
        double truePeakDb,
        double loudnessRangeLu,
        double loudnessToleranceLu,
        Path backgroundMusic,
        double musicVolumeDb,
        double musicDuckDb,
        boolean softSubtitles,
        String subtitleLanguage,
        boolean burnInSubtitles,
        Path subtitleFont,
        String coverShotId,
        Double coverAtSeconds,
        int contactSheetColumns,
        int thumbnailWidth,
        int outputWidth,
        int outputHeight,
        boolean alwaysNormalise,
        String x264Preset,
        int x264Crf,
        int audioBitrateKbps) {

    public AssemblySettings {
        check(targetLufs >= -70 && targetLufs <= -5, "targetLufs", targetLufs, "−70 to −5 LUFS");
        check(truePeakDb >= -9 && truePeakDb <= 0, "truePeakDb", truePeakDb, "−9 to 0 dBTP");
        check(loudnessRangeLu >= 1 && loudnessRangeLu <= 20, "loudnessRangeLu", loudnessRangeLu, "1 to 20 LU");
        check(
                loudnessToleranceLu >= 0 && loudnessToleranceLu <= 3,
                "loudnessToleranceLu",
                loudnessToleranceLu,
                "0 to 3 LU");
        check(musicVolumeDb <= 0 && musicVolumeDb >= -60, "musicVolumeDb", musicVolumeDb, "−60 to 0 dB");
        check(musicDuckDb <= 0 && musicDuckDb >= -60, "musicDuckDb", musicDuckDb, "−60 to 0 dB");
        Objects.requireNonNull(subtitleLanguage, "subtitleLanguage");
        check(
                subtitleLanguage.matches("[a-z]{3}"),
                "subtitleLanguage",
                subtitleLanguage,
                "three lower-case letters (ISO 639-2)");
        if (burnInSubtitles && subtitleFont == null) {
            throw new IllegalArgumentException(
                    "burnInSubtitles needs subtitleFont: a font file that has every glyph of the "
                            + "dialogue (CJK text needs a CJK font; no system font is assumed)");
        }
        check(
                contactSheetColumns >= 1 && contactSheetColumns <= 32,
                "contactSheetColumns",
                contactSheetColumns,
                "1 to 32");
        check(
                thumbnailWidth >= 64 && thumbnailWidth <= 1920 && thumbnailWidth % 2 == 0,
                "thumbnailWidth",
                thumbnailWidth,
                "an even number from 64 to 1920");
        check(
                (outputWidth == 0) == (outputHeight == 0),
                "outputWidth/outputHeight",
                outputWidth + "x" + outputHeight,
                "both zero or both set");
        check(
                outputWidth == 0
                        || (outputWidth >= 16 && outputHeight >= 16 && outputWidth % 2 == 0 && outputHeight % 2 == 0),
                "outputWidth/outputHeight",
                outputWidth + "x" + outputHeight,
                "even numbers of at least 16");
        Objects.requireNonNull(x264Preset, "x264Preset");
        check(
                x264Preset.matches("ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow"),
                "x264Preset",
                x264Preset,
                "one of libx264's presets");
        check(x264Crf >= 0 && x264Crf <= 51, "x264Crf", x264Crf, "0 to 51");
        check(audioBitrateKbps >= 32 && audioBitrateKbps <= 512, "audioBitrateKbps", audioBitrateKbps, "32 to 512");
    }

    private static void check(boolean ok, String field, Object value, String rule) {
        if (!ok) throw new IllegalArgumentException("assembly setting " + field + " is " + value + "; must be " + rule);
    }

    /** The defaults described on the type. */
    public static AssemblySettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.normaliseLoudness = normaliseLoudness;
        b.targetLufs = targetLufs;
        b.truePeakDb = truePeakDb;
        b.loudnessRangeLu = loudnessRangeLu;
        b.loudnessToleranceLu = loudnessToleranceLu;
        b.backgroundMusic = backgroundMusic;
        b.musicVolumeDb = musicVolumeDb;
        b.musicDuckDb = musicDuckDb;
        b.softSubtitles = softSubtitles;
        b.subtitleLanguage = subtitleLanguage;
        b.burnInSubtitles = burnInSubtitles;
        b.subtitleFont = subtitleFont;
        b.coverShotId = coverShotId;
        b.coverAtSeconds = coverAtSeconds;
        b.contactSheetColumns = contactSheetColumns;
        b.thumbnailWidth = thumbnailWidth;
        b.outputWidth = outputWidth;
        b.outputHeight = outputHeight;
        b.alwaysNormalise = alwaysNormalise;
        b.x264Preset = x264Preset;
        b.x264Crf = x264Crf;
        b.audioBitrateKbps = audioBitrateKbps;
        return b;
    }

    /** Builds {@link AssemblySettings}; every setter is optional. */
    public static final class Builder {
        private boolean normaliseLoudness = true;
        private double targetLufs = -16;
        private double truePeakDb = -1.5;
        private double loudnessRangeLu = 11;
        private double loudnessToleranceLu = 0.5;
        private Path backgroundMusic;
        private double musicVolumeDb = -18;
        private double musicDuckDb = -12;
        private boolean softSubtitles = true;
        private String subtitleLanguage = "und";
        private boolean burnInSubtitles;
        private Path subtitleFont;
        private String coverShotId;
        private Double coverAtSeconds;
        private int contactSheetColumns = 4;
        private int thumbnailWidth = 320;
        private int outputWidth;
        private int outputHeight;
        private boolean alwaysNormalise;
        private String x264Preset = "veryfast";
        private int x264Crf = 20;
        private int audioBitrateKbps = 192;

        private Builder() {}

        /** Loudness target; also switches normalisation on. */
        public Builder loudness(double targetLufs, double truePeakDb) {
            this.normaliseLoudness = true;
            this.targetLufs = targetLufs;
            this.truePeakDb = truePeakDb;
            return this;
        }

        public Builder loudnessRange(double lu) {
            this.loudnessRangeLu = lu;
            return this;
        }

        /**
         * How far from the target copied sound may measure and still be copied unchanged (default 0.5 LU); 0 means
         * any difference makes the sound re-encoded.
         */
        public Builder loudnessTolerance(double lu) {
            this.loudnessToleranceLu = lu;
            return this;
        }

        /** Keeps the clips' sound at its own level (no loudness normalisation). */
        public Builder noLoudnessNormalisation() {
            this.normaliseLoudness = false;
            return this;
        }

        /** Loops {@code music} under the episode at {@code volumeDb}, and {@code duckDb} lower under dialogue. */
        public Builder backgroundMusic(Path music, double volumeDb, double duckDb) {
            this.backgroundMusic = Objects.requireNonNull(music, "music");
            this.musicVolumeDb = volumeDb;
            this.musicDuckDb = duckDb;
            return this;
        }

        /** Loops {@code music} under the episode at the default levels (−18 dB, −12 dB more under dialogue). */
        public Builder backgroundMusic(Path music) {
            this.backgroundMusic = Objects.requireNonNull(music, "music");
            return this;
        }

        public Builder softSubtitles(boolean on) {
            this.softSubtitles = on;
            return this;
        }

        public Builder subtitleLanguage(String iso639_2) {
            this.subtitleLanguage = iso639_2;
            return this;
        }

        /**
         * Draws the subtitles into the picture with the CJK font of {@link CjkFont}: the one shipped with
         * seedance4j-media (Chinese and Latin), or the one {@code SEEDANCE_CJK_FONT} / {@code seedance.cjk.font}
         * names.
         */
        public Builder burnInSubtitles() {
            return burnInSubtitles(CjkFont.locate());
        }

        /** Draws the subtitles into the picture with {@code fontFile}, which must cover the dialogue's script. */
        public Builder burnInSubtitles(Path fontFile) {
            this.burnInSubtitles = true;
            this.subtitleFont = Objects.requireNonNull(fontFile, "fontFile");
            return this;
        }

        /** Chooses the cover frame: {@code atSeconds} into {@code shotId}, or its middle when null. */
        public Builder cover(String shotId, Double atSeconds) {
            this.coverShotId = shotId;
            this.coverAtSeconds = atSeconds;
            return this;
        }

        public Builder contactSheet(int columns, int thumbnailWidth) {
            this.contactSheetColumns = columns;
            this.thumbnailWidth = thumbnailWidth;
            return this;
        }

        /** Fixes the size of a normalised episode instead of deriving it from the clips. */
        public Builder outputSize(int width, int height) {
            this.outputWidth = width;
            this.outputHeight = height;
            return this;
        }

        public Builder alwaysNormalise(boolean on) {
            this.alwaysNormalise = on;
            return this;
        }

        public Builder encoder(String x264Preset, int x264Crf, int audioBitrateKbps) {
            this.x264Preset = x264Preset;
            this.x264Crf = x264Crf;
            this.audioBitrateKbps = audioBitrateKbps;
            return this;
        }

        public AssemblySettings build() {
            return new AssemblySettings(
                    normaliseLoudness,
                    targetLufs,
                    truePeakDb,
                    loudnessRangeLu,
                    loudnessToleranceLu,
                    backgroundMusic,
                    musicVolumeDb,
                    musicDuckDb,
                    softSubtitles,
                    subtitleLanguage,
                    burnInSubtitles,
                    subtitleFont,
                    coverShotId,
                    coverAtSeconds,
                    contactSheetColumns,
                    thumbnailWidth,
                    outputWidth,
                    outputHeight,
                    alwaysNormalise,
                    x264Preset,
                    x264Crf,
                    audioBitrateKbps);
        }
    }
}
