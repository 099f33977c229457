package dev.seedance4j.studio.internal.sheets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.ImageRequest;
import dev.seedance4j.client.ImageSize;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.ModelTable;
import dev.seedance4j.client.RequestValidator;
import dev.seedance4j.client.Violation;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.ProjectProblem;
import dev.seedance4j.studio.SourcePosition;
import dev.seedance4j.studio.internal.Hashing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which characters and scenes get a generated reference sheet, and the image request of each: a character or scene
 * with {@code description:} and no {@code images:}. A character's sheet is a turnaround (front, three-quarter, side,
 * full body) on a plain background; a scene's an establishing view in the project's ratio; both in the project's
 * {@code style:}. {@code sheet: { model, size, seed, prompt }} overrides each part.
 */
public final class SheetPlanner {
    /** The model of a sheet unless {@code sheet.model} says otherwise. */
    public static final Model DEFAULT_MODEL = Model.SEEDREAM_4_0;
    /** The look of sheets unless the project's {@code style:} says otherwise. */
    public static final String DEFAULT_STYLE = "anime";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The words each known style adds to a prompt; any other style is written as given. */
    private static final Map<String, String> STYLE_WORDS = Map.of(
            "anime", "日系动漫风格，赛璐璐上色，线条干净",
            "comic", "漫画风格，清晰墨线，网点上色",
            "3d", "三维卡通渲染风格，柔和光照",
            "realistic", "写实风格，真人照片质感");
    /** Output size per ratio, each within every Seedream model's pixel limits (at least 3 686 400 pixels). */
    private static final Map<String, String> SIZES = Map.of(
            "16:9", "2560x1440",
            "9:16", "1440x2560",
            "1:1", "2048x2048",
            "4:3", "2304x1728",
            "3:4", "1728x2304",
            "21:9", "3024x1296");

    private SheetPlanner() {}

    /** One sheet to have: its request as planned, its identity and its estimated cost. */
    public record SheetPlan(
            String name,
            String kind,
            int position,
            SourcePosition at,
            String style,
            ImageRequest request,
            String identity,
            BigDecimal estimateCny) {

        /** This sheet's request for a take with its own seed or style (regen); the planned one without. */
        public ImageRequest requestFor(Long seed, String takeStyle, Project project) {
            ImageRequest.Builder b = request.toBuilder();
            if (seed != null) {
                b.seed(seed);
            }
            if (takeStyle != null && !takeStyle.equals(style)) {
                b.prompt(prompt(project, name, kind, takeStyle));
            }
            return b.build();
        }
    }

    public record Result(List<SheetPlan> sheets, List<ProjectProblem> problems) {}

    /** Whether a style makes faces that Seedance may refuse as real when the sheet is used as a reference. */
    public static boolean photographic(String style) {
        String s = style.toLowerCase(Locale.ROOT);
        return s.contains("realistic")
                || s.contains("photo")
                || s.contains("写实")
                || s.contains("真人")
                || s.contains("照片")
                || s.contains("实拍");
    }

    public static Result plan(Project project, CostEstimator costs, ModelTable models) {
        String style = project.style().orElse(DEFAULT_STYLE);
        List<SheetPlan> sheets = new ArrayList<>();
        List<ProjectProblem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        project.characters().values().stream()
                .filter(c -> c.images().isEmpty() && (c.description().isPresent() || promptGiven(c.sheet())))
                .forEach(c -> entries.add(new Entry(c.name(), "character", c.sheet(), c.position())));
        project.scenes().values().stream()
                .filter(s -> s.images().isEmpty() && (s.description().isPresent() || promptGiven(s.sheet())))
                .forEach(s -> entries.add(new Entry(s.name(), "scene", s.sheet(), s.position())));
        entries.sort(Comparator.comparing((Entry e) -> e.at.line()).thenComparing(e -> e.at.column()));
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String field = (e.kind.equals("character") ? "characters." : "scenes.") + e.name + ".sheet";
            Model model =
                    e.sheet.flatMap(Project.SheetSettings::model).map(Model::of).orElse(DEFAULT_MODEL);
            String size = e.sheet.flatMap(Project.SheetSettings::size).orElse(defaultSize(project, e.kind));
            Optional<Long> seed = e.sheet
                    .flatMap(Project.SheetSettings::seed)
                    .or(() -> project.defaults().seed());
            String prompt =
                    e.sheet.flatMap(Project.SheetSettings::prompt).orElse(prompt(project, e.name, e.kind, style));
            ImageRequest.Builder b =
                    ImageRequest.builder(model, prompt, ImageSize.of(size)).watermark(false);
            seed.ifPresent(b::seed);
            ImageRequest request = b.build();
            SourcePosition at = e.sheet.map(Project.SheetSettings::position).orElse(e.at);
            if (models.image(model).isEmpty()) {
                problems.add(new ProjectProblem(
                        at,
                        field + ".model",
                        "'" + model.id() + "' is not an image model; write one of "
                                + String.join(
                                        ", ",
                                        List.of(
                                                Model.SEEDREAM_4_0.id(),
                                                Model.SEEDREAM_4_5.id(),
                                                Model.SEEDREAM_5_0.id(),
                                                Model.SEEDREAM_5_0_LITE.id()))));
                continue;
            }
            List<Violation> violations = RequestValidator.validate(request, model, models);
            for (Violation v : violations) {
                problems.add(new ProjectProblem(at, field + "." + v.field(), v.rule() + " (got " + v.value() + ")"));
            }
            if (!violations.isEmpty()) {
                continue;
            }
            BigDecimal estimate = costs.estimate(request).orElse(BigDecimal.ZERO);
            sheets.add(new SheetPlan(e.name, e.kind, i, at, style, request, identity(e.kind, request), estimate));
        }
        return new Result(sheets, problems);
    }

    private static boolean promptGiven(Optional<Project.SheetSettings> sheet) {
        return sheet.flatMap(Project.SheetSettings::prompt).isPresent();
    }

    private record Entry(String name, String kind, Optional<Project.SheetSettings> sheet, SourcePosition at) {}

    static String prompt(Project project, String name, String kind, String style) {
        String look = STYLE_WORDS.getOrDefault(style.toLowerCase(Locale.ROOT), style);
        String description = kind.equals("character")
                ? project.characters().get(name).description().orElse(name)
                : project.scenes().get(name).description().orElse(name);
        if (kind.equals("character")) {
            return "角色设定图（三视图）：" + description + "。同一角色并排展示正面、四分之三侧面、侧面和全身像，" + "表情中性，站姿自然，纯色浅灰背景，无文字，" + look + "。";
        }
        return "场景设定图：" + description + "。建立镜头，全景，视角平稳，无人物，无文字，" + look + "。";
    }

    private static String defaultSize(Project project, String kind) {
        if (kind.equals("character")) {
            return SIZES.get("16:9"); // four views side by side
        }
        return project.defaults().ratio().map(SIZES::get).orElse(SIZES.get("16:9"));
    }

    /** SHA-256 over what makes the picture: kind, model, prompt, size, seed. */
    static String identity(String kind, ImageRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", kind);
        root.put("model", request.model().id());
        root.put("prompt", request.prompt());
        root.put("size", request.size().value());
        if (request.seed() != null) {
            root.put("seed", request.seed());
        }
        return Hashing.sha256(root.toString());
    }
}
