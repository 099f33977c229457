package dev.seedance4j.studio;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One shot as written in the project file (before the defaults are applied and before it is compiled into a
 * create request). Optional values that are absent inherit the project's {@code defaults}.
 *
 * @param after the shot this one continues from: it starts on that shot's last frame
 * @param edit a video to edit (a file, URL, asset or another shot); it becomes reference video 1
 * @param extend up to three videos (files, URLs, assets or shots) this shot extends or stitches, in order
 * @param fieldPositions where each key of the shot was written, for error messages
 */
public record Shot(
        ShotKey key,
        String prompt,
        List<DialogueLine> dialogue,
        Optional<Integer> duration,
        Optional<String> ratio,
        Optional<String> resolution,
        Optional<String> model,
        Optional<Long> seed,
        Optional<Boolean> generateAudio,
        Optional<Boolean> watermark,
        Optional<ShotKey> after,
        Optional<MediaRef> firstFrame,
        Optional<MediaRef> lastFrame,
        List<MediaRef> images,
        List<MediaRef> videos,
        List<MediaRef> audio,
        Optional<MediaRef> edit,
        List<MediaRef> extend,
        SourcePosition position,
        Map<String, SourcePosition> fieldPositions) {

    public Shot {
        dialogue = List.copyOf(dialogue);
        images = List.copyOf(images);
        videos = List.copyOf(videos);
        audio = List.copyOf(audio);
        extend = List.copyOf(extend);
        fieldPositions = Map.copyOf(fieldPositions);
    }

    public String id() {
        return key.shot();
    }

    public String episode() {
        return key.episode();
    }

    /** Where {@code field} was written, or where the shot starts when the field was not written. */
    public SourcePosition positionOf(String field) {
        return fieldPositions.getOrDefault(field, position);
    }

    /** Shots whose output this shot needs before it can be submitted ({@code after:}, {@code edit:}, {@code extend:}). */
    public List<ShotKey> dependencies() {
        java.util.LinkedHashSet<ShotKey> deps = new java.util.LinkedHashSet<>();
        after.ifPresent(deps::add);
        edit.filter(MediaRef.ShotOutput.class::isInstance)
                .map(m -> ((MediaRef.ShotOutput) m).shot())
                .ifPresent(deps::add);
        extend.stream()
                .filter(MediaRef.ShotOutput.class::isInstance)
                .map(m -> ((MediaRef.ShotOutput) m).shot())
                .forEach(deps::add);
        return List.copyOf(deps);
    }

    /**
     * A spoken line. It is written into the prompt so that native audio speaks it, and becomes a subtitle.
     *
     * @param start seconds into the shot where the line starts, if the writer fixed it
     * @param end seconds into the shot where the line ends, if the writer fixed it
     */
    public record DialogueLine(
            String who, String text, Optional<Double> start, Optional<Double> end, SourcePosition position) {}
}
