package dev.seedance4j.cli.internal;

import dev.seedance4j.storyboard.AnswerFormat;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How {@code seedance import} and {@code seedance make} turn a script into a project. */
public final class ImportOptions {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "PROJECT.yaml",
            description = "The project file to write (default: the script's name with .yaml, beside it). An existing"
                    + " one keeps its settings and cast; shots whose lines did not change keep their ids.")
    Path output;

    @Option(
            names = "--llm",
            paramLabel = "MODEL",
            description = "Break the script down with this chat model (e.g. doubao-seed-1-8-251215) on the same"
                    + " service and key; without it the breakdown is deterministic and spends nothing.")
    String llm;

    @Option(
            names = "--llm-format",
            paramLabel = "FORMAT",
            description = "With --llm: ask for JSON with json_schema, json_object or prompt (default: what the"
                    + " model table says the model accepts; a refused format falls back to the next).")
    String llmFormat;

    @Option(
            names = "--episodes",
            paramLabel = "A-B",
            description = "Only these episodes of the script, e.g. 1-3 or 2 (default: all).")
    String episodes;

    /** The project file: {@code -o}, else the script's name with {@code .yaml} beside it. */
    Path projectFile(Path workingDirectory, Path script) {
        if (output != null)
            return workingDirectory.resolve(output).toAbsolutePath().normalize();
        String stem = script.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return script.resolveSibling(stem + ".yaml").toAbsolutePath().normalize();
    }

    /** {@code --episodes} as first and last episode; {@code [1, MAX]} when not given. */
    int[] episodeRange() {
        if (episodes == null) return new int[] {1, Integer.MAX_VALUE};
        String text = episodes.strip();
        try {
            int dash = text.indexOf('-');
            int from =
                    Integer.parseInt(dash < 0 ? text : text.substring(0, dash).strip());
            int to = dash < 0 ? from : Integer.parseInt(text.substring(dash + 1).strip());
            if (from >= 1 && to >= from) return new int[] {from, to};
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(
                ExitCodes.BAD_INPUT,
                "--episodes must be an episode number or a range such as 1-3, starting at 1 (got " + episodes + ")");
    }

    /** {@code --llm-format}, checked; null when not given. */
    AnswerFormat format() {
        if (llmFormat == null) return null;
        if (llm == null) throw new UserError(ExitCodes.BAD_INPUT, "--llm-format needs --llm MODEL");
        try {
            return AnswerFormat.of(llmFormat.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "--llm-format: " + e.getMessage());
        }
    }
}
