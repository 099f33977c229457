package dev.seedance4j.export.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * OpenTimelineIO JSON with the schemas of OTIO 0.15 to 0.18 ({@code Timeline.1}, {@code Stack.1}, {@code Track.1},
 * {@code Clip.2}, {@code Gap.1}, {@code ExternalReference.1}, {@code Marker.2}, {@code TimeRange.1},
 * {@code RationalTime.1}): a video track V1 of the takes, an audio track A1 of the same files for their own sound
 * (a gap where a take is silent), a timeline marker {@code episode/shot} per shot with the prompt as its comment, and
 * the dialogue as markers on the take it belongs to (OTIO has no subtitle track; the {@code .srt} goes beside).
 *
 * <p>{@code .otio}: media as absolute {@code file://} URLs, which every importer resolves. {@code .otioz} (the OTIO
 * bundle): a ZIP of {@code version.txt}, {@code content.otio} and {@code media/}, the media referred to as
 * {@code media/<file>}, relative to the bundle as the bundle format prescribes.
 */
final class OtioWriter extends EpisodeFileWriter {

    static final String BUNDLE_VERSION = "1.0.0";
    static final String DEFAULT_MEDIA = "DEFAULT_MEDIA";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final boolean bundle;

    OtioWriter(boolean bundle) {
        this.bundle = bundle;
    }

    @Override
    String extension() {
        return bundle ? ".otioz" : ".otio";
    }

    @Override
    void writeFile(Cut cut, Path file, Path folder, Context context) throws IOException {
        if (!bundle) {
            Files.writeString(file, JSON.writeValueAsString(timeline(cut, MediaPaths::fileUrl)));
            return;
        }
        try (ZipOut zip = ZipOut.create(file)) {
            zip.text("version.txt", BUNDLE_VERSION);
            zip.text("content.otio", JSON.writeValueAsString(timeline(cut, clip -> "media/" + clip.getFileName())));
            for (Cut.Placed shot : cut.shots()) {
                zip.file("media/" + shot.clip().getFileName(), shot.clip());
            }
            zip.complete();
        }
    }

    static ObjectNode timeline(Cut cut, Function<Path, String> url) {
        Rate rate = cut.rate();
        ObjectNode timeline = schema("Timeline.1");
        ObjectNode meta = timeline.putObject("metadata").putObject("seedance4j");
        meta.put("project", cut.labels().projectTitle());
        meta.put("episode", cut.episodeId());
        meta.put("title", cut.labels().episodeTitle());
        meta.put("width", cut.width());
        meta.put("height", cut.height());
        meta.put("stamp", cut.episode().stamp());
        timeline.put("name", cut.name());
        timeline.set("global_start_time", time(0, rate));

        ObjectNode stack = item("Stack.1", "tracks", null);
        ArrayNode markers = (ArrayNode) stack.get("markers");
        for (Cut.Placed shot : cut.shots()) {
            markers.add(marker(cut.markerName(shot), "RED", shot.start(), 0, shot.note(), rate));
        }
        ArrayNode tracks = stack.putArray("children");

        ObjectNode video = track("V1", "Video");
        ArrayNode pictures = video.putArray("children");
        for (Cut.Placed shot : cut.shots()) {
            ObjectNode clip = clip(cut, shot, url, rate);
            ArrayNode lines = (ArrayNode) clip.get("markers");
            for (Cut.Caption caption : cut.captionsOf(shot)) {
                ObjectNode line = marker(
                        caption.text(),
                        "YELLOW",
                        caption.start() - shot.start(),
                        caption.frames(),
                        caption.who(),
                        rate);
                ((ObjectNode) line.get("metadata"))
                        .putObject("seedance4j")
                        .put("kind", "dialogue")
                        .put("who", caption.who());
                lines.add(line);
            }
            pictures.add(clip);
        }
        tracks.add(video);

        ObjectNode audio = track("A1", "Audio");
        ArrayNode sounds = audio.putArray("children");
        for (Cut.Placed shot : cut.shots()) {
            sounds.add(shot.hasAudio() ? clip(cut, shot, url, rate) : gap(shot, rate));
        }
        tracks.add(audio);
        timeline.set("tracks", stack);
        return timeline;
    }

    private static ObjectNode clip(Cut cut, Cut.Placed shot, Function<Path, String> url, Rate rate) {
        ObjectNode clip = item("Clip.2", shot.shotId(), range(0, shot.frames(), rate));
        ObjectNode meta = ((ObjectNode) clip.get("metadata")).putObject("seedance4j");
        meta.put("episode", cut.episodeId());
        meta.put("shot", shot.shotId());
        meta.put("take", shot.take());
        meta.put("prompt", shot.note());
        ObjectNode reference = schema("ExternalReference.1");
        reference.putObject("metadata");
        reference.put("name", shot.clip().getFileName().toString());
        reference.set("available_range", range(0, shot.frames(), rate));
        reference.putNull("available_image_bounds");
        reference.put("target_url", url.apply(shot.clip()));
        clip.putObject("media_references").set(DEFAULT_MEDIA, reference);
        clip.put("active_media_reference_key", DEFAULT_MEDIA);
        return clip;
    }

    private static ObjectNode gap(Cut.Placed shot, Rate rate) {
        return item("Gap.1", "", range(0, shot.frames(), rate));
    }

    private static ObjectNode track(String name, String kind) {
        ObjectNode track = item("Track.1", name, null);
        track.put("kind", kind);
        return track;
    }

    /** The fields every OTIO item writes, in OTIO's order: metadata, name, source_range, effects, markers, enabled. */
    private static ObjectNode item(String schema, String name, ObjectNode sourceRange) {
        ObjectNode item = schema(schema);
        item.putObject("metadata");
        item.put("name", name);
        if (sourceRange == null) item.putNull("source_range");
        else item.set("source_range", sourceRange);
        item.putArray("effects");
        item.putArray("markers");
        item.put("enabled", true);
        return item;
    }

    private static ObjectNode marker(String name, String color, long start, long frames, String comment, Rate rate) {
        ObjectNode marker = schema("Marker.2");
        marker.putObject("metadata");
        marker.put("name", name);
        marker.put("color", color);
        marker.set("marked_range", range(start, frames, rate));
        marker.put("comment", comment);
        return marker;
    }

    private static ObjectNode range(long start, long frames, Rate rate) {
        ObjectNode range = schema("TimeRange.1");
        range.set("duration", time(frames, rate));
        range.set("start_time", time(start, rate));
        return range;
    }

    private static ObjectNode time(long frames, Rate rate) {
        ObjectNode time = schema("RationalTime.1");
        time.put("rate", rate.fps());
        time.put("value", (double) frames);
        return time;
    }

    private static ObjectNode schema(String name) {
        ObjectNode node = NODES.objectNode();
        node.put("OTIO_SCHEMA", name);
        return node;
    }
}
