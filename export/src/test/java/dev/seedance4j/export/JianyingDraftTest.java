package dev.seedance4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.assembly.SubtitleCue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jianying and CapCut drafts of the demo episode, checked the way the editor would read them. */
class JianyingDraftTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PLACEHOLDER = "##_draftpath_placeholder_0E685133-18CE-45ED-8CB8-2904A212EC80_##";
    /** Regenerate with -Dgolden.update=true after a deliberate change of the draft structure. */
    private static final Path GOLDEN =
            Path.of("src/test/resources/dev/seedance4j/export/golden/jianying-draft.skeleton.json");

    @TempDir
    Path dir;

    private ExportedEpisode export(ExportFormat format, ExportSettings.Builder settings) {
        DemoEpisode demo = DemoEpisode.get();
        return demo.export(
                format,
                demo.labels(),
                settings.outputDirectory(dir)
                        .clock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)));
    }

    @Test
    void theDraftIsSelfContainedConsistentAndFrameAccurate() throws IOException {
        EpisodeResult episode = DemoEpisode.get().episode;
        ExportedEpisode draft = export(ExportFormat.JIANYING, ExportSettings.builder());
        Path folder = draft.path();
        assertThat(folder).isDirectory().hasFileName("重生之逆袭 · 试映 ep01 第一集 重生");
        assertThat(draft.archive()).hasValue(dir.resolve(folder.getFileName() + ".zip"));
        JsonNode content = JSON.readTree(folder.resolve("draft_content.json").toFile());
        assertThat(Files.readString(folder.resolve("draft_info.json")))
                .as("draft_info.json (6+, Mac) holds the same draft as draft_content.json (5.x)")
                .isEqualTo(Files.readString(folder.resolve("draft_content.json")));
        JsonNode meta = JSON.readTree(folder.resolve("draft_meta_info.json").toFile());
        assertThat(folder.resolve("draft_cover.jpg")).isNotEmptyFile();

        checkDraft(content, meta, path -> inside(folder, path.replace(PLACEHOLDER + "/", "")));

        // the cut, frame by frame: microsecond boundaries of 24 fps frames
        JsonNode video = track(content, "video");
        assertThat(video.get("segments")).hasSameSizeAs(episode.shots());
        for (int i = 0; i < episode.shots().size(); i++) {
            ShotPlacement shot = episode.shots().get(i);
            JsonNode segment = video.get("segments").get(i);
            assertThat(segment.at("/target_timerange/start").asLong()).isEqualTo(micros(shot.startFrame()));
            assertThat(segment.at("/target_timerange/duration").asLong())
                    .isEqualTo(micros(shot.startFrame() + shot.frames()) - micros(shot.startFrame()));
            assertThat(segment.at("/source_timerange/start").asLong()).isZero();
            assertThat(segment.get("volume").asDouble())
                    .as("muted: the take's sound plays from the audio track")
                    .isEqualTo(shot.audioChannels() > 0 ? 0.0 : 1.0);
        }
        assertThat(content.get("duration").asLong()).isEqualTo(micros(episode.frames()));
        assertThat(track(content, "audio").get("segments")).hasSize((int)
                episode.shots().stream().filter(s -> s.audioChannels() > 0).count());
        List<String> texts = new ArrayList<>();
        for (JsonNode segment : track(content, "text").get("segments")) {
            JsonNode material = byId(
                    content.at("/materials/texts"), segment.get("material_id").asText());
            texts.add(
                    JSON.readTree(material.get("content").asText()).get("text").asText());
        }
        assertThat(texts)
                .containsExactlyElementsOf(
                        episode.cues().stream().map(SubtitleCue::text).toList());
        Project project = DemoEpisode.get().project();
        assertThat(content.at("/time_marks/mark_items"))
                .extracting(m -> m.get("title").asText())
                .containsExactlyElementsOf(project.episodes().get(0).shots().stream()
                        .map(s -> "ep01/" + s.id())
                        .toList());
        assertThat(content.at("/last_modified_platform/app_source").asText()).isEqualTo("lv");

        // the ZIP unpacks into the draft root as the same folder
        try (ZipFile zip = new ZipFile(draft.archive().orElseThrow().toFile(), StandardCharsets.UTF_8)) {
            Set<String> names = new TreeSet<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            Set<String> expected = new TreeSet<>();
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile)
                        .forEach(f -> expected.add(folder.getFileName() + "/"
                                + folder.relativize(f).toString().replace('\\', '/')));
            }
            assertThat(names).isEqualTo(expected);
        }
    }

    @Test
    void withADraftRootTheMediaPathsAreAbsoluteThereAndCapCutGetsItsOwnStamp() throws IOException {
        String root = "C:\\Users\\editor\\AppData\\Local\\CapCut\\User Data\\Projects\\com.lveditor.draft";
        ExportedEpisode draft = export(
                ExportFormat.CAPCUT, ExportSettings.builder().draftRoot(root).zip(false));
        Path folder = draft.path();
        assertThat(draft.archive()).isEmpty();
        JsonNode content = JSON.readTree(folder.resolve("draft_info.json").toFile());
        JsonNode meta = JSON.readTree(folder.resolve("draft_meta_info.json").toFile());
        String prefix = "C:/Users/editor/AppData/Local/CapCut/User Data/Projects/com.lveditor.draft/"
                + folder.getFileName() + "/";
        checkDraft(content, meta, path -> {
            assertThat(path).startsWith(prefix);
            return inside(folder, path.substring(prefix.length()));
        });
        assertThat(meta.get("draft_root_path").asText())
                .isEqualTo("C:/Users/editor/AppData/Local/CapCut/User Data/Projects/com.lveditor.draft");
        assertThat(meta.get("draft_fold_path").asText() + "/").isEqualTo(prefix);
        assertThat(content.at("/last_modified_platform/app_source").asText()).isEqualTo("cc");
        assertThat(content.at("/last_modified_platform/os").asText()).isEqualTo("windows");
    }

    @Test
    void aGoldenSkeletonPinsTheDraftStructure() throws IOException {
        ExportedEpisode draft =
                export(ExportFormat.JIANYING, ExportSettings.builder().zip(false));
        ObjectNode actual = JsonNodeFactory.instance.objectNode();
        for (String file : List.of("draft_content.json", "draft_meta_info.json")) {
            actual.set(file, skeleton(JSON.readTree(draft.path().resolve(file).toFile())));
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, JSON.writeValueAsString(actual) + "\n");
        }
        assertThat(JSON.writeValueAsString(actual) + "\n")
                .as(
                        "the draft's structure (field names and value types); if the change is deliberate, run this test"
                                + " with -Dgolden.update=true and commit %s",
                        GOLDEN)
                .isEqualTo(Files.readString(GOLDEN));
    }

    /** Referential integrity, whole microseconds, no overlaps, media inside the draft, meta listing every medium. */
    private static void checkDraft(JsonNode content, JsonNode meta, java.util.function.Function<String, Path> resolve)
            throws IOException {
        JsonNode materials = content.get("materials");
        Map<String, String> kindOf = new HashMap<>();
        materials
                .fields()
                .forEachRemaining(kind -> kind.getValue()
                        .forEach(m -> assertThat(kindOf.put(m.get("id").asText(), kind.getKey()))
                                .as("material ids are unique")
                                .isNull()));
        Map<String, String> expectedKind = Map.of("video", "videos", "audio", "audios", "text", "texts");
        for (JsonNode track : content.get("tracks")) {
            long previousEnd = 0;
            for (JsonNode segment : track.get("segments")) {
                assertThat(kindOf.get(segment.get("material_id").asText()))
                        .as(
                                "a %s segment refers to an existing material of its kind",
                                track.get("type").asText())
                        .isEqualTo(expectedKind.get(track.get("type").asText()));
                for (JsonNode ref : segment.get("extra_material_refs")) {
                    assertThat(kindOf)
                            .as("extra material %s exists", ref.asText())
                            .containsKey(ref.asText());
                }
                long start = integer(segment.at("/target_timerange/start"));
                long duration = integer(segment.at("/target_timerange/duration"));
                assertThat(duration).isPositive();
                assertThat(start).as("segments of a track do not overlap").isGreaterThanOrEqualTo(previousEnd);
                if (track.get("type").asText().equals("video"))
                    assertThat(start).as("the main track has no gaps").isEqualTo(previousEnd);
                if (!segment.get("source_timerange").isNull()) {
                    integer(segment.at("/source_timerange/start"));
                    assertThat(integer(segment.at("/source_timerange/duration")))
                            .isEqualTo(duration);
                }
                previousEnd = start + duration;
            }
        }
        integer(content.get("duration"));
        for (JsonNode mark : content.at("/time_marks/mark_items")) integer(mark.at("/time_range/start"));

        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode group : meta.get("draft_materials")) {
            for (JsonNode entry : group.get("value")) listed.put(entry.get("id").asText(), entry);
        }
        Set<Path> media = new HashSet<>();
        for (String kind : List.of("videos", "audios")) {
            for (JsonNode material : materials.get(kind)) {
                integer(material.get("duration"));
                Path file = resolve.apply(material.get("path").asText());
                assertThat(file)
                        .as("the medium of %s", material.get("id").asText())
                        .isRegularFile();
                media.add(file);
                JsonNode entry = listed.get(material.get("local_material_id").asText());
                assertThat(entry)
                        .as(
                                "draft_meta_info.json lists material %s",
                                material.get("id").asText())
                        .isNotNull();
                assertThat(entry.get("file_Path").asText())
                        .isEqualTo(material.get("path").asText());
                assertThat(entry.get("metetype").asText()).isEqualTo(kind.equals("videos") ? "video" : "music");
                integer(entry.get("duration"));
            }
        }
        assertThat(listed)
                .hasSize(
                        materials.get("videos").size() + materials.get("audios").size());
        assertThat(media).hasSize(materials.get("videos").size());
        integer(meta.get("tm_duration"));
        assertThat(meta.get("draft_id").asText()).isEqualTo(content.get("id").asText());
    }

    private static Path inside(Path folder, String relative) {
        Path file = folder.resolve(relative).normalize();
        assertThat(file).as("media stay inside the draft folder").startsWith(folder);
        return file;
    }

    private static long integer(JsonNode node) {
        assertThat(node.isIntegralNumber())
                .as("%s is a whole number of microseconds", node)
                .isTrue();
        return node.asLong();
    }

    private static long micros(long frame) {
        return Math.round(frame * 1_000_000 / 24.0);
    }

    private static JsonNode track(JsonNode content, String type) {
        for (JsonNode track : content.get("tracks")) {
            if (track.get("type").asText().equals(type)) return track;
        }
        throw new AssertionError("no " + type + " track");
    }

    private static JsonNode byId(JsonNode list, String id) {
        for (JsonNode node : list) {
            if (node.get("id").asText().equals(id)) return node;
        }
        throw new AssertionError("no material " + id);
    }

    /** Field names and value types, with every distinct shape of an array's elements once. */
    static JsonNode skeleton(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            ObjectNode shape = nodes.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                shape.set(field.getKey(), skeleton(field.getValue()));
            }
            return shape;
        }
        if (node.isArray()) {
            ArrayNode shapes = nodes.arrayNode();
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode element : node) {
                JsonNode shape = skeleton(element);
                if (seen.add(shape)) shapes.add(shape);
            }
            return shapes;
        }
        if (node.isIntegralNumber()) return nodes.textNode("integer");
        if (node.isNumber()) return nodes.textNode("number");
        if (node.isBoolean()) return nodes.textNode("boolean");
        if (node.isNull()) return nodes.textNode("null");
        return nodes.textNode("string");
    }
}
