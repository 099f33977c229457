package dev.seedance4j.storyboard.internal;

import dev.seedance4j.storyboard.Beat;
import dev.seedance4j.storyboard.CharacterBio;
import dev.seedance4j.storyboard.Diagnostic;
import dev.seedance4j.storyboard.Script;
import dev.seedance4j.storyboard.ScriptEpisode;
import dev.seedance4j.storyboard.ScriptScene;
import dev.seedance4j.storyboard.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Chinese short-drama convention (短剧剧本格式): episode marks, scene headings in their common variants, cast
 * lines, action, dialogue with voice and emotion, bracket notes, flashbacks, transitions, and the front matter
 * (title, outline, character bios). Each line is normalised ({@link Normalizer#chinese}) and then matched by the
 * first rule that fits; what had to be guessed is reported for review with its line.
 */
final class ChineseScriptParser {
    private static final String NUM = "[0-9一二三四五六七八九十百千零两〇]+";
    private static final Pattern EPISODE =
            Pattern.compile("^[【《（\\[]?\\s*第\\s*(" + NUM + ")\\s*集\\s*[】》）\\]]?\\s*[：\\-—–·、.]*\\s*(.*)$");
    private static final Pattern NUMBERED_EPISODE = Pattern.compile("^(\\d{1,3})\\s*[.、]\\s*(\\S.*)$");
    private static final Pattern DASH_HEADING =
            Pattern.compile("^[△▲]?\\s*(?:场次?|场景)?\\s*(\\d{1,3})\\s*[-－—–]\\s*(\\d{1,3})(?!\\d)\\s*[、.，,：]?\\s*(.*)$");
    private static final Pattern NTH_HEADING = Pattern.compile("^第\\s*(" + NUM + ")\\s*场\\s*[：、.，,]?\\s*(.*)$");
    private static final Pattern HUOBAO_HEADING = Pattern.compile("^S(\\d{1,4})\\s*[|｜]\\s*(.+)$");
    private static final Pattern CAST = Pattern.compile("^(?:出场)?(?:人物|角色|演员)\\s*：\\s*(.*)$");
    private static final Pattern CAST_INLINE = Pattern.compile("(?:出场)?人物\\s*：\\s*(.*)$");
    private static final Pattern NOTE = Pattern.compile("^【([^：】]{1,20})(?:：([^】]*))?】\\s*(.*)$");
    private static final Pattern TRANSITION = Pattern.compile("^(切至|切到|切换至|切回|淡入|淡出|黑场|叠化|转场|闪白|闪黑|硬切)(?:[：\\s].*)?$");
    private static final Pattern ACTION_WORDS = Pattern.compile("[着了把被]|看|正在|拿起|走向|转身");
    private static final Pattern PLAIN_NOTE = Pattern.compile("^(字幕|画面字幕|字卡|画外音|音效)\\s*：\\s*(.+)$");
    private static final Pattern ACTION = Pattern.compile("^[△▲]\\s*(.*)$");
    private static final Pattern DIALOGUE = Pattern.compile(
            "^([^：（【△▲\\s“「\"]{1,12}?)\\s*(?:（\\s*([^）]{1,12}?)\\s*）)?\\s*：\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern VOICE_MARK =
            Pattern.compile("OS|VO|V\\.O\\.|O\\.S\\.|画外音|画外|内心|心声|内心独白|旁白", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_CUE = Pattern.compile("^（([^）]{1,30})）\\s*(.*)$");
    private static final Pattern INNER_CUE = Pattern.compile("（([^）]{1,30})）");
    private static final Pattern TITLE = Pattern.compile("^《([^》]+)》\\s*$");
    private static final Pattern BIOS = Pattern.compile("^【?(?:人物小传|人物介绍|角色介绍|人物设定)】?\\s*：?\\s*$");
    private static final Pattern OUTLINE = Pattern.compile("^【?(?:大纲|故事大纲|梗概|简介)】?\\s*(?:：\\s*(.*))?$");
    private static final Pattern BIO = Pattern.compile("^([^：（\\s]{1,10})\\s*(?:（([^）]{0,20})）)?\\s*：\\s*(.+)$");
    private static final Pattern AGED = Pattern.compile("^([^：（\\s]{1,10})\\s*（([^）]{0,20})）\\s*：\\s*(.+)$");

    static final Set<String> TIMES = Set.of(
            "日", "夜", "晨", "暮", "黄昏", "黎明", "清晨", "傍晚", "午", "中午", "下午", "上午", "凌晨", "深夜", "夜晚", "白天", "早晨", "早上", "晚上",
            "午后", "日落", "日出", "夜间", "晚", "早");
    private static final Set<String> SETTINGS = Set.of("内", "外", "内外", "内景", "外景", "内外景");
    private static final Set<String> NOT_SPEAKERS = Set.of(
            "人物", "出场人物", "角色", "字幕", "场景", "时间", "地点", "大纲", "人物小传", "备注", "注", "道具", "服装", "音效", "配乐", "镜头", "提示",
            "画面", "环境", "剧名", "标题", "集", "场");
    private static final Set<String> KNOWN_NOTES = Set.of(
            "字幕", "画面字幕", "字卡", "音效", "特写", "转场", "开场", "触发", "高潮", "收尾", "卡点", "BGM", "音乐", "配乐", "背景音乐", "镜头", "环境",
            "时间", "地点", "道具", "备注", "注", "提示", "定格", "黑屏", "插入", "画面", "片头", "片尾", "闪回", "闪回结束", "回忆", "回忆结束", "VO",
            "旁白", "画外音", "OS", "心声", "内心");

    private final Path file;
    private final List<String> raw;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<CharacterBio> bios = new ArrayList<>();
    private final List<ScriptEpisode> episodes = new ArrayList<>();
    private final Set<String> knownNames = new LinkedHashSet<>();
    private final Set<Integer> episodeNumbers = new HashSet<>();
    private String title = "";

    private int episodeNumber;
    private String episodeTitle;
    private int episodeLine;
    private List<ScriptScene> scenes;

    private String sceneNumber;
    private String place;
    private String time;
    private String setting;
    private List<String> cast;
    private int sceneLine;
    private String heading;
    private List<Beat> beats;
    private boolean sceneFlashback;

    private boolean flashback;
    private int flashbackLine;
    private int normalised;

    private ChineseScriptParser(Path file, List<String> raw) {
        this.file = file;
        this.raw = raw;
    }

    static Script parse(Path file, List<String> lines) {
        return new ChineseScriptParser(file, lines).run();
    }

    private Script run() {
        List<String> norm = raw.stream().map(Normalizer::chinese).toList();
        boolean marks = norm.stream().anyMatch(l -> EPISODE.matcher(l).matches());
        boolean numberedEpisodes = !marks && numberedEpisodes(norm);
        Mode mode = Mode.FRONT;
        for (int i = 0; i < norm.size(); i++) {
            String line = norm.get(i);
            int n = i + 1;
            if (line.isEmpty()) continue;
            if (Normalizer.changed(raw.get(i), line)) normalised++;
            Matcher episode = EPISODE.matcher(line);
            Matcher numbered = NUMBERED_EPISODE.matcher(line);
            if (episode.matches()) {
                startEpisode(
                        ChineseNumbers.parse(episode.group(1)), episode.group(2).strip(), n);
                mode = Mode.BODY;
                continue;
            }
            if (numberedEpisodes && numbered.matches() && nextIsHeading(norm, i)) {
                startEpisode(
                        Integer.parseInt(numbered.group(1)), numbered.group(2).strip(), n);
                mode = Mode.BODY;
                continue;
            }
            if (mode != Mode.BODY) {
                boolean heading = isHeading(line);
                if (!heading && front(line, n, mode)) {
                    mode = nextMode(line, mode);
                    continue;
                }
                if (!heading && (marks || numberedEpisodes)) {
                    diagnostics.add(
                            review(n, "text before the first episode mark is not part of any episode: ignored"));
                    continue;
                }
                startEpisode(1, "", n);
                diagnostics.add(new Diagnostic(
                        Severity.OK, file, n, raw.get(i), "no episode marks (第N集): the whole script is episode 1"));
                mode = Mode.BODY;
            }
            body(line, n);
        }
        closeEpisode();
        if (episodes.isEmpty() || episodes.stream().allMatch(e -> e.scenes().isEmpty())) {
            diagnostics.add(new Diagnostic(
                    Severity.FATAL,
                    file,
                    0,
                    "",
                    "no scenes found: expected episode marks (第1集), scene headings (1-1 日 内 地点) and lines of action"
                            + " or dialogue (see the README's script formats)"));
        }
        if (flashback) {
            diagnostics.add(
                    review(flashbackLine, "【闪回】 is not closed by 【闪回结束】: the flashback runs to the end of its scene"));
        }
        if (normalised > 0) {
            diagnostics.add(new Diagnostic(
                    Severity.OK,
                    file,
                    0,
                    "",
                    normalised + " line(s) normalised before parsing (full-width/half-width punctuation, Markdown)"));
        }
        return new Script(file, "short-drama", title, bios, episodes, diagnostics);
    }

    private enum Mode {
        FRONT,
        OUTLINE,
        BIOS,
        BODY
    }

    /** Front matter: title, outline, bios. Returns whether the line was consumed as such. */
    private boolean front(String line, int n, Mode mode) {
        Matcher t = TITLE.matcher(line);
        if (t.matches() && title.isEmpty()) {
            title = t.group(1).strip();
            return true;
        }
        if (BIOS.matcher(line).matches() || OUTLINE.matcher(line).matches()) return true;
        Matcher aged = AGED.matcher(line);
        Matcher bio = BIO.matcher(line);
        if (aged.matches() || (mode == Mode.BIOS && bio.matches())) {
            Matcher m = aged.matches() ? aged : bio;
            String name = m.group(1).strip();
            if (!NOT_SPEAKERS.contains(name)) {
                bios.add(new CharacterBio(
                        name,
                        m.group(2) == null ? "" : m.group(2).strip(),
                        m.group(3).strip(),
                        n));
                knownNames.add(name);
                return true;
            }
        }
        return mode == Mode.OUTLINE || mode == Mode.BIOS;
    }

    private static Mode nextMode(String line, Mode mode) {
        if (BIOS.matcher(line).matches()) return Mode.BIOS;
        if (OUTLINE.matcher(line).matches()) return Mode.OUTLINE;
        return mode;
    }

    /** {@code 1.标题} episodes: only when the file has no 第N集 marks and each such line precedes a heading. */
    private static boolean numberedEpisodes(List<String> norm) {
        for (int i = 0; i < norm.size(); i++) {
            if (NUMBERED_EPISODE.matcher(norm.get(i)).matches() && nextIsHeading(norm, i)) return true;
        }
        return false;
    }

    private static boolean nextIsHeading(List<String> norm, int i) {
        for (int j = i + 1; j < norm.size(); j++) {
            if (norm.get(j).isEmpty()) continue;
            return isHeading(norm.get(j));
        }
        return false;
    }

    private static boolean isHeading(String line) {
        return headingParts(line) != null;
    }

    // ---------------------------------------------------------------- episodes and scenes

    private void startEpisode(int number, String episodeTitleText, int n) {
        closeEpisode();
        if (number < 0) number = episodes.size() + 1;
        if (!episodeNumbers.add(number)) {
            diagnostics.add(new Diagnostic(
                    Severity.FATAL,
                    file,
                    n,
                    raw.get(n - 1),
                    "episode " + number + " is marked twice; number the episodes uniquely (第1集, 第2集, …)"));
        } else if (!episodes.isEmpty()
                && number != episodes.get(episodes.size() - 1).number() + 1) {
            diagnostics.add(review(
                    n,
                    "episode " + number + " follows episode "
                            + episodes.get(episodes.size() - 1).number() + ": is one missing?"));
        }
        episodeNumber = number;
        episodeTitle = episodeTitleText;
        episodeLine = n;
        scenes = new ArrayList<>();
        flashback = false;
    }

    private void closeEpisode() {
        closeScene();
        if (scenes == null) return;
        if (scenes.isEmpty()) {
            diagnostics.add(review(episodeLine, "episode " + episodeNumber + " has no scenes: it is left out"));
        }
        episodes.add(new ScriptEpisode(episodeNumber, episodeTitle, episodeLine, scenes));
        scenes = null;
    }

    private void startScene(HeadingParts h, int n) {
        closeScene();
        sceneNumber = h.number;
        place = h.place;
        time = h.time;
        setting = h.setting;
        cast = new ArrayList<>(h.cast);
        knownNames.addAll(h.cast);
        sceneLine = n;
        heading = raw.get(n - 1);
        beats = new ArrayList<>();
        sceneFlashback = h.flashback;
        if (h.place.isEmpty()) diagnostics.add(review(n, "scene heading without a place: add one (1-1 日 内 地点)"));
        if (h.time.isEmpty()) diagnostics.add(review(n, "scene heading without a time of day (日, 夜, 黄昏, …)"));
        String episodePart = h.number.contains("-") ? h.number.substring(0, h.number.indexOf('-')) : null;
        if (episodePart != null && Integer.parseInt(episodePart) != episodeNumber) {
            diagnostics.add(review(
                    n,
                    "scene " + h.number + " is numbered for episode " + episodePart + " but stands in episode "
                            + episodeNumber));
        }
    }

    private void closeScene() {
        if (beats == null) return;
        if (beats.isEmpty()) {
            diagnostics.add(review(sceneLine, "scene " + sceneNumber + " has no action or dialogue: it is left out"));
        } else {
            scenes.add(new ScriptScene(sceneNumber, place, time, setting, cast, sceneLine, heading, beats));
        }
        if (flashback) {
            diagnostics.add(
                    review(flashbackLine, "【闪回】 is not closed by 【闪回结束】 within its scene: closed at the scene's end"));
            flashback = false;
        }
        beats = null;
    }

    /** The scene the next beat goes into: a scene without heading is made (and reported) when there is none. */
    private void ensureScene(int n) {
        if (beats != null) return;
        startScene(new HeadingParts(String.valueOf(scenes.size() + 1), "", "", "", List.of(), false), n);
        diagnostics.removeIf(d -> d.line() == n && d.message().startsWith("scene heading without"));
        heading = "";
        diagnostics.add(review(
                n,
                "no scene heading before this line: its beats form a scene without place or time (add a heading"
                        + " such as 1-1 日 内 地点)"));
    }

    // ---------------------------------------------------------------- headings

    private record HeadingParts(
            String number, String place, String time, String setting, List<String> cast, boolean flashback) {}

    private static HeadingParts headingParts(String line) {
        Matcher dash = DASH_HEADING.matcher(line);
        if (dash.matches()) {
            HeadingParts rest = rest(dash.group(3), dash.group(1) + "-" + dash.group(2));
            // "2-3个人走进来" is action: a heading names a time or interior/exterior
            return rest.time.isEmpty() && rest.setting.isEmpty() ? null : rest;
        }
        Matcher nth = NTH_HEADING.matcher(line);
        if (nth.matches()) {
            int number = ChineseNumbers.parse(nth.group(1));
            return rest(nth.group(2), String.valueOf(number));
        }
        Matcher huobao = HUOBAO_HEADING.matcher(line);
        if (huobao.matches()) {
            String[] parts = huobao.group(2).split("\\s*[|｜]\\s*");
            List<String> pieces = new ArrayList<>();
            for (String part : parts) {
                Matcher settingFirst =
                        Pattern.compile("^(内景|外景|内外景|内|外)\\s*[·・.]\\s*(.+)$").matcher(part);
                if (settingFirst.matches()) {
                    pieces.add(settingFirst.group(1));
                    pieces.add(settingFirst.group(2).replace(' ', '_'));
                } else {
                    pieces.add(part.replace(' ', '_'));
                }
            }
            HeadingParts h = rest(String.join(" ", pieces), "S" + huobao.group(1));
            return new HeadingParts(h.number, h.place.replace('_', ' '), h.time, h.setting, h.cast, h.flashback);
        }
        return null;
    }

    /** Time, interior/exterior, place and cast from the rest of a heading, in any order. */
    private static HeadingParts rest(String text, String number) {
        List<String> names = List.of();
        Matcher castAt = CAST_INLINE.matcher(text);
        if (castAt.find()) {
            names = splitNames(castAt.group(1));
            text = text.substring(0, castAt.start());
        }
        boolean flashback = false;
        Matcher cue = Pattern.compile("[（【](闪回|回忆)[）】]").matcher(text);
        if (cue.find()) {
            flashback = true;
            text = cue.replaceAll(" ");
        }
        String time = "";
        String setting = "";
        List<String> placeParts = new ArrayList<>();
        for (String token : text.split("[\\s，,]+")) {
            if (token.isEmpty()) continue;
            if (TIMES.contains(token) && time.isEmpty()) {
                time = token;
            } else if (SETTINGS.contains(token) && setting.isEmpty()) {
                setting = setting(token);
            } else if (token.contains("/") && allKnown(token.split("/"))) {
                for (String part : token.split("/")) {
                    if (TIMES.contains(part) && time.isEmpty()) time = part;
                    else if (SETTINGS.contains(part)) setting = setting.isEmpty() ? setting(part) : "内外";
                }
            } else if (glued(token) != null && time.isEmpty() && setting.isEmpty()) {
                String[] both = glued(token);
                time = both[0];
                setting = setting(both[1]);
            } else {
                placeParts.add(token);
            }
        }
        return new HeadingParts(number, String.join(" ", placeParts), time, setting, names, flashback);
    }

    private static boolean allKnown(String[] parts) {
        for (String p : parts) if (!TIMES.contains(p) && !SETTINGS.contains(p)) return false;
        return true;
    }

    /** {@code 日内} or {@code 内日}: time and interior/exterior written together. */
    private static String[] glued(String token) {
        for (String t : TIMES) {
            for (String s : SETTINGS) {
                if (token.equals(t + s)) return new String[] {t, s};
                if (token.equals(s + t)) return new String[] {t, s};
            }
        }
        return null;
    }

    private static String setting(String token) {
        return switch (token) {
            case "内", "内景" -> "内";
            case "外", "外景" -> "外";
            default -> "内外";
        };
    }

    static List<String> splitNames(String text) {
        List<String> names = new ArrayList<>();
        for (String name : text.split("[、，,;；/\\s]+")) {
            String clean = name.replaceAll("（[^）]*）", "").strip();
            if (!clean.isEmpty() && !names.contains(clean)) names.add(clean);
        }
        return names;
    }

    // ---------------------------------------------------------------- the body of a scene

    private void body(String line, int n) {
        HeadingParts h = headingParts(line);
        if (h != null) {
            startScene(h, n);
            return;
        }
        Matcher castLine = CAST.matcher(line);
        if (castLine.matches()) {
            ensureScene(n);
            for (String name : splitNames(castLine.group(1))) {
                if (!cast.contains(name)) cast.add(name);
                knownNames.add(name);
            }
            return;
        }
        Matcher note = NOTE.matcher(line);
        if (note.matches()) {
            note(note, line, n);
            return;
        }
        if (line.startsWith("【") && !line.contains("】")) {
            ensureScene(n);
            diagnostics.add(review(n, "【 is not closed by 】: the line is read as action"));
            addAction(line.substring(1).strip(), n);
            return;
        }
        if (TRANSITION.matcher(line).matches()) {
            ensureScene(n);
            beats.add(beat(Beat.Kind.TRANSITION, n, line, null, null, null, null));
            return;
        }
        Matcher action = ACTION.matcher(line);
        if (action.matches()) {
            ensureScene(n);
            addAction(action.group(1).strip(), n);
            return;
        }
        if (TITLE.matcher(line).matches()) {
            diagnostics.add(new Diagnostic(Severity.OK, file, n, raw.get(n - 1), "a title inside the script: ignored"));
            return;
        }
        ensureScene(n);
        Matcher plain = PLAIN_NOTE.matcher(line);
        if (plain.matches()) { // 字幕：三天后 / 画外音：… written without brackets
            Matcher asNote =
                    NOTE.matcher("【" + plain.group(1) + "：" + plain.group(2).replace("】", "") + "】");
            if (asNote.matches()) {
                note(asNote, line, n);
                return;
            }
        }
        if (!dialogue(line, n, true)) addAction(line, n);
    }

    private void note(Matcher note, String line, int n) {
        String key = note.group(1).strip();
        String value = note.group(2) == null ? "" : note.group(2).strip();
        String after = note.group(3).strip();
        String upper = key.toUpperCase(Locale.ROOT);
        if (key.equals("闪回") || key.equals("回忆")) {
            ensureScene(n);
            flashback = true;
            flashbackLine = n;
            if (!value.isEmpty()) addAction(value, n);
        } else if (key.equals("闪回结束") || key.equals("回忆结束")) {
            if (!flashback) diagnostics.add(review(n, "【" + key + "】 without an open 【闪回】"));
            flashback = false;
        } else if (upper.equals("VO")
                || key.equals("旁白")
                || key.equals("画外音")
                || upper.equals("OS")
                || key.equals("心声")
                || key.equals("内心")) {
            ensureScene(n);
            Beat.Voice voice = key.equals("旁白")
                    ? Beat.Voice.NARRATION
                    : upper.equals("VO") || key.equals("画外音") ? Beat.Voice.VOICE_OVER : Beat.Voice.INNER;
            Matcher said = DIALOGUE.matcher(value);
            if (said.matches()
                    && voice != Beat.Voice.NARRATION
                    && validSpeaker(said.group(1).strip())) {
                speak(said.group(1).strip(), voice, said.group(3), n);
            } else if (value.isEmpty()) {
                diagnostics.add(review(n, "【" + key + "】 without words: ignored"));
            } else {
                speak("旁白", voice, value, n); // no speaker given: the narrator's voice
            }
        } else {
            ensureScene(n);
            String canonical = key.equals("画面字幕") || key.equals("字卡") ? "字幕" : key;
            beats.add(beat(Beat.Kind.NOTE, n, value, null, null, null, canonical));
            if (!KNOWN_NOTES.contains(key) && !KNOWN_NOTES.contains(upper)) {
                diagnostics.add(review(
                        n, "unknown note 【" + key + "】: kept as a note of the shot, not written into the prompt"));
            }
        }
        if (!after.isEmpty()) body(after, n);
    }

    /** Reads a spoken line; false when the line is not one. */
    private boolean dialogue(String line, int n, boolean strict) {
        Matcher m = DIALOGUE.matcher(line);
        if (!m.matches()) return false;
        String speaker = m.group(1).strip();
        if (!validSpeaker(speaker)) return false;
        boolean known = knownNames.contains(speaker) || speaker.equals("旁白");
        if (strict
                && !known
                && (speaker.length() > 4 || ACTION_WORDS.matcher(speaker).find())) {
            // "他看着手机：屏幕上……" is action: what stands before the colon is no name the script knows
            diagnostics.add(review(
                    n,
                    "read as action: '" + speaker + "' before '：' is no speaker the script names"
                            + " (add it to the 人物 line if it is one)"));
            return false;
        }
        String mark = m.group(2);
        Beat.Voice voice = voice(isVoiceMark(mark) ? mark : null, speaker);
        String cue = mark != null && !isVoiceMark(mark) ? mark.strip() : null;
        if (!known && !cast.isEmpty()) {
            diagnostics.add(review(
                    n,
                    "speaker " + speaker + " is not on the scene's 人物 line (" + String.join("、", cast)
                            + "): check the name"));
        }
        knownNames.add(speaker);
        speak(speaker, voice, cue == null ? m.group(3) : "（" + cue + "）" + m.group(3), n);
        return true;
    }

    private static boolean validSpeaker(String speaker) {
        return !speaker.isEmpty()
                && !NOT_SPEAKERS.contains(speaker)
                && !speaker.chars().allMatch(Character::isDigit)
                && speaker.codePoints().noneMatch(c -> "。！？，、…—".indexOf(c) >= 0);
    }

    private static boolean isVoiceMark(String mark) {
        return mark != null && VOICE_MARK.matcher(mark.strip()).matches();
    }

    private static Beat.Voice voice(String mark, String speaker) {
        if (speaker.equals("旁白")) return Beat.Voice.NARRATION;
        if (mark == null) return Beat.Voice.ON_SCREEN;
        return switch (mark.toUpperCase(Locale.ROOT)) {
            case "VO", "V.O.", "画外音", "画外" -> Beat.Voice.VOICE_OVER;
            case "O.S." -> Beat.Voice.OFF_SCREEN;
            case "旁白" -> Beat.Voice.NARRATION;
            default -> Beat.Voice.INNER; // OS, 内心, 心声: the short-drama reading of OS (UNCERTAIN)
        };
    }

    /** A spoken line, split where a second known speaker starts on the same line. */
    private void speak(String speaker, Beat.Voice voice, String said, int n) {
        String text = said.strip();
        String second = null;
        Matcher next = secondSpeaker(text);
        if (next != null) {
            second = text.substring(next.start(1));
            text = text.substring(0, next.start(1)).strip();
        }
        List<String> cues = new ArrayList<>();
        Matcher lead = LEADING_CUE.matcher(text);
        if (lead.matches()) {
            cues.add(lead.group(1).strip());
            text = lead.group(2).strip();
        }
        Matcher inner = INNER_CUE.matcher(text);
        while (inner.find()) cues.add(inner.group(1).strip());
        text = INNER_CUE.matcher(text).replaceAll("").strip();
        text = unquote(text);
        if (text.isEmpty()) {
            diagnostics.add(review(n, speaker + " has no words on this line: left out"));
        } else {
            beats.add(beat(
                    Beat.Kind.DIALOGUE, n, text, speaker, voice, cues.isEmpty() ? null : String.join("，", cues), null));
        }
        if (second != null) {
            diagnostics.add(new Diagnostic(
                    Severity.OK, file, n, raw.get(n - 1), "two speakers on one line: read as two lines of dialogue"));
            if (!dialogue(second, n, false)) addAction(second, n);
        }
    }

    /** Where a second speaker of a known name starts after the end of a sentence, or null. */
    private Matcher secondSpeaker(String text) {
        if (knownNames.isEmpty()) return null;
        StringBuilder names = new StringBuilder();
        for (String name : knownNames)
            names.append(names.length() == 0 ? "" : "|").append(Pattern.quote(name));
        Matcher m = Pattern.compile("(?<=[。！？!?…~—”」）\\s])\\s*((?:" + names + ")\\s*(?:（[^）]{1,8}）)?\\s*：)")
                .matcher(text);
        return m.find() ? m : null;
    }

    private static String unquote(String text) {
        if (text.length() >= 2
                && ((text.startsWith("“") && text.endsWith("”"))
                        || (text.startsWith("「") && text.endsWith("」"))
                        || (text.startsWith("\"") && text.endsWith("\"")))) {
            return text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    /** Action, split where a known speaker starts talking inside the paragraph. */
    private void addAction(String text, int n) {
        Matcher next = secondSpeaker(text);
        if (next != null && next.start(1) > 0) {
            String before = text.substring(0, next.start(1)).strip();
            if (!before.isEmpty()) beats.add(beat(Beat.Kind.ACTION, n, before, null, null, null, null));
            diagnostics.add(new Diagnostic(
                    Severity.OK,
                    file,
                    n,
                    raw.get(n - 1),
                    "action and dialogue on one line: read as action, then dialogue"));
            if (!dialogue(text.substring(next.start(1)), n, false)) {
                beats.add(beat(Beat.Kind.ACTION, n, text.substring(next.start(1)), null, null, null, null));
            }
            return;
        }
        if (!text.isEmpty()) beats.add(beat(Beat.Kind.ACTION, n, text, null, null, null, null));
    }

    private Beat beat(
            Beat.Kind kind, int n, String text, String speaker, Beat.Voice voice, String emotion, String noteKey) {
        return new Beat(
                kind, n, raw.get(n - 1), text, speaker, voice, emotion, noteKey, flashback || sceneFlashback, false);
    }

    private Diagnostic review(int n, String message) {
        return new Diagnostic(Severity.REVIEW, file, n, n > 0 ? raw.get(n - 1) : "", message);
    }
}
