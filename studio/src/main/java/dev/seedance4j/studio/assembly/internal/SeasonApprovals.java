package dev.seedance4j.studio.assembly.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.studio.ApprovalView;
import dev.seedance4j.studio.StudioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The approvals in {@code season.json}: each episode whose current cut (its {@code stamp}) was approved carries an
 * {@code approval} object ({@code by}, {@code at}, {@code note}); the state database is the record, the file a copy
 * for whoever receives the season.
 */
public final class SeasonApprovals {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SeasonApprovals() {}

    /** The stamp of the episode's cut as last assembled, if {@code season.json} has the episode. */
    public static Optional<String> stamp(Path manifest, String episode) {
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            for (JsonNode e : JSON.readTree(manifest.toFile()).path("episodes")) {
                if (episode.equals(e.path("id").asText()) && e.hasNonNull("stamp")) {
                    return Optional.of(e.get("stamp").asText());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new StudioException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }

    /** Writes each episode's approval of its current cut (the latest one) into the file, and removes stale ones. */
    public static void write(Path manifest, List<ApprovalView> approvals) {
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(manifest.toFile());
            for (JsonNode e : root.path("episodes")) {
                ObjectNode episode = (ObjectNode) e;
                episode.remove("approval");
                String id = episode.path("id").asText();
                String stamp = episode.path("stamp").asText();
                approvals.stream()
                        .filter(a -> a.episode().equals(id) && a.stamp().equals(stamp))
                        .reduce((a, b) -> b)
                        .ifPresent(a -> {
                            ObjectNode node = episode.putObject("approval");
                            node.put("by", a.by());
                            node.put("at", a.at().toString());
                            if (a.note() == null) node.putNull("note");
                            else node.put("note", a.note());
                        });
            }
            Path temporary = manifest.resolveSibling(manifest.getFileName() + ".part");
            JSON.writeValue(temporary.toFile(), root);
            Files.move(temporary, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StudioException("cannot write the approvals into " + manifest + ": " + e.getMessage(), e);
        }
    }
}
