package dev.seedance4j.export.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.export.ExportFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Jianying (剪映) or CapCut draft: a folder holding {@code draft_content.json} (read by Jianying 5.x) and the same
 * JSON as {@code draft_info.json} (read by Jianying 6+, CapCut and the Mac versions), {@code draft_meta_info.json}
 * listing every media material, {@code draft_cover.jpg}, and the takes copied into {@code materials/}; plus a ZIP of
 * that folder to unpack into the editor's draft root. Written only: nothing is read from or decrypted in an
 * editor's drafts.
 *
 * <p>Tracks: the main video track with the takes (muted, since their sound has its own track), an audio track with
 * the takes' sound, a text track with the dialogue as subtitles, and a timeline mark {@code episode/shot} per shot.
 * Times are whole microseconds, each frame boundary rounded once, so segments meet exactly. Media paths are
 * {@code ##_draftpath_placeholder_…_##/materials/…}, which the editors resolve to the draft's own folder, or absolute
 * under the draft root when one is given. Every field comes from {@link DraftTemplate}.
 */
final class JianyingDraftWriter implements TimelineWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    @Override
    public List<Path> targets(Cut cut, Path folder, Context context) {
        String name = DraftNames.folderName(cut.name(), cut.episodeId());
        return context.zip()
                ? List.of(folder.resolve(name), folder.resolve(name + ".zip"))
                : List.of(folder.resolve(name));
    }

    @Override
    public List<Path> write(Cut cut, Path folder, Context context) throws IOException {
        String name = DraftNames.folderName(cut.name(), cut.episodeId());
        Path draft = folder.resolve(name);
        Path work = folder.resolve("." + name + ".part");
        deleteTree(work);
        Files.createDirectories(work.resolve(DraftTemplate.text("paths.media_folder")));
        Draft built = new Draft(cut, context, name);
        for (Cut.Placed shot : cut.shots()) {
            Files.copy(
                    shot.clip(),
                    work.resolve(DraftTemplate.text("paths.media_folder")).resolve(mediaName(shot)),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        String content = JSON.writeValueAsString(built.content());
        for (var file : DraftTemplate.node("paths.content_files")) {
            Files.writeString(work.resolve(file.asText()), content, StandardCharsets.UTF_8);
        }
        Files.writeString(
                work.resolve(DraftTemplate.text("paths.meta_file")),
                JSON.writeValueAsString(built.meta()),
                StandardCharsets.UTF_8);
        Files.copy(cut.episode().cover(), work.resolve(DraftTemplate.text("paths.cover_file")));
        deleteTree(draft);
        Files.move(work, draft, StandardCopyOption.ATOMIC_MOVE);

        List<Path> written = new ArrayList<>(List.of(draft));
        if (context.zip()) {
            Path zip = folder.resolve(name + ".zip");
            try (ZipOut out = ZipOut.create(zip)) {
                out.tree(name, draft);
                out.complete();
            }
            written.add(zip);
        }
        return written;
    }

    /** The file name of a take inside the draft's media folder. */
    static String mediaName(Cut.Placed shot) {
        return shot.clip().getFileName().toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** One draft's JSON, built from the template; ids are name-based so the same episode gives the same draft. */
    private static final class Draft {
        private final Cut cut;
        private final Context context;
        private final String name;
        private final String draftId;
        private final long now;
        private final ObjectNode content = DraftTemplate.copy("content");
        private final ObjectNode meta = DraftTemplate.copy("meta");
        private final ObjectNode materials = (ObjectNode) content.get("materials");

        Draft(Cut cut, Context context, String name) {
            this.cut = cut;
            this.context = context;
            this.name = name;
            this.draftId = nameId(context.format().id() + "/" + cut.episodeId() + "/"
                    + cut.episode().stamp());
            this.now = context.clock().millis();
            build();
        }

        ObjectNode content() {
            return content;
        }

        ObjectNode meta() {
            return meta;
        }

        private void build() {
            Rate rate = cut.rate();
            long duration = rate.micros(cut.frames());
            ObjectNode platform = DraftTemplate.copy("platforms." + flavour());
            DraftTemplate.set(platform, "os", os());
            DraftTemplate.set(content, "canvas_config.width", cut.width());
            DraftTemplate.set(content, "canvas_config.height", cut.height());
            DraftTemplate.set(content, "duration", duration);
            DraftTemplate.set(content, "fps", rate.fps());
            DraftTemplate.set(content, "id", draftId);
            DraftTemplate.set(content, "name", name);
            DraftTemplate.set(content, "last_modified_platform", platform);
            DraftTemplate.set(content, "platform", platform);

            ArrayNode videoSegments = track("video");
            ArrayNode audioSegments = cut.hasAudio() ? track("audio") : null;
            ArrayNode textSegments = cut.captions().isEmpty() ? null : track("text");
            for (Cut.Placed shot : cut.shots()) {
                long start = rate.micros(shot.start());
                long length = rate.micros(shot.end()) - start;
                // Never shorter than what the segment plays: the exact length rounded up.
                long available = (shot.frames() * rate.den() * 1_000_000 + rate.num() - 1) / rate.num();

                ObjectNode video = media("video_material", "material_id", "material_name", "video", shot, available);
                DraftTemplate.set(video, "width", shot.width());
                DraftTemplate.set(video, "height", shot.height());
                DraftTemplate.set(video, "has_audio", shot.hasAudio());
                ((ArrayNode) materials.get("videos")).add(video);
                ObjectNode picture = segment("video", "video/" + shot.shotId(), video, start, length);
                // The take's sound plays from the audio track, so the picture's own is muted here.
                DraftTemplate.set(picture, "volume", shot.hasAudio() ? 0.0 : 1.0);
                videoSegments.add(picture);

                if (shot.hasAudio()) {
                    ObjectNode audio = media("audio_material", "music_id", "name", "music", shot, available);
                    ((ArrayNode) materials.get("audios")).add(audio);
                    audioSegments.add(segment("audio", "audio/" + shot.shotId(), audio, start, length));
                }

                ObjectNode mark = DraftTemplate.copy("time_mark");
                DraftTemplate.set(mark, "id", id("mark/" + shot.shotId()));
                DraftTemplate.set(mark, "time_range.start", start);
                DraftTemplate.set(mark, "title", cut.markerName(shot));
                ((ArrayNode) content.get("time_marks").get("mark_items")).add(mark);
            }
            for (int line = 0; line < cut.captions().size(); line++) {
                Cut.Caption caption = cut.captions().get(line);
                long start = rate.micros(caption.start());
                ObjectNode text = DraftTemplate.copy("text_material");
                DraftTemplate.set(text, "id", id("text/" + line));
                DraftTemplate.set(text, "content", richText(caption.text()));
                ((ArrayNode) materials.get("texts")).add(text);
                textSegments.add(segment("text", "text/" + line, text, start, rate.micros(caption.end()) - start));
            }

            DraftTemplate.set(meta, "draft_id", draftId);
            DraftTemplate.set(meta, "draft_name", name);
            DraftTemplate.set(meta, "draft_cover", DraftTemplate.text("paths.cover_file"));
            DraftTemplate.set(meta, "tm_duration", duration);
            DraftTemplate.set(meta, "tm_draft_create", now * 1000);
            DraftTemplate.set(meta, "tm_draft_modified", now * 1000);
            if (context.draftRoot() != null) {
                DraftTemplate.set(meta, "draft_root_path", root());
                DraftTemplate.set(meta, "draft_fold_path", root() + "/" + name);
            }
        }

        /** A track of {@code type} appended to the draft; its segment list to fill. */
        private ArrayNode track(String type) {
            ObjectNode track = DraftTemplate.copy("track");
            DraftTemplate.set(track, "id", id("track/" + type));
            DraftTemplate.set(track, "type", type);
            DraftTemplate.set(track, "is_default_name", true);
            ((ArrayNode) content.get("tracks")).add(track);
            return (ArrayNode) track.get("segments");
        }

        /**
         * A media material of a take from {@code template}, its id also under {@code idAlias} and its file name under
         * {@code nameField}, listed in the meta file as {@code metaType}.
         */
        private ObjectNode media(
                String template, String idAlias, String nameField, String metaType, Cut.Placed shot, long duration) {
            String path = mediaPath(shot);
            ObjectNode listed = metaMaterial(shot, path, metaType, duration);
            ((ArrayNode) meta.get("draft_materials").get(0).get("value")).add(listed);
            ObjectNode material = DraftTemplate.copy(template);
            String materialId = id(metaType + "/" + shot.shotId());
            DraftTemplate.set(material, "id", materialId);
            DraftTemplate.set(material, idAlias, materialId);
            DraftTemplate.set(material, "local_material_id", listed.get("id").asText());
            DraftTemplate.set(material, nameField, mediaName(shot));
            DraftTemplate.set(material, "path", path);
            DraftTemplate.set(material, "duration", duration);
            return material;
        }

        /** A segment of {@code kind} playing {@code material} from its start, at {@code start} for {@code length} µs. */
        private ObjectNode segment(String kind, String key, ObjectNode material, long start, long length) {
            ObjectNode speed = DraftTemplate.copy("speed");
            DraftTemplate.set(speed, "id", id("speed/" + key));
            ((ArrayNode) materials.get("speeds")).add(speed);
            ObjectNode segment = DraftTemplate.segment(kind);
            DraftTemplate.set(segment, "id", id("segment/" + key));
            DraftTemplate.set(segment, "material_id", material.get("id").asText());
            DraftTemplate.set(segment, "target_timerange.start", start);
            DraftTemplate.set(segment, "target_timerange.duration", length);
            if (!segment.get("source_timerange").isNull()) {
                DraftTemplate.set(segment, "source_timerange.duration", length);
            }
            DraftTemplate.set(
                    segment, "extra_material_refs", List.of(speed.get("id").asText()));
            DraftTemplate.set(
                    segment,
                    "render_index",
                    DraftTemplate.node("render_index." + kind).asInt());
            return segment;
        }

        private ObjectNode metaMaterial(Cut.Placed shot, String path, String type, long duration) {
            ObjectNode entry = DraftTemplate.copy("meta_material");
            DraftTemplate.set(entry, "id", id("meta/" + type + "/" + shot.shotId()));
            DraftTemplate.set(entry, "file_Path", path);
            DraftTemplate.set(entry, "extra_info", mediaName(shot));
            DraftTemplate.set(entry, "metetype", type);
            DraftTemplate.set(entry, "duration", duration);
            DraftTemplate.set(entry, "roughcut_time_range.duration", duration);
            DraftTemplate.set(entry, "width", "video".equals(type) ? shot.width() : 0);
            DraftTemplate.set(entry, "height", "video".equals(type) ? shot.height() : 0);
            DraftTemplate.set(entry, "create_time", now / 1000);
            DraftTemplate.set(entry, "import_time", now / 1000);
            DraftTemplate.set(entry, "import_time_ms", now * 1000);
            return entry;
        }

        /** The text material's content: a JSON string of the styled text, the style spanning every character. */
        private static String richText(String text) {
            ObjectNode rich = DraftTemplate.copy("text_content");
            DraftTemplate.set(rich, "text", text);
            ObjectNode style = (ObjectNode) rich.get("styles").get(0);
            DraftTemplate.set(style, "range", List.of(0, text.codePointCount(0, text.length())));
            try {
                return COMPACT.writeValueAsString(rich);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String mediaPath(Cut.Placed shot) {
            String folderInDraft = DraftTemplate.text("paths.media_folder") + "/" + mediaName(shot);
            return context.draftRoot() == null
                    ? DraftTemplate.text("paths.placeholder") + "/" + folderInDraft
                    : root() + "/" + name + "/" + folderInDraft;
        }

        /** The draft root with {@code /} separators, which both editors read on Windows and on Mac. */
        private String root() {
            return context.draftRoot().replace('\\', '/').replaceAll("/+$", "");
        }

        private String flavour() {
            return context.format() == ExportFormat.CAPCUT ? "capcut" : "jianying";
        }

        /** The platform stamp's system: the draft root's (a Mac path starts with {@code /}), else Windows. */
        private String os() {
            return context.draftRoot() != null && context.draftRoot().startsWith("/") ? "mac" : "windows";
        }

        private String id(String key) {
            return nameId(draftId + "/" + key);
        }
    }

    /** An id in the editors' style (upper-case UUID), the same for the same key. */
    private static String nameId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
                .toString()
                .toUpperCase(Locale.ROOT);
    }
}
