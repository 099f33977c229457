package dev.seedance4j.storyboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.BadRequestException;
import dev.seedance4j.client.ChatModelSpec;
import dev.seedance4j.client.ChatRequest;
import dev.seedance4j.client.ChatResponse;
import dev.seedance4j.client.ChatUsage;
import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.ModelTable;
import dev.seedance4j.client.ResponseFormat;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.Thinking;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.storyboard.internal.JsonCheck;
import dev.seedance4j.studio.ChargeKind;
import dev.seedance4j.studio.ChargeSubject;
import dev.seedance4j.studio.Charges;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The breakdown with a language model on Ark chat completions ({@code client.chat()}, thinking disabled). The
 * content is fixed by the script: the model only groups a scene's lines into shots and writes each shot's size,
 * camera, duration and picture; the dialogue of a shot is taken from the script lines it cites, so no line can be
 * lost or rewritten.
 *
 * <ul>
 *   <li>Asks with {@code json_schema} (strict), {@code json_object} or the schema in the prompt, per model as the
 *       client's model table says (overridable there, or with {@link Builder#format}); a format the service refuses
 *       (400) falls back to the next one for the rest of the run.
 *   <li>Every answer is validated locally against the schema and the rules ({@link BreakdownRules}); on a
 *       violation the model is asked again with the violations (at most {@link Builder#maxAttempts} times).
 *   <li>A scene is sent in batches of at most {@link Builder#maxLinesPerBatch} lines; a truncated answer
 *       ({@code finish_reason: length}) is never repaired: the batch is split in two and asked again.
 *   <li>Results are kept per batch, so a re-ask replaces that batch's shots and never adds to them; if a batch is
 *       still invalid after every attempt, its lines are broken down deterministically and a diagnostic says so:
 *       no line is ever dropped.
 *   <li>Every call, with its tokens and cost, is in {@link #calls()} and, given one, in the project's ledger
 *       ({@link Builder#ledger}).
 * </ul>
 */
public final class LlmBreakdown implements Breakdown {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```(?:json|JSON)?\\s*\\n?(.*?)```", Pattern.DOTALL);
    private static final String SYSTEM = """
            你是短剧分镜师。把一场戏的剧本行分成若干个镜头（分镜），每个镜头是一次视频生成。
            规则：
            - 每一行剧本必须且只能出现在一个镜头里，按剧本顺序；用 lines 列出镜头包含的行号。
            - 同一镜头的行必须连续；一个镜头通常包含 1–3 行对白或动作。
            - duration 为整数秒，在给定范围内；有对白时，时长至少为：对白字数 ÷ 4.5 + 1 秒。
            - shot_size 为景别，camera 为运镜，只能从给定的值中选择。
            - prompt 用中文描述画面：人物动作、表情、环境与光线，不写对白原文，不写镜头编号。
            只输出 JSON。""";

    private final SeedanceClient client;
    private final Model model;
    private final CostEstimator costs;
    private final int maxLinesPerBatch;
    private final int maxAttempts;
    private final int maxTokens;
    private final List<ChatCall> calls = Collections.synchronizedList(new ArrayList<>());
    private final Charges charges;
    private volatile AnswerFormat format;

    private LlmBreakdown(Builder b) {
        this.client = b.client;
        this.model = b.model;
        this.costs = CostEstimator.of(b.models);
        this.maxLinesPerBatch = b.maxLinesPerBatch;
        this.maxAttempts = b.maxAttempts;
        this.maxTokens = b.maxTokens;
        this.charges = b.charges;
        this.format = b.format != null ? b.format : defaultFormat(b.models.chat(b.model));
    }

    public static Builder builder(SeedanceClient client, Model model) {
        return new Builder(client, model);
    }

    /** The format the model table gives a model; an unknown model starts with json_schema and falls back. */
    static AnswerFormat defaultFormat(Optional<ChatModelSpec> spec) {
        if (spec.isEmpty()) return AnswerFormat.JSON_SCHEMA;
        if (spec.get().jsonSchema()) return AnswerFormat.JSON_SCHEMA;
        return spec.get().jsonObject() ? AnswerFormat.JSON_OBJECT : AnswerFormat.PROMPT;
    }

    /** The format the next request will use (it weakens when the service refuses one). */
    public AnswerFormat format() {
        return format;
    }

    /** Every chat completion sent so far, in order. */
    public List<ChatCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public String label() {
        return "llm " + model.id();
    }

    @Override
    public List<ShotDraft> scene(SceneInput input, List<Diagnostic> diagnostics) {
        List<Beat> visible = input.scene().beats().stream()
                .filter(b -> b.kind() == Beat.Kind.ACTION || b.isDialogue())
                .toList();
        if (visible.isEmpty()) return new DeterministicBreakdown().scene(input, diagnostics);
        List<Integer> lines = visible.stream().map(Beat::line).distinct().toList();
        List<Group> groups = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += maxLinesPerBatch) {
            groups.addAll(
                    batch(input, lines.subList(from, Math.min(lines.size(), from + maxLinesPerBatch)), diagnostics));
        }
        return shots(input, attachNotes(input.scene().beats(), groups), diagnostics);
    }

    /** The groups of visible beats for some consecutive lines of a scene, from the model (or without it). */
    private List<Group> batch(SceneInput input, List<Integer> lines, List<Diagnostic> diagnostics) {
        List<Beat> beats = input.scene().beats().stream()
                .filter(b -> (b.kind() == Beat.Kind.ACTION || b.isDialogue()) && lines.contains(b.line()))
                .toList();
        String purpose = input.scene().number() + " 第" + lines.get(0) + "–" + lines.get(lines.size() - 1) + "行";
        List<String> last = List.of();
        List<ChatMessageText> messages = new ArrayList<>();
        messages.add(new ChatMessageText("user", userMessage(input, beats, lines)));
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            AnswerFormat used = format;
            ChatResponse answer;
            try {
                answer = send(request(messages, used, input.limits()), input, purpose + "，第" + attempt + "次");
            } catch (BadRequestException | ValidationException e) {
                // the service (400) or the client's model table refused the format: fall back to a weaker one
                if (used.weaker() != null && refusesFormat(e)) {
                    format = used.weaker(); // for the rest of the run
                    calls.add(new ChatCall(
                            model.id(),
                            "",
                            purpose + "，第" + attempt + "次",
                            used.label(),
                            0,
                            0,
                            Optional.empty(),
                            0,
                            "refused " + used.label()));
                    attempt--;
                    continue;
                }
                throw e;
            }
            String outcome;
            if (answer.isTruncated()) {
                record(answer, purpose, attempt, used, "truncated");
                if (lines.size() > 1) {
                    List<Group> halves = new ArrayList<>(batch(input, lines.subList(0, lines.size() / 2), diagnostics));
                    halves.addAll(batch(input, lines.subList(lines.size() / 2, lines.size()), diagnostics));
                    return halves;
                }
                last = List.of("the answer was cut at the token limit (finish_reason: length); give a shorter prompt");
                messages = new ArrayList<>(messages.subList(0, 1));
                continue;
            }
            Parsed parsed = parse(answer.content(), input, beats, lines);
            outcome = parsed.violations.isEmpty() ? "ok" : parsed.violations.get(0);
            record(answer, purpose, attempt, used, outcome.length() > 120 ? outcome.substring(0, 120) + "…" : outcome);
            if (parsed.violations.isEmpty()) return parsed.groups;
            last = parsed.violations;
            messages.add(new ChatMessageText("assistant", answer.content() == null ? "" : answer.content()));
            messages.add(new ChatMessageText("user", repair(parsed.violations)));
        }
        diagnostics.add(new Diagnostic(
                Severity.REVIEW,
                input.file(),
                lines.get(0),
                "",
                "the model's breakdown of scene " + purpose + " was still invalid after " + maxAttempts
                        + " attempt(s) (" + String.join("; ", last.subList(0, Math.min(3, last.size())))
                        + "): those lines were broken down without the model"));
        return DeterministicBreakdown.group(beats, input.limits()).stream()
                .map(g -> new Group(g, null))
                .toList();
    }

    /**
     * Sends one request; with a ledger, its charge is recorded around it (the estimate before: the prompt as
     * counted by {@link ChatTokens} and a full answer; what the service reports after).
     */
    private ChatResponse send(ChatRequest request, SceneInput input, String purpose) {
        if (charges == null) return client.chat().create(request);
        long promptTokens = ChatTokens.estimate(request);
        ChatUsage estimate = new ChatUsage(promptTokens, maxTokens, promptTokens + maxTokens, null);
        BigDecimal estimatedCny = costs.chatCost(model, estimate).orElse(BigDecimal.ZERO);
        ChargeSubject subject = ChargeSubject.scene(
                String.format("ep%02d", input.episode().number()), input.scene().number());
        ChatResponse answer = charges.call(
                ChargeKind.CHAT,
                model.id(),
                subject,
                estimate.totalTokens(),
                estimatedCny,
                "script breakdown " + purpose,
                () -> client.chat().create(request),
                r -> new Charges.Billed(
                        r.usage() == null ? 0 : r.usage().totalTokens(),
                        costs.chatCost(r).orElse(BigDecimal.ZERO)));
        // earlier sends of the same request that got no answer may have been billed: they stay in the ledger
        for (int i = 0; i < answer.unansweredAttempts(); i++) {
            String id = charges.estimate(
                    ChargeKind.CHAT,
                    model.id(),
                    subject,
                    estimate.totalTokens(),
                    estimatedCny,
                    "script breakdown " + purpose + " (sent again after no answer)");
            charges.unknown(id, "sent without an answer (a timeout or a dropped connection); it may have been billed");
        }
        return answer;
    }

    private record ChatMessageText(String role, String content) {}

    /** Beats that form one shot, with the model's fields for it ({@code null} when made without the model). */
    private record Group(List<Beat> beats, JsonNode fields) {}

    private ChatRequest request(List<ChatMessageText> messages, AnswerFormat used, ShotLimits limits) {
        String schema = schema(limits).toString();
        ChatRequest.Builder b = ChatRequest.builder(model)
                .thinking(Thinking.DISABLED)
                .maxTokens(maxTokens)
                .system(
                        used == AnswerFormat.JSON_SCHEMA
                                ? SYSTEM
                                : SYSTEM + "\n输出一个 JSON 对象，符合这个 JSON Schema：\n" + schema);
        for (ChatMessageText m : messages) {
            if (m.role().equals("user")) b.user(m.content());
            else b.assistant(m.content());
        }
        if (used == AnswerFormat.JSON_SCHEMA) b.responseFormat(ResponseFormat.jsonSchema("storyboard", schema, true));
        if (used == AnswerFormat.JSON_OBJECT) b.responseFormat(ResponseFormat.jsonObject());
        return b.build();
    }

    private static boolean refusesFormat(RuntimeException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return text.contains("response_format") || text.contains("json_schema") || text.contains("json_object");
    }

    /** The schema of an answer: shots, each citing its lines, with size, camera, duration and prompt. */
    static ObjectNode schema(ShotLimits limits) {
        ObjectNode root = JSON.createObjectNode().put("type", "object").put("additionalProperties", false);
        root.putArray("required").add("shots");
        ObjectNode shots = root.putObject("properties")
                .putObject("shots")
                .put("type", "array")
                .put("minItems", 1);
        ObjectNode item = shots.putObject("items").put("type", "object").put("additionalProperties", false);
        ArrayNode required = item.putArray("required");
        List.of("lines", "duration", "shot_size", "camera", "prompt").forEach(required::add);
        ObjectNode props = item.putObject("properties");
        props.putObject("lines")
                .put("type", "array")
                .put("minItems", 1)
                .putObject("items")
                .put("type", "integer");
        props.putObject("duration")
                .put("type", "integer")
                .put("minimum", limits.minDuration())
                .put("maximum", limits.maxDuration());
        ArrayNode sizes = props.putObject("shot_size").put("type", "string").putArray("enum");
        for (ShotSize s : ShotSize.values()) sizes.add(s.chinese());
        ArrayNode cameras = props.putObject("camera").put("type", "string").putArray("enum");
        for (CameraMove c : CameraMove.values()) cameras.add(c.chinese());
        props.putObject("prompt").put("type", "string").put("minLength", 1);
        return root;
    }

    /** The scene and its lines as JSON data: one item per script line. */
    private static String userMessage(SceneInput input, List<Beat> beats, List<Integer> lines) {
        ObjectNode data = JSON.createObjectNode();
        ScriptScene s = input.scene();
        data.put("scene", s.label());
        data.put("place", s.place());
        data.put("time", Prompts.time(s.time()));
        data.put("setting", Prompts.setting(s.setting()));
        data.put("min_duration", input.limits().minDuration());
        data.put("max_duration", input.limits().maxDuration());
        ArrayNode items = data.putArray("lines");
        for (int line : lines) {
            List<Beat> on = beats.stream().filter(b -> b.line() == line).toList();
            ObjectNode item = items.addObject();
            item.put("line", line);
            Beat first = on.get(0);
            item.put("kind", first.isDialogue() ? "dialogue" : "action");
            if (first.isDialogue()) item.put("speaker", first.speaker());
            StringBuilder text = new StringBuilder();
            for (Beat b : on) {
                if (text.length() > 0) text.append(' ');
                if (b != first && b.isDialogue()) text.append(b.speaker()).append('：');
                text.append(b.emotion() == null ? "" : "（" + b.emotion() + "）").append(b.text());
            }
            item.put("text", text.toString());
        }
        return "把下面这场戏的 " + lines.size() + " 行剧本分成镜头，按 JSON 输出：\n```json\n" + data.toPrettyString() + "\n```";
    }

    private static String repair(List<String> violations) {
        StringBuilder s = new StringBuilder("上一次的回答有以下问题：\n");
        violations.stream().limit(12).forEach(v -> s.append("- ").append(v).append('\n'));
        return s.append("请修正后重新输出完整的 JSON（包含这些行的全部镜头）。").toString();
    }

    private record Parsed(List<Group> groups, List<String> violations) {}

    /** The answer as groups of beats, or what is wrong with it. */
    private Parsed parse(String content, SceneInput input, List<Beat> beats, List<Integer> lines) {
        if (content == null || content.isBlank()) return new Parsed(List.of(), List.of("the answer is empty"));
        String json = content.strip();
        Matcher fence = FENCE.matcher(json);
        if (fence.find()) json = fence.group(1).strip();
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return new Parsed(List.of(), List.of("the answer is not valid JSON: " + e.getOriginalMessage()));
        }
        List<String> v = new ArrayList<>(JsonCheck.violations(schema(input.limits()), tree));
        if (!v.isEmpty()) return new Parsed(List.of(), v);
        List<Group> groups = new ArrayList<>();
        Map<Integer, Integer> cited = new LinkedHashMap<>();
        List<ShotDraft> drafts = new ArrayList<>();
        for (JsonNode shot : tree.get("shots")) {
            List<Beat> group = new ArrayList<>();
            for (JsonNode line : shot.get("lines")) {
                int n = line.asInt();
                cited.merge(n, 1, Integer::sum);
                if (!lines.contains(n)) {
                    v.add("line " + n + " is not one of the lines given (" + lines.get(0) + "–"
                            + lines.get(lines.size() - 1) + ")");
                }
                if (cited.get(n) == 1) beats.stream().filter(b -> b.line() == n).forEach(group::add);
            }
            group.sort((a, b) -> Integer.compare(beats.indexOf(a), beats.indexOf(b)));
            groups.add(new Group(group, shot));
            drafts.add(new ShotDraft(
                    null,
                    input.scene(),
                    group,
                    shot.get("duration").asInt(),
                    shot.get("prompt").asText(),
                    ShotSize.WIDE,
                    CameraMove.STATIC,
                    ""));
        }
        for (int n : lines) {
            int times = cited.getOrDefault(n, 0);
            if (times == 0) v.add("line " + n + " is in no shot; every line must be in exactly one shot");
            if (times > 1) v.add("line " + n + " is in " + times + " shots; it must be in exactly one");
        }
        List<Integer> order = new ArrayList<>();
        groups.forEach(g -> g.beats().forEach(b -> order.add(beats.indexOf(b))));
        List<Integer> sorted = new ArrayList<>(order);
        Collections.sort(sorted);
        if (!order.equals(sorted)) v.add("the shots must follow the order of the lines");
        for (int i = 0; i < drafts.size(); i++) {
            ShotDraft d = drafts.get(i);
            double speech = ShotTiming.speechSeconds(d.beats());
            if (speech > d.duration() && speech <= input.limits().maxDuration()) {
                v.add("shots[" + i + "].duration " + d.duration() + " is too short for its dialogue: it needs at least "
                        + (int) Math.ceil(speech) + " s");
            }
            for (String unknown : BreakdownRules.unknownMentions(d.prompt(), input.cast())) {
                v.add("shots[" + i + "].prompt mentions @" + unknown + ", which is no character or scene");
            }
        }
        return v.isEmpty() ? new Parsed(groups, v) : new Parsed(List.of(), v);
    }

    private void record(ChatResponse answer, String purpose, int attempt, AnswerFormat used, String outcome) {
        long prompt = answer.usage() == null ? 0 : answer.usage().promptTokens();
        long completion = answer.usage() == null ? 0 : answer.usage().completionTokens();
        calls.add(new ChatCall(
                model.id(),
                answer.id() == null ? "" : answer.id(),
                purpose + "，第" + attempt + "次",
                used.label(),
                prompt,
                completion,
                costs.chatCost(answer),
                answer.unansweredAttempts(),
                outcome));
    }

    /** Notes and transitions join the shot of the visible beat they stand before (or the last shot). */
    private static List<Group> attachNotes(List<Beat> all, List<Group> groups) {
        List<List<Beat>> beats = new ArrayList<>();
        for (Group g : groups) beats.add(new ArrayList<>(g.beats()));
        List<Beat> pending = new ArrayList<>();
        int shot = 0;
        for (Beat b : all) {
            if (b.kind() == Beat.Kind.NOTE || b.kind() == Beat.Kind.TRANSITION) {
                pending.add(b);
                continue;
            }
            while (shot < beats.size() && indexOfSame(beats.get(shot), b) < 0) shot++;
            if (shot >= beats.size()) break;
            beats.get(shot).addAll(indexOfSame(beats.get(shot), b), pending);
            pending.clear();
        }
        if (!pending.isEmpty() && !beats.isEmpty()) beats.get(beats.size() - 1).addAll(pending);
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++)
            out.add(new Group(beats.get(i), groups.get(i).fields()));
        return out;
    }

    private static int indexOfSame(List<Beat> beats, Beat b) {
        for (int i = 0; i < beats.size(); i++) if (beats.get(i) == b) return i;
        return -1;
    }

    /** Shots from the groups: the model's fields where it answered, the deterministic ones where it did not. */
    private static List<ShotDraft> shots(SceneInput input, List<Group> groups, List<Diagnostic> diagnostics) {
        List<ShotDraft> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            String fingerprint = DeterministicBreakdown.fingerprint(input.scene(), g.beats());
            if (g.fields() == null) {
                ShotDraft plain = DeterministicBreakdown.shot(input, g.beats(), i == 0, diagnostics);
                out.add(plain);
                continue;
            }
            ShotSize size = ShotSize.parse(g.fields().get("shot_size").asText()).orElse(ShotSize.MEDIUM);
            CameraMove camera =
                    CameraMove.parse(g.fields().get("camera").asText()).orElse(CameraMove.STATIC);
            List<String> review = new ArrayList<>();
            String prompt = Prompts.build(
                    input.scene(),
                    g.beats(),
                    size,
                    camera,
                    g.fields().get("prompt").asText(),
                    input.cast(),
                    input.limits(),
                    review);
            review.forEach(r -> diagnostics.add(new Diagnostic(
                    Severity.REVIEW, input.file(), g.beats().get(0).line(), "", r)));
            int duration = input.limits()
                    .clamp(Math.max(g.fields().get("duration").asInt(), ShotTiming.speechSeconds(g.beats())));
            out.add(new ShotDraft(null, input.scene(), g.beats(), duration, prompt, size, camera, fingerprint));
        }
        return out;
    }

    /** Settings of the LLM breakdown. */
    public static final class Builder {
        private final SeedanceClient client;
        private final Model model;
        private ModelTable models = ModelTable.defaults();
        private AnswerFormat format;
        private int maxLinesPerBatch = 12;
        private int maxAttempts = 3;
        private int maxTokens = 4096;
        private Charges charges;

        private Builder(SeedanceClient client, Model model) {
            this.client = Objects.requireNonNull(client, "client");
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The model table for the model's JSON capabilities and price (default: {@link ModelTable#defaults()}). */
        public Builder modelTable(ModelTable models) {
            this.models = Objects.requireNonNull(models, "models");
            return this;
        }

        /** Start with this format instead of the one the model table gives the model. */
        public Builder format(AnswerFormat format) {
            this.format = format;
            return this;
        }

        /** The most script lines sent in one request (default 12): small enough that the answer is not cut. */
        public Builder maxLinesPerBatch(int lines) {
            if (lines < 1) throw new IllegalArgumentException("maxLinesPerBatch must be at least 1");
            this.maxLinesPerBatch = lines;
            return this;
        }

        /** The most requests per batch, re-asks included (default 3). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
            this.maxAttempts = attempts;
            return this;
        }

        /** {@code max_tokens} of each request (default 4096, the service's default). */
        public Builder maxTokens(int tokens) {
            this.maxTokens = tokens;
            return this;
        }

        /**
         * The project's ledger: every chat call is recorded there with its tokens and cost (estimate before the call,
         * billed after), beside the video tasks and images, so that {@code seedance status} and the budget count it.
         */
        public Builder ledger(Charges charges) {
            this.charges = charges;
            return this;
        }

        public LlmBreakdown build() {
            return new LlmBreakdown(this);
        }
    }
}
