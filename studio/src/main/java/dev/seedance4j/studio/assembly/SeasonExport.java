package dev.seedance4j.studio.assembly;

import java.nio.file.Path;
import java.util.List;

/**
 * A season's episodes and the manifest that lists them.
 *
 * @param manifest {@code season.json} in the episodes folder
 * @param episodes each episode's result, in the order given
 */
public record SeasonExport(Path manifest, List<EpisodeResult> episodes) {

    public SeasonExport {
        episodes = List.copyOf(episodes);
    }
}
