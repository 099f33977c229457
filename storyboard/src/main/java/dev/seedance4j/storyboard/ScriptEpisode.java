package dev.seedance4j.storyboard;

import java.util.List;

/**
 * An episode of a script.
 *
 * @param number the episode number ({@code 第3集} → 3); 1 for a script without episode marks
 * @param title  the title after the mark ({@code 第一集：重生} → {@code 重生}), or {@code ""}
 * @param line   the line of the mark, or the first line of the episode's content when there was none
 * @param scenes its scenes in order
 */
public record ScriptEpisode(int number, String title, int line, List<ScriptScene> scenes) {
    public ScriptEpisode {
        scenes = List.copyOf(scenes);
    }
}
