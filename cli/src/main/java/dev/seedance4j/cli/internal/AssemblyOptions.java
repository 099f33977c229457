package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.assembly.AssemblySettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How finished episodes (成片) are assembled after a run. */
public final class AssemblyOptions {

    @Option(names = "--no-assemble", description = "Generate clips only; do not join episodes.")
    boolean skip;

    @Option(
            names = "--music",
            paramLabel = "FILE",
            description = "Background music, looped and lowered under dialogue.")
    Path music;

    @Option(
            names = "--burn-subtitles",
            paramLabel = "FONT",
            description = "Draw subtitles into the picture with this font file (one with every glyph of the dialogue).")
    Path burnInFont;

    @Option(
            names = "--loudness",
            paramLabel = "LUFS",
            defaultValue = "-16",
            description = "Integrated loudness target (default: ${DEFAULT-VALUE}).")
    double loudness;

    @Option(names = "--no-loudnorm", description = "Keep the clips' own loudness.")
    boolean noLoudnorm;

    @Option(
            names = "--loudness-tolerance",
            paramLabel = "LU",
            defaultValue = "0.5",
            description =
                    "Copy the clips' sound unchanged when it measures this close to the target (default: ${DEFAULT-VALUE}).")
    double loudnessTolerance;

    @Option(
            names = "--cover",
            paramLabel = "SHOT",
            description = "Shot whose middle frame is the cover (default: the first).")
    String coverShot;

    @Option(
            names = "--export",
            paramLabel = "FORMAT",
            description = "Then export the assembled episodes: jianying, capcut, otio, otioz, fcpxml or mlt"
                    + " (into exports/<format>/; seedance export has more settings).")
    String export;

    AssemblySettings settings() {
        AssemblySettings.Builder b = AssemblySettings.builder();
        if (noLoudnorm) b.noLoudnessNormalisation();
        else b.loudness(loudness, AssemblySettings.defaults().truePeakDb()).loudnessTolerance(loudnessTolerance);
        if (music != null) b.backgroundMusic(music);
        if (burnInFont != null) b.burnInSubtitles(burnInFont);
        if (coverShot != null) b.cover(coverShot, null);
        return b.build();
    }
}
