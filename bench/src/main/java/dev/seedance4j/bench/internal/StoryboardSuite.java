package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_LEAST;
import static dev.seedance4j.bench.Figure.Goal.Op.AT_MOST;
import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.storyboard.Beat;
import dev.seedance4j.storyboard.LlmBreakdown;
import dev.seedance4j.storyboard.ScriptImporter;
import dev.seedance4j.storyboard.Storyboard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * P9: a script of 60 scenes (6 episodes of 10, each scene with a cast line, action, four lines of dialogue with
 * emotions and a caption) imported and broken down into a project file: deterministically, and through the LLM
 * path against the emulator's chat completions. Speed is in scenes per second against a baseline taken in the same
 * run (reading the file and splitting its lines); the LLM path's cost is its chat calls per scene. Both must keep
 * every dialogue line of the script in exactly one shot.
 */
public final class StoryboardSuite implements Suite {
    static final int EPISODES = 6;
    static final int SCENES_PER_EPISODE = 10;
    static final String CHAT_MODEL = "doubao-seed-1-8-251215";

    @Override
    public String id() {
        return "P9";
    }

    @Override
    public List<String> figureIds() {
        return List.of("P9a", "P9b", "P9c", "P9d");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Path folder = context.directory("p9-storyboard");
        Path script = folder.resolve("drama.md");
        Files.writeString(script, script(), StandardCharsets.UTF_8);
        int scenes = EPISODES * SCENES_PER_EPISODE;
        int rounds = context.size(3, 10);

        // baseline: what any importer pays, reading the file and cutting it into lines
        long baselineNanos = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            int lines = Files.readString(script, StandardCharsets.UTF_8)
                    .lines()
                    .toList()
                    .size();
            if (lines == 0) throw new IllegalStateException("empty script");
            baselineNanos = Math.min(baselineNanos, System.nanoTime() - start);
        }
        long bestNanos = Long.MAX_VALUE;
        Storyboard board = null;
        for (int i = 0; i < rounds; i++) {
            Path project = folder.resolve("deterministic-" + i + ".yaml");
            long start = System.nanoTime();
            board = ScriptImporter.builder()
                    .build()
                    .importScript(script, project)
                    .storyboard();
            bestNanos = Math.min(bestNanos, System.nanoTime() - start);
        }
        double perSecond = scenes / (bestNanos / 1e9);
        context.emit(Figure.of(
                        "P9a",
                        "import-deterministic",
                        perSecond,
                        "scenes/s",
                        "import + deterministic breakdown + project file written and read back, " + scenes
                                + " scenes, " + board.shots().size() + " shots, best of " + rounds
                                + "; baseline: reading the file and splitting its lines")
                .withBaseline("read-and-split-lines", scenes / (baselineNanos / 1e9))
                .withGoal(AT_LEAST, 50));

        Storyboard llmBoard;
        long llmNanos;
        long completions;
        try (Emulator emulator = Emulator.builder()
                        .port(0)
                        .apiKeys(context.apiKey())
                        .build()
                        .start();
                SeedanceClient client = SeedanceClient.builder()
                        .apiKey(context.apiKey())
                        .baseUrl(emulator.baseUrl())
                        .build()) {
            long start = System.nanoTime();
            llmBoard = ScriptImporter.builder()
                    .breakdown(
                            LlmBreakdown.builder(client, Model.of(CHAT_MODEL)).build())
                    .build()
                    .importScript(script, folder.resolve("llm.yaml"))
                    .storyboard();
            llmNanos = System.nanoTime() - start;
            completions = emulator.stats().chatCompletions();
        }
        int dropped = dropped(board) + dropped(llmBoard);
        context.emit(Figure.of(
                        "P9b",
                        "dialogue-lines-not-in-exactly-one-shot",
                        dropped,
                        "lines",
                        "over both breakdowns of the " + scenes + "-scene script ("
                                + dialogue(board).size() + " dialogue lines each)")
                .withGoal(EQUAL, 0));
        context.emit(Figure.of(
                        "P9c",
                        "llm-chat-calls-per-scene",
                        (double) completions / scenes,
                        "calls/scene",
                        completions + " chat completions for " + scenes + " scenes ("
                                + llmBoard.chatCalls().stream()
                                        .mapToLong(c -> c.promptTokens() + c.completionTokens())
                                        .sum()
                                + " tokens) with " + CHAT_MODEL + " on the emulator, json_schema, no faults")
                .withGoal(AT_MOST, 1));
        context.emit(Figure.of(
                        "P9d",
                        "import-llm",
                        scenes / (llmNanos / 1e9),
                        "scenes/s",
                        "import + LLM breakdown over HTTP against the emulator (its replies take no model time),"
                                + " one run; baseline: the deterministic breakdown (P9a)")
                .withBaseline("deterministic", perSecond)
                .withGoal(AT_LEAST, 2));
    }

    private static List<Beat> dialogue(Storyboard board) {
        return board.script().episodes().stream()
                .flatMap(e -> e.scenes().stream())
                .flatMap(s -> s.dialogue().stream())
                .toList();
    }

    /** Dialogue lines of the script that are not in exactly one shot. */
    private static int dropped(Storyboard board) {
        List<Beat> shown =
                board.shots().stream().flatMap(s -> s.dialogue().stream()).toList();
        int wrong = 0;
        for (Beat line : dialogue(board)) {
            if (shown.stream().filter(b -> b == line).count() != 1) wrong++;
        }
        return wrong + Math.max(0, shown.size() - dialogue(board).size());
    }

    /** The 60-scene script: the same short-drama shapes as the importer's tests, numbered. */
    static String script() {
        String[] names = {"林夏", "苏蔓", "陈总", "周然"};
        String[] places = {"公司会议室", "高层办公室", "江边大桥", "医院走廊", "出租屋"};
        String[] times = {"日", "夜", "黄昏", "清晨"};
        StringBuilder s = new StringBuilder("《逆光》\n\n人物小传：\n");
        for (String n : names) s.append(n).append("（28岁）：").append(n).append("，短剧人物，黑色外套。\n");
        for (int e = 1; e <= EPISODES; e++) {
            s.append("\n第").append(e).append("集 第").append(e).append("回\n");
            for (int c = 1; c <= SCENES_PER_EPISODE; c++) {
                String a = names[(e + c) % names.length];
                String b = names[(e + c + 1) % names.length];
                s.append('\n')
                        .append(e)
                        .append('-')
                        .append(c)
                        .append(' ')
                        .append(times[c % times.length])
                        .append(c % 2 == 0 ? " 内 " : " 外 ")
                        .append(places[(e * c) % places.length])
                        .append('\n');
                s.append("人物：").append(a).append('、').append(b).append('\n');
                s.append("△").append(a).append("推门而入，").append(b).append("抬起头。\n");
                s.append("【字幕：第").append(c).append("天】\n");
                s.append(a).append("：（冷笑）你以为这件事就这么算了？\n");
                s.append(b).append("：（沉默片刻）我从来没这么想过。\n");
                s.append("△").append(a).append("把文件摔在桌上。\n");
                s.append(a).append("：那你解释一下，这份合同是怎么回事。\n");
                s.append(b).append("（OS）：不能让她知道真相。\n");
            }
        }
        return s.toString();
    }
}
