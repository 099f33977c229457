package dev.seedance4j.emulator.internal.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds an ffmpeg {@code -filter_complex} graph statement by statement. Every method returns the label of the
 * stream it produced; labels are numbered in creation order, so the same calls always give the same text.
 */
final class Graph {

    private final List<String> statements = new ArrayList<>();
    private int labels;

    /** A chain starting with a source filter, or at an input pad written into the filter text ({@code [2:v]...}). */
    String source(String filter, Object... args) {
        String out = label();
        statements.add(filter.formatted(args) + "[" + out + "]");
        return out;
    }

    /** Applies filters to a labelled stream. */
    String apply(String input, String filter, Object... args) {
        String out = label();
        statements.add("[" + input + "]" + filter.formatted(args) + "[" + out + "]");
        return out;
    }

    /** Lays {@code top} over {@code base}. */
    String overlay(String base, String top, String options, Object... args) {
        String out = label();
        statements.add("[" + base + "][" + top + "]overlay=" + options.formatted(args) + "[" + out + "]");
        return out;
    }

    /** Two copies of a stream. */
    String[] split(String input) {
        String first = label();
        String second = label();
        statements.add("[" + input + "]split=2[" + first + "][" + second + "]");
        return new String[] {first, second};
    }

    String text() {
        return String.join(";\n", statements);
    }

    private String label() {
        return "s" + labels++;
    }

    /**
     * Quotes a value for a filter option inside a filter graph. Two parsers read it in turn (the graph parser, then
     * the option parser), each stripping one level of quoting, so it is quoted twice. Inside single quotes every
     * character is literal; a single quote itself is closed, escaped and reopened.
     */
    static String quote(String value) {
        return once(once(value));
    }

    private static String once(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
