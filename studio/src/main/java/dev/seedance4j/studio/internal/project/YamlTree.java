package dev.seedance4j.studio.internal.project;

import dev.seedance4j.studio.ProjectProblem;
import dev.seedance4j.studio.SourcePosition;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reading of a composed YAML node tree that never stops at the first mistake: every wrong type, unknown or
 * duplicate key is recorded as a {@link ProjectProblem} with the node's line and column, and reading goes on.
 */
final class YamlTree {
    private final Path file;
    private final List<ProjectProblem> problems = new ArrayList<>();

    YamlTree(Path file) {
        this.file = file;
    }

    List<ProjectProblem> problems() {
        return problems;
    }

    SourcePosition position(Node node) {
        return position(node.getStartMark());
    }

    SourcePosition position(Optional<Mark> mark) {
        return mark.map(m -> new SourcePosition(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(new SourcePosition(file, 1, 1));
    }

    void problem(Node at, String field, String message) {
        problem(position(at), field, message);
    }

    void problem(SourcePosition at, String field, String message) {
        problems.add(new ProjectProblem(at, field, message));
    }

    /**
     * The keys of a mapping in written order, or empty (with a problem) when the node is not a mapping. Unknown and
     * duplicate keys are reported; their values are skipped.
     */
    Map<String, Entry> mapping(Node node, String field, Set<String> allowedKeys) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            problem(node, field, "must be a mapping (key: value lines), got " + describe(node));
            return entries;
        }
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problem(keyNode, field, "keys must be plain names, got " + describe(keyNode));
                continue;
            }
            String key = keyScalar.getValue();
            String childField = field.isEmpty() ? key : field + "." + key;
            if (allowedKeys != null && !allowedKeys.contains(key)) {
                String suggestion = allowedKeys.stream()
                        .filter(k -> distance(k, key) <= 2)
                        .sorted()
                        .findFirst()
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse("");
                problem(
                        keyNode,
                        childField,
                        "unknown key '" + key + "'" + suggestion + "; allowed here: "
                                + String.join(
                                        ", ", allowedKeys.stream().sorted().toList()));
                continue;
            }
            if (entries.containsKey(key)) {
                problem(
                        keyNode,
                        childField,
                        "duplicate key '" + key + "' (first written at line "
                                + entries.get(key).keyPosition().line() + ")");
                continue;
            }
            entries.put(key, new Entry(key, position(keyNode), tuple.getValueNode(), childField));
        }
        return entries;
    }

    List<Node> sequence(Node node, String field) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problem(node, field, "must be a list, got " + describe(node));
        return List.of();
    }

    /** A list, or a single scalar taken as a one-element list (so {@code images: a.png} reads naturally). */
    List<Node> sequenceOrOne(Node node, String field) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
            return List.of(node);
        }
        return sequence(node, field);
    }

    Optional<String> string(Node node, String field) {
        if (node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL)) {
            return Optional.of(scalar.getValue());
        }
        problem(node, field, "must be text, got " + describe(node));
        return Optional.empty();
    }

    Optional<String> nonBlank(Node node, String field) {
        Optional<String> text = string(node, field);
        if (text.isPresent() && text.get().isBlank()) {
            problem(node, field, "must not be empty");
            return Optional.empty();
        }
        return text;
    }

    Optional<Long> integer(Node node, String field) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                return Optional.of(parseInteger(scalar.getValue()));
            } catch (NumberFormatException e) {
                problem(node, field, "integer out of range: " + shorten(scalar.getValue()));
                return Optional.empty();
            }
        }
        problem(node, field, "must be a whole number, got " + describe(node));
        return Optional.empty();
    }

    /** An integer as YAML 1.2 writes it: decimal with an optional sign, {@code 0x} hexadecimal or {@code 0o} octal. */
    private static long parseInteger(String text) {
        if (text.startsWith("0x")) return Long.parseLong(text.substring(2), 16);
        if (text.startsWith("0o")) return Long.parseLong(text.substring(2), 8);
        return Long.parseLong(text);
    }

    Optional<Integer> smallInteger(Node node, String field) {
        Optional<Long> value = integer(node, field);
        if (value.isPresent() && (value.get() > Integer.MAX_VALUE || value.get() < Integer.MIN_VALUE)) {
            problem(node, field, "integer out of range: " + value.get());
            return Optional.empty();
        }
        return value.map(Long::intValue);
    }

    Optional<BigDecimal> number(Node node, String field) {
        if (node instanceof ScalarNode scalar
                && (scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
            try {
                return Optional.of(
                        scalar.getTag().equals(Tag.INT)
                                ? BigDecimal.valueOf(parseInteger(scalar.getValue()))
                                : new BigDecimal(scalar.getValue()));
            } catch (NumberFormatException e) {
                problem(node, field, "must be a finite number, got " + shorten(scalar.getValue()));
                return Optional.empty();
            }
        }
        problem(node, field, "must be a number, got " + describe(node));
        return Optional.empty();
    }

    Optional<Boolean> bool(Node node, String field) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Optional.of(Boolean.parseBoolean(scalar.getValue()));
        }
        problem(node, field, "must be true or false, got " + describe(node));
        return Optional.empty();
    }

    /** Edit distance, for suggesting the key that was probably meant. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing (null)";
        }
        String kind = tag.equals(Tag.INT)
                ? "the number"
                : tag.equals(Tag.FLOAT) ? "the number" : tag.equals(Tag.BOOL) ? "the boolean" : "the text";
        return kind + " '" + shorten(scalar.getValue()) + "'";
    }

    /** A written value as messages quote it: whole when short, else its start (a value may be megabytes long). */
    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** One key of a mapping with where it was written and its value node. */
    record Entry(String key, SourcePosition keyPosition, Node value, String field) {}
}
