package dev.seedance4j.cli.internal;

import dev.seedance4j.export.ExportFormat;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.assembly.AssemblySettings;
import java.nio.file.Files;
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
            description = "Draw the dialogue into the picture too (with the Chinese font shipped with seedance,"
                    + " or --subtitle-font).")
    boolean burnIn;

    @Option(
            names = "--subtitle-font",
            paramLabel = "FONT",
            description = "Font file for burnt-in subtitles and contact-sheet labels, one with every glyph of the"
                    + " dialogue (implies --burn-subtitles; default: $SEEDANCE_CJK_FONT, else the shipped font).")
    Path subtitleFont;

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

    /** Checks the flags against the project, before anything is started or sent. */
    void check(Project project) {
        exportFormat();
        if (!skip) settings(project);
    }

    /**
     * The flags that need no project ({@code --export}, {@code --music}, {@code --subtitle-font}), checked before a
     * script is imported; {@link #check} does the rest once the project exists.
     */
    void checkBeforeImport() {
        exportFormat();
        requireFile("--music", music);
        requireFile("--subtitle-font", subtitleFont);
    }

    /** The format of {@code --export}, or null; a typo, or an export without assembly, is a flag error. */
    ExportFormat exportFormat() {
        if (export == null) return null;
        if (skip) throw new UserError(ExitCodes.BAD_INPUT, "--export needs the episodes assembled; drop --no-assemble");
        return ExportOutput.format("--export", export);
    }

    /**
     * The settings, checked before anything is generated: a flag that assembly would refuse after the clips were
     * paid for (a music or font file that does not exist, a cover shot an episode lacks) is an error now.
     */
    AssemblySettings settings(Project project) {
        requireFile("--music", music);
        requireFile("--subtitle-font", subtitleFont);
        if (coverShot != null) {
            for (Project.Episode episode : project.episodes()) {
                if (episode.shots().stream().noneMatch(s -> s.id().equals(coverShot))) {
                    throw new UserError(
                            ExitCodes.BAD_INPUT,
                            "--cover " + coverShot + ": episode " + episode.id() + " has no shot " + coverShot
                                    + " (the cover shot is looked up in every episode)");
                }
            }
        }
        AssemblySettings.Builder b = AssemblySettings.builder();
        try {
            if (noLoudnorm) b.noLoudnessNormalisation();
            else b.loudness(loudness, AssemblySettings.defaults().truePeakDb()).loudnessTolerance(loudnessTolerance);
            if (music != null) b.backgroundMusic(music);
            if (subtitleFont != null) b.burnInSubtitles(subtitleFont);
            else if (burnIn) b.burnInSubtitles();
            if (coverShot != null) b.cover(coverShot, null);
            return b.build();
        } catch (IllegalStateException e) { // SEEDANCE_CJK_FONT names no file
            throw new UserError(ExitCodes.AUTH_OR_CONFIG, Wording.forCli(e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, Wording.forCli(e.getMessage()));
        }
    }

    private static void requireFile(String flag, Path file) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new UserError(ExitCodes.BAD_INPUT, flag + " " + file + ": no such file");
        }
    }
}
