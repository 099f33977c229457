package dev.seedance4j.storyboard;

import dev.seedance4j.storyboard.internal.ScriptReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A script read into episodes → scenes → beats, each with its source line, and what the importer said about it.
 *
 * <pre>{@code
 * Script script = Script.read(Path.of("drama.md"));
 * script.diagnostics().forEach(System.out::println);
 * if (script.grade() == Severity.FATAL) return;
 * }</pre>
 *
 * <p>Two formats are read: the Chinese short-drama convention in its common variants, and Fountain 1.1 (chosen by
 * the {@code .fountain} extension or a Fountain title page or scene heading). Widths and Markdown are normalised
 * first, then each line is parsed strictly; anything the parser had to guess is a {@link Severity#REVIEW}
 * diagnostic with the file, line and original text.
 *
 * @param file        the script file (absolute, normalised)
 * @param format      {@code short-drama} or {@code fountain}
 * @param title       {@code 《剧名》} or the Fountain title page's {@code Title}; {@code ""} when none
 * @param bios        the {@code 人物小传} lines
 * @param episodes    the episodes in order
 * @param diagnostics everything the importer said, in line order
 */
public record Script(
        Path file,
        String format,
        String title,
        List<CharacterBio> bios,
        List<ScriptEpisode> episodes,
        List<Diagnostic> diagnostics) {

    public Script {
        bios = List.copyOf(bios);
        episodes = List.copyOf(episodes);
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(Comparator.comparingInt(Diagnostic::line));
        diagnostics = List.copyOf(sorted);
    }

    /** Reads and parses a script file; never throws for bad content (see {@link #diagnostics()}). */
    public static Script read(Path file) {
        return ScriptReader.read(file);
    }

    /** Parses script text as if read from {@code file} (which names it in diagnostics). */
    public static Script parse(Path file, String text) {
        return ScriptReader.parse(file, text);
    }

    /** The worst severity said: {@link Severity#FATAL}, {@link Severity#REVIEW} or {@link Severity#OK}. */
    public Severity grade() {
        return diagnostics.stream()
                .map(Diagnostic::severity)
                .min(Comparator.naturalOrder())
                .orElse(Severity.OK);
    }

    /** Every speaker and every name of a cast line, in order of appearance. */
    public List<String> characterNames() {
        Set<String> names = new LinkedHashSet<>();
        bios.forEach(b -> names.add(b.name()));
        for (ScriptEpisode e : episodes) {
            for (ScriptScene s : e.scenes()) {
                names.addAll(s.cast());
                s.dialogue().forEach(d -> names.add(d.speaker()));
            }
        }
        return List.copyOf(names);
    }

    /** The episodes numbered within {@code from..to} (inclusive). */
    public Script episodes(int from, int to) {
        return new Script(
                file,
                format,
                title,
                bios,
                episodes.stream()
                        .filter(e -> e.number() >= from && e.number() <= to)
                        .toList(),
                diagnostics);
    }
}
