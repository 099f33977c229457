package dev.seedance4j.storyboard.internal;

import dev.seedance4j.storyboard.Diagnostic;
import dev.seedance4j.storyboard.Script;
import dev.seedance4j.storyboard.Severity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a script file and hands it to the parser of its format. */
public final class ScriptReader {
    /** A script is text; a larger file is surely something else (a season of 80 episodes is about 1 MB). */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private ScriptReader() {}

    public static Script read(Path script) {
        Path file = script.toAbsolutePath().normalize();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return fatal(
                        file,
                        "the file is " + size / (1024 * 1024) + " MB; a script may be at most "
                                + MAX_BYTES / (1024 * 1024) + " MB");
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            return fatal(file, "script not found: " + file);
        } catch (CharacterCodingException e) {
            return fatal(file, "the file is not UTF-8 text (save the script as UTF-8; GBK is not read)");
        } catch (IOException e) {
            return fatal(file, "cannot read the script: " + e.getMessage());
        }
        return parse(file, text);
    }

    public static Script parse(Path file, String text) {
        Path absolute = file.toAbsolutePath().normalize();
        List<String> lines = text.lines().toList();
        boolean fountain = absolute.getFileName()
                        .toString()
                        .toLowerCase(java.util.Locale.ROOT)
                        .endsWith(".fountain")
                || FountainParser.looksLikeFountain(lines);
        return fountain ? FountainParser.parse(absolute, lines) : ChineseScriptParser.parse(absolute, lines);
    }

    private static Script fatal(Path file, String message) {
        return new Script(
                file, "", "", List.of(), List.of(), List.of(new Diagnostic(Severity.FATAL, file, 0, "", message)));
    }
}
