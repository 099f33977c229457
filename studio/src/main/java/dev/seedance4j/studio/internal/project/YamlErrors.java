package dev.seedance4j.studio.internal.project;

import java.util.List;
import java.util.Locale;

/**
 * The YAML parser's messages in the words of someone who writes a project file, not of the YAML grammar. A message
 * with no plain version is passed on as the parser wrote it.
 */
final class YamlErrors {

    private record Rephrasing(String parserSays, String plainWords) {}

    // Matched against the parser's context and problem together, in this order (the first match wins).
    private static final List<Rephrasing> TABLE = List.of(
            new Rephrasing("(TAB)", "a tab is used for indentation; indent with spaces"),
            new Rephrasing(
                    "found character '@' that cannot start any token",
                    "a value starts with '@' (a mention): put it in quotes, e.g. prompt: \"@lin 走来\""),
            new Rephrasing(
                    "that cannot start any token",
                    "a value starts with a character YAML reserves (such as ` or %): put the value in quotes"),
            new Rephrasing(
                    "while scanning a quoted scalar found unexpected end of stream",
                    "a quote is opened but never closed"),
            new Rephrasing(
                    "unknown escape character",
                    "a backslash in double quotes starts an escape YAML does not know; write \\\\ for a backslash,"
                            + " or use single quotes"),
            new Rephrasing(
                    "scanning a quoted scalar",
                    "a quoted text is not closed where it should be (a quote inside it is written \\\" in double"
                            + " quotes, '' in single quotes)"),
            new Rephrasing(
                    "mapping values are not allowed here",
                    "a ':' follows a value on this line: text that contains ': ' must be in quotes, and each key"
                            + " starts its own line, indented like its neighbours"),
            new Rephrasing(
                    "could not find expected ':'",
                    "a line is not in the form 'key: value' where one is expected (a missing ':', or text continued"
                            + " on the next line without quotes)"),
            new Rephrasing(
                    "while parsing a block mapping expected <block end>, but found '-'",
                    "a list item ('-') where a key was expected: indent the list under its key"),
            new Rephrasing("while parsing a block mapping", "this line is not indented like the keys above it"),
            new Rephrasing(
                    "while parsing a block collection",
                    "this line is not indented like the list items above it (a key of an item lines up with the"
                            + " first key after its '-')"),
            new Rephrasing(
                    "expected ',' or ']'",
                    "a list in [ ] is not closed, or two of its items have no comma between them"),
            new Rephrasing(
                    "expected ',' or '}'",
                    "a mapping in { } is not closed, or two of its entries have no comma between them"),
            new Rephrasing("found undefined alias", "an alias (*name) names no anchor (&name) defined above it"),
            new Rephrasing(
                    "Number of aliases for non-scalar nodes exceeds the specified max",
                    "too many aliases (*name): at most 20 lists or mappings may be repeated this way"),
            new Rephrasing(
                    "expected a single document in the stream",
                    "the file holds more than one YAML document ('---'); a project is one document"));

    private YamlErrors() {}

    /** The plain version of what the parser says ({@code context} may be null). */
    static String plainWords(String context, String problem) {
        String said = ((context == null ? "" : context + " ") + (problem == null ? "" : problem)).strip();
        String normalised = said.replaceAll("\\s+", " ");
        for (Rephrasing r : TABLE) {
            if (normalised.toLowerCase(Locale.ROOT).contains(r.parserSays().toLowerCase(Locale.ROOT))) {
                return r.plainWords();
            }
        }
        return normalised;
    }
}
