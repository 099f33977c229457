package dev.seedance4j.export;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the assembler does not know and an editor wants to see: the titles that name the timeline, and a note per
 * shot (its prompt), which becomes the note of the shot's marker.
 *
 * @param projectTitle the project's title; may be empty
 * @param episodeTitle the episode's title; may be empty
 * @param notes        shot id to note; shots without one get none
 */
public record EpisodeLabels(String projectTitle, String episodeTitle, Map<String, String> notes) {

    public EpisodeLabels {
        projectTitle = projectTitle == null ? "" : projectTitle.strip();
        episodeTitle = episodeTitle == null ? "" : episodeTitle.strip();
        notes = Map.copyOf(Objects.requireNonNull(notes, "notes"));
    }

    /** No titles and no notes: the timeline is named after the episode id. */
    public static EpisodeLabels none() {
        return new EpisodeLabels("", "", Map.of());
    }

    /** The note of a shot, or an empty string. */
    public String note(String shotId) {
        return notes.getOrDefault(shotId, "");
    }

    /** The timeline's name: project title, episode id and episode title, those that are not empty. */
    public String timelineName(String episodeId) {
        return Stream.of(projectTitle, episodeId, episodeTitle)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" "));
    }
}
