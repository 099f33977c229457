package dev.seedance4j.studio.internal.project;

import dev.seedance4j.studio.MediaRef;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.ProjectException;
import dev.seedance4j.studio.ProjectProblem;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.SourcePosition;
import dev.seedance4j.studio.internal.LocalMedia;
import dev.seedance4j.studio.internal.SafeIds;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a project file into a {@link Project}. Structure, types, names, references, files and the dependency graph
 * are checked here; the per-model limits (counts, durations, resolutions) are checked by the planner with the
 * client's validator, because they depend on the compiled request.
 */
public final class ProjectParser {
    static final Set<String> TOP_KEYS =
            Set.of("title", "style", "defaults", "budget", "characters", "scenes", "episodes");
    static final Set<String> DEFAULT_KEYS =
            Set.of("model", "resolution", "ratio", "duration", "generate_audio", "watermark", "seed");
    static final Set<String> BUDGET_KEYS = Set.of("max_cny");
    static final Set<String> CHARACTER_KEYS = Set.of("images", "voice", "description", "sheet", "aliases");
    static final Set<String> SCENE_KEYS = Set.of("images", "description", "sheet", "aliases");
    static final Set<String> SHEET_KEYS = Set.of("model", "size", "seed", "prompt");
    private static final Pattern SHEET_SIZE = Pattern.compile("[124]K|[1-9][0-9]{2,4}x[1-9][0-9]{2,4}");
    static final Set<String> EPISODE_KEYS = Set.of("id", "title", "shots");
    static final Set<String> SHOT_KEYS = Set.of(
            "id",
            "prompt",
            "dialogue",
            "duration",
            "ratio",
            "resolution",
            "model",
            "seed",
            "generate_audio",
            "watermark",
            "after",
            "first_frame",
            "last_frame",
            "images",
            "videos",
            "audio",
            "edit",
            "extend");
    static final Set<String> DIALOGUE_KEYS = Set.of("who", "text", "start", "end");

    static final Set<String> IMAGE_TYPES =
            Set.of("png", "jpg", "jpeg", "webp", "bmp", "tiff", "tif", "gif", "heic", "heif");
    static final Set<String> AUDIO_TYPES = LocalMedia.AUDIO_TYPES;
    static final Set<String> VIDEO_TYPES = LocalMedia.VIDEO_TYPES;
    /** Larger project files are refused before they are read: parsing one costs time and memory in its size. */
    static final int MAX_PROJECT_BYTES = 4 * 1024 * 1024;
    /** Deepest nesting of lists and mappings read; a project file needs 6. */
    static final int MAX_DEPTH = 64;
    /** The highest budget accepted, so that a typo like 1e999 is an error and not a number nobody can print. */
    static final BigDecimal MAX_BUDGET_CNY = new BigDecimal("1000000000");
    /** The longest a dialogue time may be (seconds into a shot); the planner checks it against the shot. */
    static final BigDecimal MAX_DIALOGUE_SECONDS = new BigDecimal("3600");

    private final Path file;
    private final Path folder;
    private final Path realFolder;
    private final YamlTree yaml;
    private final Set<ShotKey> declaredShots = new HashSet<>();
    private final Set<String> characterNames = new LinkedHashSet<>();
    private final Set<String> sceneNames = new LinkedHashSet<>();
    private final Set<String> aliasesSeen = new HashSet<>();
    private final Map<String, Project.Character> characters = new LinkedHashMap<>();
    private final Map<String, Project.Scene> scenes = new LinkedHashMap<>();

    private ProjectParser(Path file, Path realFolder) {
        this.file = file;
        this.folder = file.getParent();
        this.realFolder = realFolder;
        this.yaml = new YamlTree(file);
    }

