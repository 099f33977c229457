package dev.seedance4j.storyboard;

import java.util.List;

/**
 * An episode of the breakdown.
 *
 * @param id     the episode id in the project ({@code ep01})
 * @param source the episode of the script
 * @param shots  its shots in order
 */
public record EpisodeDraft(String id, ScriptEpisode source, List<ShotDraft> shots) {
    public EpisodeDraft {
        shots = List.copyOf(shots);
    }
}
