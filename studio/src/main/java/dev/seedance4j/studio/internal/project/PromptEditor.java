package dev.seedance4j.studio.internal.project;

import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Rewrites one shot's {@code prompt:} in the project file's text and nothing else: comments, order, quoting and
 * every other line stay as the writer left them. The new prompt is written as a double-quoted scalar.
 */
public final class PromptEditor {
    private PromptEditor() {}

    /** The file's text with the shot's prompt replaced, and the lines that differ (for the user to confirm). */
    public record Edit(String text, List<String> oldLines, List<String> newLines, int firstLine) {
        /** A unified-diff-like rendering: {@code @@ line N @@}, then {@code -} old and {@code +} new lines. */
        public String diff() {
            StringBuilder out = new StringBuilder("@@ line " + firstLine + " @@\n");
            oldLines.forEach(l -> out.append("- ").append(l).append('\n'));
            newLines.forEach(l -> out.append("+ ").append(l).append('\n'));
            return out.toString();
        }
    }

    /**
     * @throws StudioException when the shot or its {@code prompt:} line cannot be found in the text
     */
    public static Edit replace(String text, ShotKey key, String prompt) {
        Node root = new Compose(
                        LoadSettings.builder().setMaxAliasesForCollections(20).build())
                .composeString(text)
                .orElseThrow(() -> new StudioException("the project file is empty"));
        Node value = child(root, "episodes")
                .flatMap(eps -> item(eps, key.episode()))
                .flatMap(ep -> child(ep, "shots"))
                .flatMap(shots -> item(shots, key.shot()))
                .flatMap(shot -> child(shot, "prompt"))
                .orElseThrow(() -> new StudioException(
                        key + " has no prompt: line in the project file to edit" + " (write one there first)"));
        if (!(value instanceof ScalarNode)
                || value.getStartMark().isEmpty()
                || value.getEndMark().isEmpty()) {
            throw new StudioException(key + "'s prompt is not a plain text value in the project file");
        }
        int start = text.offsetByCodePoints(0, value.getStartMark().get().getIndex());
        int end = text.offsetByCodePoints(0, value.getEndMark().get().getIndex());
        String edited = text.substring(0, start) + quoted(prompt) + text.substring(end);
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        int oldLineEnd = lineEnd(text, end);
        int newLineEnd = lineEnd(edited, start + quoted(prompt).length());
        int firstLine = (int) text.substring(0, lineStart)
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
        return new Edit(
                edited,
                List.of(text.substring(lineStart, oldLineEnd).split("\n", -1)),
                List.of(edited.substring(lineStart, newLineEnd).split("\n", -1)),
                firstLine);
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /** A YAML double-quoted scalar: JSON-like escapes, so any text (newlines, quotes, CJK) survives. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) out.append(String.format("\\x%02x", c));
                    else out.appendCodePoint(c);
                }
            }
        });
        return out.append('"').toString();
    }

    private static Optional<Node> child(Node mapping, String key) {
        if (!(mapping instanceof MappingNode map)) return Optional.empty();
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    /** The mapping in a sequence whose {@code id:} is {@code id}. */
    private static Optional<Node> item(Node sequence, String id) {
        if (!(sequence instanceof SequenceNode seq)) return Optional.empty();
        List<Node> found = new ArrayList<>();
        for (Node n : seq.getValue()) {
            child(n, "id")
                    .filter(v -> v instanceof ScalarNode s && s.getValue().equals(id))
                    .ifPresent(v -> found.add(n));
        }
        return found.stream().findFirst();
    }
}
