package dev.seedance4j.studio.internal.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.CostEstimate;
import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Ratio;
import dev.seedance4j.client.RequestValidator;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.Role;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.client.Violation;
import dev.seedance4j.studio.MediaRef;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.ProjectProblem;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.SourcePosition;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.LocalMedia;
import dev.seedance4j.studio.internal.project.Mentions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a project into one {@link ShotPlan} per shot: picks the scene, gathers the references that
 * {@code @mentions}, {@code after:}, {@code edit:} and {@code extend:} bring in, rewrites the prompt to the positional
 * form the model understands ({@code [图N]}, {@code 视频N}, {@code 音频N}), writes the dialogue into it, then validates
 * every request with the client's per-model rules and estimates its cost. All problems are returned together.
 */
public final class Planner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WRITTEN_IMAGE_REF = Pattern.compile("\\[图(\\d+)]|图片(\\d+)");
    private static final Map<String, Model> ALIASES = Map.of(
            "seedance-2.0", Model.SEEDANCE_2_0,
            "seedance-2.0-fast", Model.SEEDANCE_2_0_FAST,
            "seedance-1.5-pro", Model.SEEDANCE_1_5_PRO,
            "seedance-1.0-pro", Model.SEEDANCE_1_0_PRO,
            "seedance-1.0-pro-fast", Model.SEEDANCE_1_0_PRO_FAST,
            "seedance-1.0-lite-t2v", Model.SEEDANCE_1_0_LITE_T2V,
            "seedance-1.0-lite-i2v", Model.SEEDANCE_1_0_LITE_I2V);

    private final Project project;
    private final Path realFolder;
    private final CostEstimator costs;
    private final ToDoubleFunction<Path> videoSeconds;
    private final Map<Path, String> fileHashes = new HashMap<>();
    private final Map<Path, Media> inlineFiles = new HashMap<>();
    private final Map<String, Source.Sheet> sheets;

    /**
     * @param videoSeconds measures a local video's length (the media module's probe); used for limits and cost
     */
    public Planner(Project project, CostEstimator costs, ToDoubleFunction<Path> videoSeconds) {
        this(project, costs, videoSeconds, Map.of());
    }

    /**
     * @param sheets the generated reference sheet of each character or scene that has one (by name): a shot that
     *     mentions it gets it as a reference image
     */
    public Planner(
            Project project,
            CostEstimator costs,
            ToDoubleFunction<Path> videoSeconds,
            Map<String, Source.Sheet> sheets) {
        this.project = project;
        this.sheets = Map.copyOf(sheets);
        try {
            this.realFolder = project.folder().toRealPath();
        } catch (java.io.IOException e) {
            throw new StudioException("cannot read the project folder " + project.folder() + ": " + e.getMessage(), e);
        }
        this.costs = costs;
        this.videoSeconds = videoSeconds;
    }

    /** The model a project names: an alias such as {@code seedance-2.0-fast}, or the id/endpoint as written. */
    public static Model model(String written) {
        return ALIASES.getOrDefault(written, Model.of(written));
    }

    /** Every shot compiled in dependency order of identity, with every problem found. */
    public Result plan() {
        List<ProjectProblem> problems = new ArrayList<>();
        Map<ShotKey, ShotPlan> plans = new LinkedHashMap<>();
        List<Shot> shots = project.shots();
        Map<ShotKey, Shot> byKey = new LinkedHashMap<>();
        shots.forEach(s -> byKey.put(s.key(), s));
        Map<ShotKey, Integer> positions = new HashMap<>();
        for (int i = 0; i < shots.size(); i++) {
            positions.put(shots.get(i).key(), i);
        }
        for (Shot shot : topologicalOrder(byKey)) {
            compile(shot, positions.get(shot.key()), plans, problems).ifPresent(p -> plans.put(shot.key(), p));
        }
        List<ShotPlan> inProjectOrder = shots.stream()
                .map(s -> plans.get(s.key()))
                .filter(p -> p != null)
                .toList();
        // A mistake in defaults: or in a character's image is found once per shot that uses it: report it once.
        return new Result(inProjectOrder, problems.stream().distinct().toList());
    }

    /** The compiled shots (in project order) and every problem that keeps the run from being admitted. */
    public record Result(List<ShotPlan> shots, List<ProjectProblem> problems) {}

    private static List<Shot> topologicalOrder(Map<ShotKey, Shot> shots) {
        List<Shot> order = new ArrayList<>();
        Set<ShotKey> seen = new LinkedHashSet<>();
        for (Shot shot : shots.values()) {
            visit(shot, shots, seen, order);
        }
        return order;
    }

    private static void visit(Shot shot, Map<ShotKey, Shot> shots, Set<ShotKey> seen, List<Shot> order) {
        if (!seen.add(shot.key())) {
            return;
        }
        for (ShotKey dep : shot.dependencies()) {
            visit(shots.get(dep), shots, seen, order);
        }
        order.add(shot);
    }

    private Optional<ShotPlan> compile(
            Shot shot, int position, Map<ShotKey, ShotPlan> done, List<ProjectProblem> problems) {
        String field = "episodes[" + shot.episode() + "].shots[" + shot.id() + "]";
        for (ShotKey dep : shot.dependencies()) {
            if (!done.containsKey(dep)) {
                // The shot it builds on has its own problems, already reported; this one is planned once they are
                // fixed.
                return Optional.empty();
            }
        }
        Project.Defaults d = project.defaults();
        String modelName = shot.model().or(d::model).orElse(Model.SEEDANCE_2_0.id());
        Model model = model(modelName);
        if (!RequestValidator.knows(model)) {
            problems.add(new ProjectProblem(
                    positionOf(shot, "model"),
                    keyOf(shot, field, "model"),
                    "unknown model '" + modelName + "': write one of "
                            + String.join(
                                    ", ", ALIASES.keySet().stream().sorted().toList())
                            + ", or a model id such as " + Model.SEEDANCE_2_0_FAST.id()
                            + " (endpoint ids are not accepted in project files yet)"));
            return Optional.empty();
        }
        Integer seconds = shot.duration().or(d::duration).orElse(null);
        Resolution resolution =
                shot.resolution().or(d::resolution).map(Resolution::of).orElse(null);
        Ratio ratio = shot.ratio().or(d::ratio).map(Ratio::of).orElse(null);

        List<PlannedInput> images = new ArrayList<>();
        List<PlannedInput> videos = new ArrayList<>();
        List<PlannedInput> audio = new ArrayList<>();
        List<String> mentionNames = new ArrayList<>();
        Mentions.find(shot.prompt(), names()).stream()
                .map(Mentions.Mention::name)
                .filter(n -> n != null && !mentionNames.contains(n))
                .forEach(mentionNames::add);
        // A generated sheet is a reference image, which the service does not take beside first/last frames: a framed
        // shot describes the character in words instead.
        boolean sheetsAsReferences =
                shot.firstFrame().isEmpty() && shot.lastFrame().isEmpty();
        boolean mentionImages = mentionNames.stream()
                .anyMatch(n -> !imagesOf(n).isEmpty() || (sheetsAsReferences && sheets.containsKey(n)));
        boolean referenced = mentionImages
                || !shot.images().isEmpty()
                || !shot.videos().isEmpty()
                || !shot.audio().isEmpty()
                || shot.edit().isPresent()
                || !shot.extend().isEmpty();

        ShotPlan.Mode mode;
        boolean afterAsReference = false;
        if (shot.edit().isPresent()) {
            mode = ShotPlan.Mode.EDIT;
        } else if (!shot.extend().isEmpty()) {
            mode = ShotPlan.Mode.EXTEND;
        } else if (referenced) {
            mode = ShotPlan.Mode.REFERENCE;
        } else if (shot.lastFrame().isPresent()) {
            mode = ShotPlan.Mode.FIRST_LAST;
        } else if (shot.firstFrame().isPresent() || shot.after().isPresent()) {
            mode = ShotPlan.Mode.FIRST_FRAME;
        } else {
            mode = ShotPlan.Mode.TEXT;
        }
        Map<String, List<Integer>> imageNumbers = new HashMap<>();
        Map<String, Integer> voiceNumbers = new HashMap<>();
        try {
            if (mode == ShotPlan.Mode.FIRST_FRAME || mode == ShotPlan.Mode.FIRST_LAST) {
                if (shot.after().isPresent()) {
                    images.add(new PlannedInput(
                            "image",
                            Role.FIRST_FRAME,
                            new Source.LastFrameOf(shot.after().get()),
                            shot.positionOf("after"),
                            field + ".after"));
                } else {
                    images.add(
                            input("image", Role.FIRST_FRAME, shot.firstFrame().get(), field + ".first_frame", done));
                }
                if (shot.lastFrame().isPresent()) {
                    images.add(input("image", Role.LAST_FRAME, shot.lastFrame().get(), field + ".last_frame", done));
                }
            } else if (shot.after().isPresent()) {
                // The service forbids first_frame together with references: the predecessor's last frame becomes
                // reference image 1 and the prompt says the video opens on it.
                afterAsReference = true;
                images.add(new PlannedInput(
                        "image",
                        Role.REFERENCE_IMAGE,
                        new Source.LastFrameOf(shot.after().get()),
                        shot.positionOf("after"),
                        field + ".after"));
            }
            for (MediaRef m : shot.images()) {
                images.add(input("image", Role.REFERENCE_IMAGE, m, field + ".images", done));
            }
            for (String name : mentionNames) {
                List<Integer> numbers = new ArrayList<>();
                String owner = (project.characters().containsKey(name) ? "characters." : "scenes.") + name;
                for (MediaRef m : imagesOf(name)) {
                    images.add(input("image", Role.REFERENCE_IMAGE, m, owner + ".images", done));
                    numbers.add(images.size());
                }
                Source.Sheet sheet = sheets.get(name);
                if (sheet != null && sheetsAsReferences && imagesOf(name).isEmpty()) {
                    images.add(new PlannedInput(
                            "image", Role.REFERENCE_IMAGE, sheet, shot.positionOf("prompt"), owner + ".sheet"));
                    numbers.add(images.size());
                }
                imageNumbers.put(name, numbers);
            }
            if (shot.edit().isPresent()) {
                videos.add(input("video", Role.REFERENCE_VIDEO, shot.edit().get(), field + ".edit", done));
            }
            for (MediaRef m : shot.extend()) {
                videos.add(input("video", Role.REFERENCE_VIDEO, m, field + ".extend", done));
            }
            for (MediaRef m : shot.videos()) {
                videos.add(input("video", Role.REFERENCE_VIDEO, m, field + ".videos", done));
            }
            for (MediaRef m : shot.audio()) {
                audio.add(input("audio", Role.REFERENCE_AUDIO, m, field + ".audio", done));
            }
            boolean multimodal =
                    mode == ShotPlan.Mode.REFERENCE || mode == ShotPlan.Mode.EDIT || mode == ShotPlan.Mode.EXTEND;
            if (multimodal && (!images.isEmpty() || !videos.isEmpty())) {
                for (Shot.DialogueLine line : shot.dialogue()) {
                    Project.Character speaker = project.characters().get(line.who());
                    if (speaker != null && speaker.voice().isPresent() && !voiceNumbers.containsKey(line.who())) {
                        audio.add(input(
                                "audio",
                                Role.REFERENCE_AUDIO,
                                speaker.voice().get(),
                                "characters." + line.who() + ".voice",
                                done));
                        voiceNumbers.put(line.who(), audio.size());
                    }
                }
            }
        } catch (Refusal r) {
            problems.add(r.problem);
            return Optional.empty();
        }

        String prompt = rewritePrompt(shot, afterAsReference ? 1 : 0, imageNumbers);
        if (afterAsReference) {
            prompt = "视频开场画面为[图1]。" + prompt;
        }
        prompt += dialogueText(shot, imageNumbers, voiceNumbers);

        List<PlannedInput> inputs = new ArrayList<>(images);
        inputs.addAll(videos);
        inputs.addAll(audio);
        ShotPlan draft = new ShotPlan(
                shot,
                position,
                mode,
                model,
                prompt,
                inputs,
                seconds,
                resolution,
                ratio,
                shot.seed().or(d::seed).orElse(null),
                shot.generateAudio().or(d::generateAudio).orElse(null),
                shot.watermark().or(d::watermark).orElse(null),
                shot.dependencies(),
                "",
                null);

        for (PlannedInput input : inputs) {
            try {
                placeholder(input.source());
            } catch (ValidationException e) {
                // A local file the client cannot read as media (a text file named .png, a video named .wav).
                String written = writtenAs(input.source());
                e.violations()
                        .forEach(v -> problems.add(
                                new ProjectProblem(input.origin(), input.field(), "'" + written + "' " + v.rule())));
                return Optional.empty();
            } catch (StudioException e) {
                problems.add(new ProjectProblem(input.origin(), input.field(), e.getMessage()));
                return Optional.empty();
            }
        }
        CreateTaskRequest request;
        try {
            request = draft.toRequest(s -> placeholder(s), null);
        } catch (SeedanceException e) {
            problems.add(new ProjectProblem(shot.position(), field, e.getMessage()));
            return Optional.empty();
        }
        List<Violation> violations = RequestValidator.validate(request);
        for (Violation v : violations) {
            problems.add(problemOf(v, shot, field, draft));
        }
        int before = problems.size();
        checkDialogueTiming(shot, field, seconds, problems);
        if (!violations.isEmpty() || problems.size() > before) {
            return Optional.empty();
        }
        CostEstimate estimate = costs.estimate(request);
        String identity = identity(draft, done);
        return Optional.of(draft.withIdentity(identity, estimate));
    }

    /** The request parameters a project may set, by the name of the key (in a shot and in defaults:). */
    private static final List<String> PARAMETER_KEYS =
            List.of("duration", "resolution", "ratio", "seed", "model", "generate_audio", "watermark");

    private static final Pattern CONTENT_ITEM = Pattern.compile("content\\[(\\d+)]");

    /**
     * A rule the compiled request breaks, told where the project file can fix it: a parameter at the shot's key or,
     * when the shot inherits it, at its key in {@code defaults:}; a media item where it was brought in (a
     * character's image, a shot's {@code first_frame}); anything else at the shot.
     */
    private ProjectProblem problemOf(Violation v, Shot shot, String field, ShotPlan draft) {
        String value = v.value() == null ? "" : v.value();
        Matcher item = CONTENT_ITEM.matcher(v.field());
        if (item.lookingAt()) {
            int index = Integer.parseInt(item.group(1)) - (draft.prompt().isBlank() ? 0 : 1);
            if (index >= 0 && index < draft.inputs().size()) {
                PlannedInput input = draft.inputs().get(index);
                String written = writtenAs(input.source());
                if (written != null)
                    value = value.replace(placeholder(input.source()).describe(), written);
                return new ProjectProblem(input.origin(), input.field(), v.rule() + got(value));
            }
            return new ProjectProblem(shot.positionOf("prompt"), field + ".prompt", v.rule() + got(value));
        }
        if (v.field().startsWith("content[text]")) {
            return new ProjectProblem(shot.positionOf("prompt"), field + ".prompt", v.rule() + got(value));
        }
        for (String key : PARAMETER_KEYS) {
            if (v.field().equals(key) || v.field().startsWith(key + ".")) {
                return new ProjectProblem(positionOf(shot, key), keyOf(shot, field, key), v.rule() + got(value));
            }
        }
        return new ProjectProblem(
                shot.position(), field + (v.field().equals("content") ? "" : "." + v.field()), v.rule() + got(value));
    }

    private static String got(String value) {
        return value.isEmpty() ? "" : " (got " + value + ")";
    }

    /** Where a parameter of the shot was written: at the shot, else in defaults:, else where the shot starts. */
    private SourcePosition positionOf(Shot shot, String key) {
        if (shot.fieldPositions().containsKey(key)) return shot.positionOf(key);
        return project.defaults().positionOf(key).orElse(shot.position());
    }

    private String keyOf(Shot shot, String field, String key) {
        if (!shot.fieldPositions().containsKey(key)
                && project.defaults().positionOf(key).isPresent()) {
            return "defaults." + key;
        }
        return field + "." + key;
    }

    /** How messages name an input instead of the data URL or stand-in link the validator saw. */
    private String writtenAs(Source source) {
        if (source instanceof Source.LocalFile f)
            return project.folder().relativize(f.path()).toString();
        if (source instanceof Source.LocalVideo v)
            return project.folder().relativize(v.path()).toString();
        if (source instanceof Source.LastFrameOf l) return "the last frame of " + l.shot();
        if (source instanceof Source.ClipOf c) return "the clip of " + c.shot();
        return null;
    }

    /**
     * Timed dialogue must fit the shot it is spoken in, by the same rules the assembler applies to the delivered
     * clip, so that a run is never paid for and then fails at assembly. Every line needs at least a millisecond.
     */
    private static void checkDialogueTiming(Shot shot, String field, Integer seconds, List<ProjectProblem> problems) {
        List<Shot.DialogueLine> lines = shot.dialogue();
        if (lines.stream().noneMatch(l -> l.end().isPresent())) {
            return;
        }
        if (seconds != null && seconds < 0) {
            Shot.DialogueLine first =
                    lines.stream().filter(l -> l.end().isPresent()).findFirst().orElseThrow();
            problems.add(new ProjectProblem(
                    first.position(),
                    field + ".dialogue[" + lines.indexOf(first) + "]",
                    "timed dialogue (start/end) needs a fixed duration: with duration -1 the model chooses the"
                            + " length; give the shot a duration or drop start and end"));
            return;
        }
        long shotMs = (seconds == null ? 5 : seconds) * 1000L;
        String length = (seconds == null ? 5 : seconds) + " s" + (seconds == null ? " (the service's default)" : "");
        long free = 0;
        int waiting = 0;
        for (int i = 0; i <= lines.size(); i++) {
            Shot.DialogueLine line = i < lines.size() ? lines.get(i) : null;
            if (line != null && line.end().isEmpty()) {
                waiting++;
                continue;
            }
            long until = line == null ? shotMs : Math.round(line.start().orElseThrow() * 1000);
            if (waiting > 0 && until - free < waiting) {
                Shot.DialogueLine starved = lines.get(i - waiting);
                problems.add(new ProjectProblem(
                        starved.position(),
                        field + ".dialogue[" + (i - waiting) + "]",
                        "no time is left for this line: the timed lines around it fill the shot's " + length));
            }
            waiting = 0;
            if (line == null) {
                break;
            }
            long end = Math.round(line.end().orElseThrow() * 1000);
            if (end > shotMs) {
                problems.add(new ProjectProblem(
                        line.position(),
                        field + ".dialogue[" + i + "].end",
                        "ends at " + line.end().get() + " s but the shot lasts " + length
                                + "; end must be within the shot"));
            }
            free = Math.max(free, end);
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(project.characters().keySet());
        names.addAll(project.scenes().keySet());
        return names;
    }

    private List<MediaRef> imagesOf(String name) {
        Project.Character c = project.characters().get(name);
        if (c != null) {
            return c.images();
        }
        Project.Scene s = project.scenes().get(name);
        return s == null ? List.of() : s.images();
    }

    private Optional<String> descriptionOf(String name) {
        Project.Character c = project.characters().get(name);
        if (c != null) {
            return c.description();
        }
        Project.Scene s = project.scenes().get(name);
        return s == null ? Optional.empty() : s.description();
    }

    /** {@code @lin} becomes {@code [图2][图3]}; a mention without images becomes its description (or name). */
    private String rewritePrompt(Shot shot, int imageShift, Map<String, List<Integer>> imageNumbers) {
        String prompt = shot.prompt();
        if (imageShift > 0) {
            Matcher m = WRITTEN_IMAGE_REF.matcher(prompt);
            StringBuilder shifted = new StringBuilder();
            while (m.find()) {
                String replacement = m.group(1) != null
                        ? "[图" + (Integer.parseInt(m.group(1)) + imageShift) + "]"
                        : "图片" + (Integer.parseInt(m.group(2)) + imageShift);
                m.appendReplacement(shifted, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(shifted);
            prompt = shifted.toString();
        }
        StringBuilder out = new StringBuilder();
        int last = 0;
        for (Mentions.Mention mention : Mentions.find(prompt, names())) {
            out.append(prompt, last, mention.start());
            out.append(spoken(mention.name(), imageNumbers));
            last = mention.end();
        }
        out.append(prompt.substring(last));
        return out.toString();
    }

    private String spoken(String name, Map<String, List<Integer>> imageNumbers) {
        List<Integer> numbers = imageNumbers.getOrDefault(name, List.of());
        if (numbers.isEmpty()) {
            return descriptionOf(name).orElse(name);
        }
        StringBuilder refs = new StringBuilder();
        numbers.forEach(n -> refs.append("[图").append(n).append(']'));
        return refs.toString();
    }

    /** Dialogue written into the prompt so that native audio speaks it. */
    private String dialogueText(Shot shot, Map<String, List<Integer>> imageNumbers, Map<String, Integer> voiceNumbers) {
        StringBuilder text = new StringBuilder();
        for (Shot.DialogueLine line : shot.dialogue()) {
            text.append(text.length() == 0 ? "\n对白：" : "");
            text.append(spoken(line.who(), imageNumbers));
            if (voiceNumbers.containsKey(line.who())) {
                text.append("（用音频").append(voiceNumbers.get(line.who())).append("的声音）");
            }
            text.append("说：“").append(line.text()).append("”");
        }
        return text.toString();
    }

    private PlannedInput input(String type, Role role, MediaRef media, String field, Map<ShotKey, ShotPlan> done) {
        return new PlannedInput(type, role, source(media, field, done), media.position(), field);
    }

    private Source source(MediaRef media, String field, Map<ShotKey, ShotPlan> done) {
        if (media instanceof MediaRef.Remote r) {
            return new Source.Remote(r.url());
        }
        if (media instanceof MediaRef.ShotOutput o) {
            return new Source.ClipOf(o.shot(), done.get(o.shot()).expectedSeconds());
        }
        MediaRef.LocalFile file = (MediaRef.LocalFile) media;
        Path path = file.path();
        Path real;
        try {
            // Checked again: the file may have changed since the project was read.
            real = LocalMedia.realPath(path, realFolder, file.written());
        } catch (LocalMedia.Refused e) {
            throw new Refusal(new ProjectProblem(media.position(), field, e.getMessage()));
        }
        if (LocalMedia.isVideo(path)) {
            return new Source.LocalVideo(path, sha256(real), videoSeconds.applyAsDouble(real), realFolder);
        }
        return new Source.LocalFile(path, sha256(real), realFolder);
    }

    /** A local file that may not be read: reported where it was written, and the shot is not planned. */
    private static final class Refusal extends RuntimeException {
        final transient ProjectProblem problem;

        Refusal(ProjectProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /** What the validator and the estimator see before the run: real data URLs, stand-ins for later outputs. */
    private Media placeholder(Source source) {
        if (source instanceof Source.LocalFile f) {
            return inlineFiles.computeIfAbsent(f.path(), p -> Media.file(f.checkedPath()));
        }
        if (source instanceof Source.Remote r) {
            return Media.url(r.url());
        }
        if (source instanceof Source.LocalVideo v) {
            return Media.url("https://studio.invalid/published/" + v.sha256() + ".mp4")
                    .withDuration(java.time.Duration.ofMillis(Math.round(v.seconds() * 1000)));
        }
        if (source instanceof Source.LastFrameOf l) {
            return Media.url("https://studio.invalid/last-frame/" + l.shot() + ".png");
        }
        if (source instanceof Source.Sheet s) {
            return s.sha256() != null
                    ? inlineFiles.computeIfAbsent(s.file(), Media::file)
                    : Media.url("https://studio.invalid/sheet/" + s.identity() + ".png");
        }
        Source.ClipOf c = (Source.ClipOf) source;
        return Media.url("https://studio.invalid/clip/" + c.shot() + ".mp4")
                .withDuration(java.time.Duration.ofSeconds(c.seconds()));
    }

    /** SHA-256 over the request as planned, the bytes of every file and the identity of every shot it builds on. */
    private static String identity(ShotPlan plan, Map<ShotKey, ShotPlan> done) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", plan.model().id());
        root.put("prompt", plan.prompt());
        ArrayNode inputs = root.putArray("inputs");
        for (PlannedInput input : plan.inputs()) {
            ObjectNode item = inputs.addObject()
                    .put("type", input.type())
                    .put("role", input.role().value());
            Source s = input.source();
            if (s instanceof Source.LocalFile f) {
                item.put("file_sha256", f.sha256());
            } else if (s instanceof Source.LocalVideo v) {
                item.put("video_sha256", v.sha256());
            } else if (s instanceof Source.Remote r) {
                item.put("url", r.url());
            } else if (s instanceof Source.Sheet sheet) {
                // the sheet as planned and the image its shots use: another take or a new description is new input
                item.put("sheet", sheet.identity());
                item.put("sheet_sha256", sheet.sha256());
            } else if (s instanceof Source.LastFrameOf l) {
                item.put("last_frame_of", done.get(l.shot()).identity());
            } else if (s instanceof Source.ClipOf c) {
                item.put("clip_of", done.get(c.shot()).identity());
            }
        }
        // kept as when every shot asked for its last frame, so that existing projects keep their identities (whether
        // the last frame is asked for never changes the clip)
        root.put("return_last_frame", true);
        putIfSet(root, "duration", plan.seconds());
        putIfSet(
                root,
                "resolution",
                plan.resolution() == null ? null : plan.resolution().value());
        putIfSet(root, "ratio", plan.ratio() == null ? null : plan.ratio().value());
        putIfSet(root, "seed", plan.seed());
        putIfSet(root, "generate_audio", plan.generateAudio());
        putIfSet(root, "watermark", plan.watermark());
        return Hashing.sha256(root.toString());
    }

    private static void putIfSet(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.putPOJO(field, value);
        }
    }

    private String sha256(Path file) {
        return fileHashes.computeIfAbsent(file, f -> {
            try {
                return Hashing.sha256(f);
            } catch (java.io.UncheckedIOException e) {
                throw new StudioException(e.getMessage(), e);
            }
        });
    }
}