    public static Project parse(Path projectFile) {
        Path file = projectFile.toAbsolutePath().normalize();
        SourcePosition top = new SourcePosition(file, 1, 1);
        if (!Files.isRegularFile(file)) {
            throw new ProjectException(List.of(new ProjectProblem(top, "", "project file not found: " + file)));
        }
        String text;
        Path realFolder;
        try {
            realFolder = file.getParent().toRealPath();
            long size = Files.size(file);
            if (size > MAX_PROJECT_BYTES) {
                throw new ProjectException(List.of(new ProjectProblem(
                        top,
                        "",
                        "the file is " + megabytes(size) + "; a project file may be at most "
                                + megabytes(MAX_PROJECT_BYTES)
                                + " (a season of a thousand shots takes well under 1 MB)")));
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProjectException(List.of(new ProjectProblem(top, "", "the file is not UTF-8 text")));
        } catch (IOException e) {
            throw new ProjectException(
                    List.of(new ProjectProblem(top, "", "cannot read the file: " + LocalMedia.reason(e))));
        }
        ProjectParser parser = new ProjectParser(file, realFolder);
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(file.getFileName().toString())
                    .setMaxAliasesForCollections(20)
                    .setCodePointLimit(MAX_PROJECT_BYTES)
                    .build();
            parser.checkDepth(settings, text);
            root = new Compose(settings).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            SourcePosition at =
                    parser.yaml.position(e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark());
            String what = YamlErrors.plainWords(e.getContext(), e.getProblem());
            if (e.getContextMark().isPresent()
                    && e.getProblemMark().isPresent()
                    && e.getContextMark().get().getLine()
                            != e.getProblemMark().get().getLine()) {
                SourcePosition started = parser.yaml.position(e.getContextMark());
                what += " (it started at line " + started.line() + ", column " + started.column() + ")";
            }
            throw new ProjectException(List.of(new ProjectProblem(at, "", "YAML syntax error: " + what)));
        } catch (YamlEngineException e) {
            throw new ProjectException(
                    List.of(new ProjectProblem(top, "", "YAML error: " + YamlErrors.plainWords(null, e.getMessage()))));
        }
        if (root == null) {
            throw new ProjectException(List.of(new ProjectProblem(top, "", "the project file is empty")));
        }
        Project project = parser.project(root);
        if (!parser.yaml.problems().isEmpty()) {
            throw new ProjectException(parser.yaml.problems());
        }
        return project;
    }

