package dev.seedance4j.studio.assembly.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.studio.assembly.DialogueLine;
import dev.seedance4j.studio.assembly.EpisodeInput;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotClip;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.internal.Hashing;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@code season.json}: every episode with its shots, takes, durations and costs, and every file with its size
 * and SHA-256, so that whoever receives the season can check that nothing was lost or altered on the way.
 * Costs that the engine did not know are written as null and make {@code costComplete} false, rather than counting
 * as zero.
 */
public final class SeasonManifest {

    public static final String FORMAT = "seedance4j-season/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SeasonManifest() {}

    public static void write(Path manifest, String project, List<EpisodeInput> inputs, List<EpisodeResult> results)
            throws IOException {
        Path folder = manifest.toAbsolutePath().getParent();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("project", project);
        root.put("generatedAt", Instant.now().toString());
        ArrayNode episodes = root.putArray("episodes");
        Totals season = new Totals();
        for (int e = 0; e < inputs.size(); e++) {
            EpisodeInput input = inputs.get(e);
            EpisodeResult result = results.get(e);
            ObjectNode episode = episodes.addObject();
            episode.put("id", input.episodeId());
            episode.put("title", input.title());
            episode.put("ratio", input.ratio());
            episode.put("mode", result.mode().name());
            episode.put("sound", result.sound().name());
            episode.put("durationSeconds", round3(result.durationSeconds()));
            episode.put("stamp", result.stamp());
            Totals totals = new Totals();
            ArrayNode shots = episode.putArray("shots");
            for (int s = 0; s < input.shots().size(); s++) {
                ShotClip shot = input.shots().get(s);
                ShotPlacement placed = result.shots().get(s);
                ObjectNode node = shots.addObject();
                node.put("id", shot.shotId());
                node.put("take", shot.take());
                node.put("takeHash", shot.takeHash());
                node.put("startSeconds", round3(placed.startSeconds()));
                node.put("durationSeconds", round3(placed.durationSeconds()));
                putCost(node, shot.tokens(), shot.costCny());
                ArrayNode dialogue = node.putArray("dialogue");
                for (DialogueLine line : shot.dialogue()) {
                    dialogue.addObject().put("who", line.who()).put("text", line.text());
                }
                totals.add(shot.tokens(), shot.costCny());
            }
            totals.putInto(episode);
            season.add(totals);
            ArrayNode files = episode.putArray("files");
            for (Path file : result.files()) {
                files.addObject()
                        .put(
                                "path",
                                folder.relativize(file.toAbsolutePath())
                                        .toString()
                                        .replace('\\', '/'))
                        .put("bytes", Files.size(file))
                        .put("sha256", Hashing.sha256(file));
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("episodes", inputs.size());
        totals.put("shots", inputs.stream().mapToInt(i -> i.shots().size()).sum());
        totals.put(
                "durationSeconds",
                round3(results.stream()
                        .mapToDouble(EpisodeResult::durationSeconds)
                        .sum()));
        season.putInto(totals);
        Path temporary = manifest.resolveSibling(manifest.getFileName() + ".part");
        JSON.writeValue(temporary.toFile(), root);
        Files.move(temporary, manifest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void putCost(ObjectNode node, Long tokens, BigDecimal cny) {
        if (tokens == null) node.putNull("tokens");
        else node.put("tokens", tokens);
        if (cny == null) node.putNull("costCny");
        else node.put("costCny", cny);
    }

    private static double round3(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** Sums of known costs, remembering whether any were unknown. */
    private static final class Totals {
        long tokens;
        BigDecimal cny = BigDecimal.ZERO;
        boolean complete = true;

        void add(Long t, BigDecimal c) {
            if (t == null || c == null) complete = false;
            if (t != null) tokens += t;
            if (c != null) cny = cny.add(c);
        }

        void add(Totals other) {
            tokens += other.tokens;
            cny = cny.add(other.cny);
            complete &= other.complete;
        }

        void putInto(ObjectNode node) {
            node.put("tokens", tokens);
            node.put("costCny", cny);
            node.put("costComplete", complete);
        }
    }
}
