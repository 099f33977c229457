package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.Studio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the command line keeps a project's state ({@code studio.db}, {@code clips/}, {@code episodes/}): the
 * folder {@code --out} names; else {@code out/<name>} beside the project file (the studio's rule); but when that
 * holds no state and {@code out/<name>} in the current folder holds the state of this very file (the same bytes:
 * where {@code seedance demo}, or a run with {@code --out out/<name>}, put it), that one, so that nothing is made
 * twice. Each run leaves {@code project.sha256} in the folder for this check.
 *
 * @param note said to the user when the state was found in the current folder, else null
 */
record StateFolder(Path folder, String note) {

    static final String MARKER = "project.sha256";

    static StateFolder of(ProjectOptions options, Project project, Path workingDirectory) {
        if (options.outputDir != null) {
            return new StateFolder(workingDirectory.resolve(options.outputDir).normalize(), null);
        }
        Path own = Studio.defaultOutputDir(project);
        if (Files.isRegularFile(own.resolve(Studio.DATABASE))) {
            return new StateFolder(own, null);
        }
        Path here = workingDirectory.resolve("out").resolve(own.getFileName()).normalize();
        if (!here.equals(own)
                && Files.isRegularFile(here.resolve(Studio.DATABASE))
                && sha256(project.file()).equals(markedSha256(here))) {
            return new StateFolder(
                    here,
                    "the state of this project is in " + here + " (where `seedance demo` or --out put it); --out"
                            + " chooses another folder");
        }
        return new StateFolder(own, null);
    }

    /** Records which project file the state in this folder belongs to. */
    void mark(Project project) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(MARKER), sha256(project.file()) + "  " + project.file() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(MARKER), e);
        }
    }

    private static String markedSha256(Path folder) {
        try {
            String text = Files.readString(folder.resolve(MARKER));
            int space = text.indexOf(' ');
            return space < 0 ? "" : text.substring(0, space);
        } catch (IOException e) {
            return "";
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
