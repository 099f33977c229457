package dev.seedance4j.studio;

import dev.seedance4j.studio.assembly.EpisodeResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Studio#assemble} made: the finished episodes (成片), the ones still waiting for shots, and the season
 * manifest.
 *
 * @param episodes   each episode that had a delivered clip for every shot, assembled or skipped as unchanged
 * @param incomplete each episode that is not ready, with the shots it still lacks
 * @param manifest   {@code episodes/season.json}, written when at least one episode is ready
 */
public record AssemblyReport(
        List<EpisodeResult> episodes, Map<String, List<ShotKey>> incomplete, Optional<Path> manifest) {

    public AssemblyReport {
        episodes = List.copyOf(episodes);
        incomplete = Map.copyOf(incomplete);
    }
}
