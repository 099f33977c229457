package dev.seedance4j.storyboard;

/**
 * What a {@link Breakdown} is given for one scene.
 *
 * @param file    the script file (diagnostics name it)
 * @param episode the episode the scene is in
 * @param scene   the scene
 * @param cast    the cast matched to the project
 * @param limits  what a shot may be for the project's video model
 */
public record SceneInput(
        java.nio.file.Path file, ScriptEpisode episode, ScriptScene scene, Cast cast, ShotLimits limits) {}