    /**
     * Refuses nesting deeper than any project needs before the tree is built: composing is recursive, so a few
     * thousand nested brackets would overflow the stack. The event parser that this walks is not recursive.
     */
    private void checkDepth(LoadSettings settings, String text) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
                if (++depth > MAX_DEPTH) {
                    throw new ProjectException(List.of(new ProjectProblem(
                            yaml.position(event.getStartMark()),
                            "",
                            "lists and mappings are nested more than " + MAX_DEPTH
                                    + " deep here; a project file needs fewer than 10 levels")));
                }
            } else if (event instanceof MappingEndEvent || event instanceof SequenceEndEvent) {
                depth--;
            }
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private Project project(Node root) {
        Map<String, YamlTree.Entry> top = yaml.mapping(root, "", TOP_KEYS);
        String title = required(root, top, "title")
                .flatMap(e -> yaml.nonBlank(e.value(), e.field()))
                .orElse("");
        Project.Defaults defaults =
                Optional.ofNullable(top.get("defaults")).map(this::defaults).orElse(Project.Defaults.none());
        Optional<BigDecimal> maxCny = Optional.ofNullable(top.get("budget")).flatMap(this::budget);
        Optional<String> style =
                Optional.ofNullable(top.get("style")).flatMap(e -> yaml.nonBlank(e.value(), e.field()));

        Map<String, YamlTree.Entry> characterEntries = Optional.ofNullable(top.get("characters"))
                .map(e -> yaml.mapping(e.value(), e.field(), null))
                .orElse(Map.of());
        Map<String, YamlTree.Entry> sceneEntries = Optional.ofNullable(top.get("scenes"))
                .map(e -> yaml.mapping(e.value(), e.field(), null))
                .orElse(Map.of());
        characterNames.addAll(characterEntries.keySet());
        sceneNames.addAll(sceneEntries.keySet());
        characterEntries.values().forEach(e -> character(e).ifPresent(c -> characters.put(c.name(), c)));
        sceneEntries.values().forEach(e -> scene(e).ifPresent(s -> scenes.put(s.name(), s)));

        List<Project.Episode> episodes = new ArrayList<>();
        Optional<YamlTree.Entry> episodesEntry = required(root, top, "episodes");
        if (episodesEntry.isPresent()) {
            List<Node> episodeNodes = yaml.sequence(episodesEntry.get().value(), "episodes");
            if (episodeNodes.isEmpty()
                    && episodesEntry.get().value() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
                yaml.problem(episodesEntry.get().value(), "episodes", "a project needs at least one episode");
            }
            declareShots(episodeNodes);
            Set<String> episodeIds = new HashSet<>();
            for (int i = 0; i < episodeNodes.size(); i++) {
                episode(episodeNodes.get(i), i, episodeIds).ifPresent(episodes::add);
            }
        }
        Project project = new Project(file, folder, title, defaults, maxCny, style, characters, scenes, episodes);
        checkDependencies(project);
        return project;
    }

    private Optional<YamlTree.Entry> required(Node parent, Map<String, YamlTree.Entry> entries, String key) {
        YamlTree.Entry entry = entries.get(key);
        if (entry == null && parent instanceof MappingNode) {
            yaml.problem(parent, key, "'" + key + "' is required");
        }
        return Optional.ofNullable(entry);
    }

    private Project.Defaults defaults(YamlTree.Entry entry) {
        Map<String, YamlTree.Entry> d = yaml.mapping(entry.value(), entry.field(), DEFAULT_KEYS);
        Map<String, SourcePosition> positions = new HashMap<>();
        d.forEach((k, v) -> positions.put(k, yaml.position(v.value())));
        return new Project.Defaults(
                text(d, "model"),
                text(d, "resolution"),
                text(d, "ratio"),
                smallInt(d, "duration"),
                flag(d, "generate_audio"),
                flag(d, "watermark"),
                longInt(d, "seed"),
                positions);
    }

    private Optional<BigDecimal> budget(YamlTree.Entry entry) {
        Map<String, YamlTree.Entry> b = yaml.mapping(entry.value(), entry.field(), BUDGET_KEYS);
        YamlTree.Entry max = b.get("max_cny");
        if (max == null) {
            if (entry.value() instanceof MappingNode) {
                yaml.problem(entry.value(), "budget.max_cny", "'max_cny' is required in a budget");
            }
            return Optional.empty();
        }
        Optional<BigDecimal> value = yaml.number(max.value(), max.field());
        if (value.isPresent() && value.get().signum() <= 0) {
            yaml.problem(max.value(), max.field(), "must be more than 0 CNY");
            return Optional.empty();
        }
        if (value.isPresent() && !withinRange(value.get(), new BigDecimal("0.000001"), MAX_BUDGET_CNY)) {
            yaml.problem(
                    max.value(),
                    max.field(),
                    "must be within [0.000001, " + MAX_BUDGET_CNY.toPlainString()
                            + "] CNY with at most 6 decimals (got " + abbreviate(max.value()) + ")");
            return Optional.empty();
        }
        return value;
    }

    private Optional<Project.Character> character(YamlTree.Entry entry) {
        if (!checkName(entry, "character")) {
            return Optional.empty();
        }
        Map<String, YamlTree.Entry> c = yaml.mapping(entry.value(), entry.field(), CHARACTER_KEYS);
        List<MediaRef> images = mediaList(c.get("images"), MediaKind.IMAGE);
        Optional<MediaRef> voice =
                Optional.ofNullable(c.get("voice")).flatMap(v -> media(v.value(), v.field(), MediaKind.AUDIO, null));
        Optional<String> description = text(c, "description");
        return Optional.of(new Project.Character(
                entry.key(),
                images,
                voice,
                description,
                sheet(c, description),
                entry.keyPosition(),
                aliases(c.get("aliases"))));
    }

    private Optional<Project.Scene> scene(YamlTree.Entry entry) {
        if (!checkName(entry, "scene")) {
            return Optional.empty();
        }
        if (characterNames.contains(entry.key())) {
            yaml.problem(
                    entry.keyPosition(),
                    entry.field(),
                    "'" + entry.key() + "' is both a character and a scene; @" + entry.key() + " would be ambiguous");
            return Optional.empty();
        }
        Map<String, YamlTree.Entry> s = yaml.mapping(entry.value(), entry.field(), SCENE_KEYS);
        Optional<String> description = text(s, "description");
        return Optional.of(new Project.Scene(
                entry.key(),
                mediaList(s.get("images"), MediaKind.IMAGE),
                description,
                sheet(s, description),
                entry.keyPosition(),
                aliases(s.get("aliases"))));
    }

    /** {@code sheet: { model, size, seed, prompt }}: overrides for the generated reference sheet. */
    private Optional<Project.SheetSettings> sheet(Map<String, YamlTree.Entry> owner, Optional<String> description) {
        YamlTree.Entry entry = owner.get("sheet");
        if (entry == null) {
            return Optional.empty();
        }
        Map<String, YamlTree.Entry> s = yaml.mapping(entry.value(), entry.field(), SHEET_KEYS);
        Optional<String> model = Optional.ofNullable(s.get("model")).flatMap(e -> yaml.nonBlank(e.value(), e.field()));
        Optional<String> size = Optional.ofNullable(s.get("size")).flatMap(e -> yaml.nonBlank(e.value(), e.field()));
        if (size.isPresent() && !SHEET_SIZE.matcher(size.get()).matches()) {
            yaml.problem(
                    s.get("size").value(),
                    s.get("size").field(),
                    "a sheet's size is 1K, 2K, 4K or WIDTHxHEIGHT in pixels such as 2560x1440 (got '" + size.get()
                            + "')");
        }
        Optional<String> prompt =
                Optional.ofNullable(s.get("prompt")).flatMap(e -> yaml.nonBlank(e.value(), e.field()));
        if (description.isEmpty() && prompt.isEmpty() && entry.value() instanceof MappingNode) {
            yaml.problem(
                    entry.value(),
                    entry.field(),
                    "a sheet is made from the description: add 'description:' (or sheet.prompt) to this entry");
        }
        return Optional.of(
                new Project.SheetSettings(model, size, longInt(s, "seed"), prompt, yaml.position(entry.value())));
    }

    private boolean checkName(YamlTree.Entry entry, String what) {
        if (!Mentions.isValidName(entry.key())) {
            yaml.problem(
                    entry.keyPosition(),
                    entry.field(),
                    "a " + what
                            + " name may contain only letters, digits, '_' and '-' (it is written @name in prompts)");
            return false;
        }
        return true;
    }

    /** First pass: every episode/shot id, so that references may point forward. */
    private void declareShots(List<Node> episodeNodes) {
        for (Node episodeNode : episodeNodes) {
            String episodeId = scalarChild(episodeNode, "id");
            Node shots = child(episodeNode, "shots");
            if (episodeId == null || !(shots instanceof org.snakeyaml.engine.v2.nodes.SequenceNode seq)) {
                continue;
            }
            for (Node shotNode : seq.getValue()) {
                String shotId = scalarChild(shotNode, "id");
                if (shotId != null) {
                    declaredShots.add(new ShotKey(episodeId, shotId));
                }
            }
        }
    }

    private static Node child(Node mapping, String key) {
        if (mapping instanceof MappingNode map) {
            for (var tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static String scalarChild(Node mapping, String key) {
        return child(mapping, key) instanceof ScalarNode s ? s.getValue() : null;
    }

    private Optional<Project.Episode> episode(Node node, int index, Set<String> episodeIds) {
        String field = "episodes[" + index + "]";
        Map<String, YamlTree.Entry> e = yaml.mapping(node, field, EPISODE_KEYS);
        if (!(node instanceof MappingNode)) {
            return Optional.empty();
        }
        Optional<String> id = required(node, e, "id").flatMap(x -> yaml.nonBlank(x.value(), field + ".id"));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (!SafeIds.isSafe(id.get())) {
            yaml.problem(
                    e.get("id").value(),
                    field + ".id",
                    "an episode id must be " + SafeIds.RULE + " (it names files and folders); got '"
                            + abbreviate(id.get()) + "'");
            return Optional.empty();
        }
        if (!episodeIds.add(id.get())) {
            yaml.problem(e.get("id").value(), field + ".id", "duplicate episode id '" + id.get() + "'");
            return Optional.empty();
        }
        String episodeField = "episodes[" + id.get() + "]";
        List<Shot> shots = new ArrayList<>();
        Optional<YamlTree.Entry> shotsEntry = required(node, e, "shots");
        if (shotsEntry.isPresent()) {
            List<Node> shotNodes = yaml.sequence(shotsEntry.get().value(), episodeField + ".shots");
            if (shotNodes.isEmpty() && shotsEntry.get().value() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
                yaml.problem(shotsEntry.get().value(), episodeField + ".shots", "an episode needs at least one shot");
            }
            Set<String> shotIds = new HashSet<>();
            for (int i = 0; i < shotNodes.size(); i++) {
                shot(shotNodes.get(i), id.get(), episodeField + ".shots[" + i + "]", shotIds)
                        .ifPresent(shots::add);
            }
        }
        return Optional.of(new Project.Episode(id.get(), text(e, "title"), shots, yaml.position(node)));
    }

    private Optional<Shot> shot(Node node, String episodeId, String indexField, Set<String> shotIds) {
        Map<String, YamlTree.Entry> s = yaml.mapping(node, indexField, SHOT_KEYS);
        if (!(node instanceof MappingNode)) {
            return Optional.empty();
        }
        Optional<String> id = required(node, s, "id").flatMap(x -> yaml.nonBlank(x.value(), indexField + ".id"));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (!SafeIds.isSafe(id.get())) {
            yaml.problem(
                    s.get("id").value(),
                    indexField + ".id",
                    "a shot id must be " + SafeIds.RULE + " (it names files); got '" + abbreviate(id.get()) + "'");
            return Optional.empty();
        }
        if (!shotIds.add(id.get())) {
            yaml.problem(
                    s.get("id").value(),
                    indexField + ".id",
                    "duplicate shot id '" + id.get() + "' in episode " + episodeId);
            return Optional.empty();
        }
        ShotKey key = new ShotKey(episodeId, id.get());
        String field = "episodes[" + episodeId + "].shots[" + id.get() + "]";
        Map<String, YamlTree.Entry> f = new LinkedHashMap<>();
        s.forEach((k, v) -> f.put(k, new YamlTree.Entry(k, v.keyPosition(), v.value(), field + "." + k)));

        String prompt = text(f, "prompt").orElse("");
        List<Shot.DialogueLine> dialogue =
                Optional.ofNullable(f.get("dialogue")).map(this::dialogue).orElse(List.of());
        Optional<ShotKey> after = Optional.ofNullable(f.get("after"))
                .flatMap(a -> yaml.nonBlank(a.value(), a.field())
                        .flatMap(t -> shotReference(t, episodeId, a.value(), a.field(), true)));
        Optional<MediaRef> firstFrame = single(f.get("first_frame"), MediaKind.IMAGE, null);
        Optional<MediaRef> lastFrame = single(f.get("last_frame"), MediaKind.IMAGE, null);
        List<MediaRef> images = mediaList(f.get("images"), MediaKind.IMAGE);
        List<MediaRef> videos = mediaList(f.get("videos"), MediaKind.VIDEO);
        List<MediaRef> audio = mediaList(f.get("audio"), MediaKind.AUDIO);
        Optional<MediaRef> edit = single(f.get("edit"), MediaKind.VIDEO, episodeId);
        List<MediaRef> extend = new ArrayList<>();
        Optional.ofNullable(f.get("extend")).ifPresent(x -> {
            for (Node item : yaml.sequenceOrOne(x.value(), x.field())) {
                media(item, x.field(), MediaKind.VIDEO, episodeId).ifPresent(extend::add);
            }
        });
        Map<String, SourcePosition> positions = new HashMap<>();
        f.forEach((k, v) -> positions.put(k, yaml.position(v.value())));

        Shot shot = new Shot(
                key,
                prompt,
                dialogue,
                smallInt(f, "duration"),
                text(f, "ratio"),
                text(f, "resolution"),
                text(f, "model"),
                longInt(f, "seed"),
                flag(f, "generate_audio"),
                flag(f, "watermark"),
                after,
                firstFrame,
                lastFrame,
                images,
                videos,
                audio,
                edit,
                extend,
                yaml.position(node),
                positions);
        checkShotRules(shot, field);
        return Optional.of(shot);
    }

    /** Rules that need no model knowledge: mentions, speakers, and which inputs may appear together. */
    private void checkShotRules(Shot shot, String field) {
        for (Mentions.Mention m : Mentions.find(shot.prompt(), allNames())) {
            if (m.name() == null) {
                yaml.problem(
                        shot.positionOf("prompt"),
                        field + ".prompt",
                        "unknown character or scene " + m.written() + "; known: "
                                + (allNames().isEmpty() ? "none defined" : String.join(", ", allNames())));
            }
        }
        for (Shot.DialogueLine line : shot.dialogue()) {
            if (!characterNames.contains(line.who())) {
                yaml.problem(
                        line.position(),
                        field + ".dialogue.who",
                        "unknown character '" + line.who() + "'; known: "
                                + (characterNames.isEmpty() ? "none defined" : String.join(", ", characterNames)));
            }
        }
        boolean framed = shot.firstFrame().isPresent() || shot.lastFrame().isPresent();
        boolean referenced = !shot.images().isEmpty()
                || !shot.videos().isEmpty()
                || !shot.audio().isEmpty()
                || shot.edit().isPresent()
                || !shot.extend().isEmpty();
        if (framed && referenced) {
            yaml.problem(
                    shot.positionOf(shot.firstFrame().isPresent() ? "first_frame" : "last_frame"),
                    field,
                    "first_frame/last_frame may not be mixed with images, videos, audio, edit or extend: the service treats"
                            + " first/last-frame generation and multimodal reference as separate scenes");
        }
        if (framed && mentionsWithImages(shot)) {
            yaml.problem(
                    shot.positionOf("prompt"),
                    field,
                    "@mentions bring reference images, which may not be mixed with"
                            + " first_frame/last_frame (separate scenes of the service); describe the character in words instead");
        }
        if (shot.after().isPresent() && shot.firstFrame().isPresent()) {
            yaml.problem(
                    shot.positionOf("first_frame"),
                    field,
                    "after: already gives this shot its first frame (the last frame of "
                            + shot.after().get() + ")");
        }
        if (shot.lastFrame().isPresent()
                && shot.firstFrame().isEmpty()
                && shot.after().isEmpty()) {
            yaml.problem(shot.positionOf("last_frame"), field, "last_frame needs a first_frame (or after:)");
        }
        if (shot.after().isPresent() && shot.lastFrame().isPresent() && referenced) {
            yaml.problem(shot.positionOf("last_frame"), field, "last_frame with reference media mixes two scenes");
        }
        if (shot.edit().isPresent() && !shot.extend().isEmpty()) {
            yaml.problem(
                    shot.positionOf("edit"), field, "a shot either edits one video or extends up to three, not both");
        }
        if (shot.extend().size() > 3) {
            yaml.problem(
                    shot.positionOf("extend"),
                    field,
                    "extend takes at most 3 videos (got " + shot.extend().size() + ")");
        }
    }

    private boolean mentionsWithImages(Shot shot) {
        return Mentions.find(shot.prompt(), allNames()).stream()
                .filter(m -> m.name() != null)
                .anyMatch(m -> characters.containsKey(m.name())
                        ? !characters.get(m.name()).images().isEmpty()
                        : scenes.containsKey(m.name())
                                && !scenes.get(m.name()).images().isEmpty());
    }

    private List<String> allNames() {
        List<String> names = new ArrayList<>(characterNames);
        names.addAll(sceneNames);
        return names;
    }

    private List<Shot.DialogueLine> dialogue(YamlTree.Entry entry) {
        List<Shot.DialogueLine> lines = new ArrayList<>();
        List<Node> nodes = yaml.sequence(entry.value(), entry.field());
        double previousEnd = 0;
        for (int i = 0; i < nodes.size(); i++) {
            String field = entry.field() + "[" + i + "]";
            Map<String, YamlTree.Entry> d = yaml.mapping(nodes.get(i), field, DIALOGUE_KEYS);
            if (!(nodes.get(i) instanceof MappingNode)) {
                continue;
            }
            Optional<String> who = required(nodes.get(i), d, "who").flatMap(w -> yaml.nonBlank(w.value(), w.field()));
            Optional<String> text = required(nodes.get(i), d, "text").flatMap(t -> yaml.nonBlank(t.value(), t.field()));
            Optional<Double> start = seconds(d.get("start"));
            Optional<Double> end = seconds(d.get("end"));
            if (d.containsKey("start") != d.containsKey("end")) {
                String missing = d.containsKey("start") ? "end" : "start";
                yaml.problem(
                        nodes.get(i),
                        field + "." + missing,
                        "a timed line needs both start and end (seconds into the shot); give '" + missing
                                + "' too, or neither to have the line timed by its length");
            } else if (start.isPresent() && end.isPresent()) {
                if (end.get() <= start.get()) {
                    yaml.problem(d.get("end").value(), field + ".end", "must be after start (" + start.get() + " s)");
                } else if (start.get() < previousEnd) {
                    yaml.problem(
                            d.get("start").value(),
                            field + ".start",
                            "starts at " + start.get() + " s, before the previous timed line ends (" + previousEnd
                                    + " s); timed lines must be in order and must not overlap");
                }
                previousEnd = Math.max(previousEnd, end.get());
            }
            if (who.isPresent() && text.isPresent()) {
                lines.add(new Shot.DialogueLine(who.get(), text.get(), start, end, yaml.position(nodes.get(i))));
            }
        }
        return lines;
    }

    private Optional<Double> seconds(YamlTree.Entry entry) {
        if (entry == null) {
            return Optional.empty();
        }
        Optional<BigDecimal> value = yaml.number(entry.value(), entry.field());
        if (value.isPresent() && value.get().signum() < 0) {
            yaml.problem(entry.value(), entry.field(), "must not be negative");
            return Optional.empty();
        }
        if (value.isPresent() && !withinRange(value.get(), BigDecimal.ZERO, MAX_DIALOGUE_SECONDS)) {
            yaml.problem(
                    entry.value(),
                    entry.field(),
                    "must be seconds into the shot, within [0, " + MAX_DIALOGUE_SECONDS + "] with at most 6 decimals"
                            + " (got " + abbreviate(entry.value()) + ")");
            return Optional.empty();
        }
        return value.map(BigDecimal::doubleValue);
    }

    /** Within [min, max] and with at most 6 decimals (so that it prints as a short number). */
    private static boolean withinRange(BigDecimal value, BigDecimal min, BigDecimal max) {
        return value.compareTo(min) >= 0
                && value.compareTo(max) <= 0
                && value.stripTrailingZeros().scale() <= 6;
    }

    private static String abbreviate(Node node) {
        return node instanceof ScalarNode scalar ? abbreviate(scalar.getValue()) : YamlTree.describe(node);
    }

    private Optional<ShotKey> shotReference(String text, String episodeId, Node at, String field, boolean mustExist) {
        ShotKey key;
        if (text.contains("/")) {
            try {
                key = ShotKey.parse(text);
            } catch (IllegalArgumentException e) {
                if (mustExist) {
                    yaml.problem(at, field, e.getMessage());
                }
                return Optional.empty();
            }
        } else {
            key = new ShotKey(episodeId, text);
        }
        if (!declaredShots.contains(key)) {
            if (mustExist) {
                yaml.problem(at, field, "unknown shot '" + text + "' (write SHOT for this episode or EPISODE/SHOT)");
            }
            return Optional.empty();
        }
        return Optional.of(key);
    }

    private Optional<MediaRef> single(YamlTree.Entry entry, MediaKind kind, String shotEpisode) {
        return entry == null ? Optional.empty() : media(entry.value(), entry.field(), kind, shotEpisode);
    }

    /** {@code aliases:}: other names of a character or scene, each non-blank and used by no other entry. */
    private List<String> aliases(YamlTree.Entry entry) {
        List<String> list = new ArrayList<>();
        if (entry == null) return list;
        for (Node item : yaml.sequenceOrOne(entry.value(), entry.field())) {
            Optional<String> alias = yaml.nonBlank(item, entry.field()).map(String::strip);
            if (alias.isEmpty()) continue;
            if (characterNames.contains(alias.get())
                    || sceneNames.contains(alias.get())
                    || !aliasesSeen.add(alias.get())) {
                yaml.problem(
                        item,
                        entry.field(),
                        "alias '" + alias.get() + "' already names another character, scene or alias; an alias must"
                                + " name one entry only");
                continue;
            }
            list.add(alias.get());
        }
        return list;
    }

    private List<MediaRef> mediaList(YamlTree.Entry entry, MediaKind kind) {
        List<MediaRef> list = new ArrayList<>();
        if (entry != null) {
            for (Node item : yaml.sequenceOrOne(entry.value(), entry.field())) {
                media(item, entry.field(), kind, null).ifPresent(list::add);
            }
        }
        return list;
    }

    /**
     * One media reference. {@code shotEpisode} non-null means the reference may also name a shot of the project
     * ({@code edit:}, {@code extend:}); a name that is a declared shot wins over a file of the same name.
     */
    private Optional<MediaRef> media(Node node, String field, MediaKind kind, String shotEpisode) {
        Optional<String> written = yaml.nonBlank(node, field);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        String text = written.get().strip();
        SourcePosition at = yaml.position(node);
        if (shotEpisode != null) {
            Optional<ShotKey> shot = shotReference(text, shotEpisode, node, field, false);
            if (shot.isPresent()) {
                return Optional.of(new MediaRef.ShotOutput(shot.get(), at));
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("asset://")) {
            if (text.length() == "asset://".length()) {
                yaml.problem(node, field, "asset:// needs an asset id, e.g. asset://asset-20260810164850-mqxvm");
                return Optional.empty();
            }
            return Optional.of(new MediaRef.Remote(text, at));
        }
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return Optional.of(new MediaRef.Remote(text, at));
        }
        if (lower.startsWith("data:") || text.contains("://")) {
            yaml.problem(
                    node,
                    field,
                    "unsupported reference '" + abbreviate(text)
                            + "': use a file path relative to the project file, an https:// URL or an asset:// id");
            return Optional.empty();
        }
        return localFile(text, node, field, kind, shotEpisode != null);
    }

    private Optional<MediaRef> localFile(String text, Node node, String field, MediaKind kind, boolean mayBeShot) {
        Path written;
        try {
            written = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            yaml.problem(node, field, "not a valid path: " + text);
            return Optional.empty();
        }
        if (written.isAbsolute() || text.startsWith("~")) {
            yaml.problem(node, field, "paths are relative to the project file; '" + text + "' is absolute");
            return Optional.empty();
        }
        Path resolved = folder.resolve(written).normalize();
        if (!resolved.startsWith(folder)) {
            yaml.problem(node, field, "'" + text + "' leaves the project folder; every file must be inside " + folder);
            return Optional.empty();
        }
        if (!Files.exists(resolved)) {
            yaml.problem(
                    node,
                    field,
                    (mayBeShot ? "no shot and no file named '" : "file not found: '") + text + "' (looked for "
                            + resolved + ")");
            return Optional.empty();
        }
        String extension = extension(text);
        if (!kind.extensions.contains(extension)) {
            yaml.problem(
                    node,
                    field,
                    "'" + text + "' is not " + kind.description + " (expected "
                            + String.join(
                                    ", ", kind.extensions.stream().sorted().toList()) + ")");
            return Optional.empty();
        }
        try {
            LocalMedia.realPath(resolved, realFolder, text);
        } catch (LocalMedia.Refused e) {
            yaml.problem(node, field, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new MediaRef.LocalFile(resolved, text, yaml.position(node)));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return YamlTree.shorten(text);
    }

    private Optional<String> text(Map<String, YamlTree.Entry> entries, String key) {
        YamlTree.Entry e = entries.get(key);
        return e == null ? Optional.empty() : yaml.string(e.value(), e.field());
    }

    private Optional<Integer> smallInt(Map<String, YamlTree.Entry> entries, String key) {
        YamlTree.Entry e = entries.get(key);
        return e == null ? Optional.empty() : yaml.smallInteger(e.value(), e.field());
    }

    private Optional<Long> longInt(Map<String, YamlTree.Entry> entries, String key) {
        YamlTree.Entry e = entries.get(key);
        return e == null ? Optional.empty() : yaml.integer(e.value(), e.field());
    }

    private Optional<Boolean> flag(Map<String, YamlTree.Entry> entries, String key) {
        YamlTree.Entry e = entries.get(key);
        return e == null ? Optional.empty() : yaml.bool(e.value(), e.field());
    }

    /** Every dependency must exist and the graph of after:/edit:/extend: must have no cycle. */
    private void checkDependencies(Project project) {
        Map<ShotKey, Shot> shots = new LinkedHashMap<>();
        project.shots().forEach(s -> shots.put(s.key(), s));
        Set<ShotKey> done = new HashSet<>();
        for (Shot start : shots.values()) {
            List<ShotKey> path = new ArrayList<>();
            findCycle(start.key(), shots, new HashSet<>(), path, done).ifPresent(cycle -> {
                Shot first = shots.get(cycle.get(0));
                yaml.problem(
                        first.position(),
                        "episodes[" + first.episode() + "].shots[" + first.id() + "]",
                        "dependency cycle through after:/edit:/extend: "
                                + String.join(
                                        " -> ",
                                        cycle.stream().map(ShotKey::toString).toList()));
                done.addAll(cycle);
            });
        }
    }

    private Optional<List<ShotKey>> findCycle(
            ShotKey at, Map<ShotKey, Shot> shots, Set<ShotKey> onPath, List<ShotKey> path, Set<ShotKey> done) {
        if (done.contains(at)) {
            return Optional.empty();
        }
        if (onPath.contains(at)) {
            List<ShotKey> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
            cycle.add(at);
            return Optional.of(cycle);
        }
        Shot shot = shots.get(at);
        if (shot == null) {
            return Optional.empty();
        }
        onPath.add(at);
        path.add(at);
        for (ShotKey dep : shot.dependencies()) {
            Optional<List<ShotKey>> cycle = findCycle(dep, shots, onPath, path, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        onPath.remove(at);
        path.remove(path.size() - 1);
        done.add(at);
        return Optional.empty();
    }

    enum MediaKind {
        IMAGE(IMAGE_TYPES, "an image"),
        AUDIO(AUDIO_TYPES, "audio"),
        VIDEO(VIDEO_TYPES, "a video");

        final Set<String> extensions;
        final String description;

        MediaKind(Set<String> extensions, String description) {
            this.extensions = extensions;
            this.description = description;
        }
    }
}
