package dev.seedance4j.storyboard;

import java.util.List;

/**
 * A shot of the breakdown: the beats of one scene it shows, how long it is, its prompt, and the shot's id in the
 * project.
 *
 * @param id          the shot id ({@code s01-2}: scene 1, shot 2), kept from an earlier import when unchanged
 * @param scene       the scene it belongs to
 * @param beats       its beats in script order (every dialogue line of the script is in exactly one shot)
 * @param duration    seconds, within the video model's range
 * @param prompt      the prompt, with characters and the place as {@code @key}
 * @param size        the shot size
 * @param camera      the camera move
 * @param fingerprint a hash of the scene heading and the beats: the same text gives the same fingerprint
 */
public record ShotDraft(
        String id,
        ScriptScene scene,
        List<Beat> beats,
        int duration,
        String prompt,
        ShotSize size,
        CameraMove camera,
        String fingerprint) {

    public ShotDraft {
        beats = List.copyOf(beats);
    }

    /** The spoken lines, in order. */
    public List<Beat> dialogue() {
        return beats.stream().filter(Beat::isDialogue).toList();
    }

    /** The first and last script line the shot cites. */
    public int firstLine() {
        return beats.stream().mapToInt(Beat::line).min().orElse(scene.line());
    }

    public int lastLine() {
        return beats.stream().mapToInt(Beat::line).max().orElse(scene.line());
    }

    ShotDraft withId(String newId) {
        return new ShotDraft(newId, scene, beats, duration, prompt, size, camera, fingerprint);
    }

    ShotDraft withPromptAndDuration(String newPrompt, int newDuration) {
        return new ShotDraft(id, scene, beats, newDuration, newPrompt, size, camera, fingerprint);
    }
}
