package dev.seedance4j.storyboard;

import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.ShotKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an earlier import wrote into the project file: each shot's fingerprint ({@code fp:} in its comment) and the
 * shot as it stands now (a person may have edited its prompt or duration; those edits are kept).
 */
final class PreviousImport {
    private static final Pattern FINGERPRINT = Pattern.compile("#.*\\bfp:([0-9a-f]{8})\\s*$");
    private static final Pattern SHOT_ID = Pattern.compile("^\\s*-\\s*id:\\s*\"?([A-Za-z0-9._-]+)\"?\\s*$");
    private static final Pattern EPISODE_ID = Pattern.compile("^\\s{2}-\\s*id:\\s*\"?([A-Za-z0-9._-]+)\"?.*$");

    private final Map<String, ShotKey> byFingerprint;
    private final Optional<Project> project;

    private PreviousImport(Map<String, ShotKey> byFingerprint, Optional<Project> project) {
        this.byFingerprint = byFingerprint;
        this.project = project;
    }

    static PreviousImport none() {
        return new PreviousImport(Map.of(), Optional.empty());
    }

    static PreviousImport read(Path file, Optional<Project> project) throws IOException {
        Map<String, ShotKey> found = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String episode = null;
        String pending = null;
        for (String line : lines) {
            Matcher ep = EPISODE_ID.matcher(line);
            if (ep.matches() && !line.startsWith("      ")) {
                episode = ep.group(1);
                continue;
            }
            Matcher fp = FINGERPRINT.matcher(line);
            if (fp.find() && line.strip().startsWith("#")) {
                pending = fp.group(1);
                continue;
            }
            Matcher id = SHOT_ID.matcher(line);
            if (id.matches() && pending != null && episode != null) {
                found.putIfAbsent(pending, new ShotKey(episode, id.group(1)));
            }
            if (!line.isBlank()) pending = null;
        }
        return new PreviousImport(found, project);
    }

    /** The shot an earlier import made from the same lines, if the project still has it. */
    Optional<ShotKey> shot(String fingerprint, String episode) {
        ShotKey key = byFingerprint.get(fingerprint);
        if (key == null || !key.episode().equals(episode)) return Optional.empty();
        return Optional.of(key);
    }

    /** That shot as the project holds it now. */
    Optional<Shot> current(ShotKey key) {
        return project.flatMap(p -> p.shot(key));
    }
}
