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
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fountain 1.1 (fountain.io/syntax): title page, scene headings (with {@code #n#} numbers and forced {@code .}),
 * action (forced {@code !}), characters (forced {@code @}, needed for Chinese names; extensions; {@code ^} dual
 * dialogue), parentheticals, dialogue, transitions (forced {@code >}), centred text, lyrics, notes {@code [[…]]},
 * boneyard {@code /* … *}{@code /}, sections and synopses, page breaks and emphasis. A level-1 section that names an
 * episode ({@code # 第2集}, {@code # Episode 2}) starts one: Fountain has no episodes of its own.
 */
final class FountainParser {
    private static final Pattern TITLE_KEY = Pattern.compile("^([A-Za-z][A-Za-z ]{0,30}):\\s*(.*)$");
    private static final Pattern HEADING =
            Pattern.compile("^(INT\\.?/EXT|INT/EXT|I/E|INT|EXT|EST)[. ]\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCENE_NUMBER = Pattern.compile("\\s*#([\\w.\\-]+)#\\s*$");
    private static final Pattern EPISODE_SECTION = Pattern.compile(
            "^#\\s*(?:第\\s*([0-9一二三四五六七八九十百零两]+)\\s*集|episode\\s*(\\d+))\\s*[:：\\-—]*\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTENSION = Pattern.compile("\\(([^)]*)\\)");
    private static final Pattern NOTE = Pattern.compile("\\[\\[(.*?)]]");
    private static final Pattern EMPHASIS = Pattern.compile("(?<!\\\\)(\\*{1,3}|_)");

    private final Path file;
    private final List<String> raw;
    private final List<String> lines = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<ScriptEpisode> episodes = new ArrayList<>();
    private final List<CharacterBio> bios = new ArrayList<>();
    private String title = "";

    private int episodeNumber;
    private String episodeTitle = "";
    private int episodeLine;
    private List<ScriptScene> scenes = new ArrayList<>();
    private ScriptSceneBuilder scene;

    private FountainParser(Path file, List<String> raw) {
        this.file = file;
        this.raw = raw;
    }

    static Script parse(Path file, List<String> raw) {
        return new FountainParser(file, raw).run();
    }

    /** Whether text looks like Fountain: a title page key on the first line, or a scene heading of its own. */
    static boolean looksLikeFountain(List<String> raw) {
        String first = raw.stream()
                .map(Normalizer::widths)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("");
        if (first.matches("(?i)^(title|credit|author|authors|source|draft date|contact)\\s*:.*")) return true;
        for (int i = 0; i < raw.size(); i++) {
            String line = Normalizer.widths(raw.get(i));
            boolean blankBefore = i == 0 || raw.get(i - 1).isBlank();
            if (blankBefore && HEADING.matcher(line).matches()) return true;
        }
        return false;
    }

    private Script run() {
        List<String> clean = withoutBoneyard(raw);
        for (String line : clean) lines.add(Normalizer.widths(line.replace('\t', ' ')));
        int i = titlePage();
        episodeNumber = 1;
        episodeLine = i + 1;
        boolean explicitEpisode = false;
        while (i < lines.size()) {
            String line = lines.get(i);
            int n = i + 1;
            boolean blankBefore = i == 0 || lines.get(i - 1).isEmpty();
            boolean blankAfter = i + 1 >= lines.size() || lines.get(i + 1).isEmpty();
            if (line.isEmpty() || line.matches("^={3,}$") || (line.startsWith("=") && !line.startsWith("=="))) {
                i++;
                continue;
            }
            Matcher episode = EPISODE_SECTION.matcher(line);
            if (episode.matches()) {
                if (explicitEpisode || !scenes.isEmpty() || scene != null) closeEpisode();
                explicitEpisode = true;
                episodeNumber = episode.group(1) != null
                        ? ChineseNumbers.parse(episode.group(1))
                        : Integer.parseInt(episode.group(2));
                episodeTitle = episode.group(3).strip();
                episodeLine = n;
                i++;
                continue;
            }
            if (line.startsWith("#")) { // a section: structure only
                i++;
                continue;
            }
            if (blankBefore && isHeading(line)) {
                heading(line, n);
                i++;
                continue;
            }
            if (line.startsWith(">") && !line.endsWith("<")) {
                add(
                        n,
                        new Beat(
                                Beat.Kind.TRANSITION,
                                n,
                                raw.get(i),
                                text(line.substring(1)),
                                null,
                                null,
                                null,
                                null,
                                false,
                                false));
                i++;
                continue;
            }
            if (blankBefore && blankAfter && isUpper(line) && line.endsWith("TO:")) {
                add(n, new Beat(Beat.Kind.TRANSITION, n, raw.get(i), line, null, null, null, null, false, false));
                i++;
                continue;
            }
            if (blankBefore && !blankAfter && isCharacter(line)) {
                i = dialogueBlock(i);
                continue;
            }
            action(i);
            i++;
        }
        closeEpisode();
        if (episodes.stream().allMatch(e -> e.scenes().isEmpty())) {
            diagnostics.add(new Diagnostic(
                    Severity.FATAL,
                    file,
                    0,
                    "",
                    "no scenes found: a Fountain script needs scene headings (INT. 地点 - DAY) and action or dialogue"));
        }
        return new Script(file, "fountain", title, bios, episodes, diagnostics);
    }

    /** The boneyard removed, keeping every line (and so every line number). */
    private List<String> withoutBoneyard(List<String> input) {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        int opened = 0;
        for (int i = 0; i < input.size(); i++) {
            String line = input.get(i);
            StringBuilder kept = new StringBuilder();
            int at = 0;
            while (at < line.length()) {
                if (!inside) {
                    int open = line.indexOf("/*", at);
                    if (open < 0) {
                        kept.append(line, at, line.length());
                        break;
                    }
                    kept.append(line, at, open);
                    inside = true;
                    opened = i + 1;
                    at = open + 2;
                } else {
                    int close = line.indexOf("*/", at);
                    if (close < 0) break;
                    inside = false;
                    at = close + 2;
                }
            }
            out.add(kept.toString());
        }
        if (inside) {
            diagnostics.add(new Diagnostic(
                    Severity.REVIEW,
                    file,
                    opened,
                    input.get(opened - 1),
                    "/* is never closed by */: everything after it is left out as boneyard"));
        }
        return out;
    }

    /** Reads the title page, if any; returns the index of the first line after it. */
    private int titlePage() {
        int i = 0;
        while (i < lines.size() && lines.get(i).isEmpty()) i++;
        if (i >= lines.size() || !TITLE_KEY.matcher(lines.get(i)).matches() || isHeading(lines.get(i))) return 0;
        String key = null;
        for (; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            Matcher m = TITLE_KEY.matcher(lines.get(i));
            boolean continued = raw.get(i).startsWith(" ") || raw.get(i).startsWith("\t");
            if (m.matches() && !continued) {
                key = m.group(1).strip().toLowerCase(Locale.ROOT);
                if (key.equals("title") && !m.group(2).isBlank()) title = text(m.group(2));
            } else if ("title".equals(key) && title.isEmpty()) {
                title = text(lines.get(i));
            }
        }
        return i;
    }

    private static boolean isHeading(String line) {
        if (line.startsWith(".") && !line.startsWith("..") && line.length() > 1) return true;
        return HEADING.matcher(line).matches();
    }

    private static boolean isUpper(String line) {
        return line.chars().anyMatch(Character::isLetter)
                && line.chars().filter(Character::isLetter).allMatch(c -> Character.isUpperCase(c));
    }

    private static boolean isCharacter(String line) {
        if (line.startsWith("@")) return line.length() > 1;
        String name = EXTENSION.matcher(line).replaceAll("").replace("^", "").strip();
        return !name.isEmpty()
                && name.chars().anyMatch(c -> c >= 'A' && c <= 'Z')
                && isUpper(name)
                && !name.endsWith("TO:")
                && !line.startsWith("!");
    }

    private void heading(String line, int n) {
        String text = line.startsWith(".") ? line.substring(1).strip() : line;
        String number = null;
        Matcher num = SCENE_NUMBER.matcher(text);
        if (num.find()) {
            number = num.group(1);
            text = text.substring(0, num.start()).strip();
        }
        String setting = "";
        Matcher h = HEADING.matcher(text);
        if (h.matches() && !line.startsWith(".")) {
            String prefix = h.group(1).toUpperCase(Locale.ROOT);
            setting = prefix.startsWith("INT") && prefix.contains("EXT") || prefix.equals("I/E")
                    ? "内外"
                    : prefix.startsWith("INT") ? "内" : prefix.equals("EXT") ? "外" : "";
            text = h.group(2).strip();
        }
        String place = text;
        String time = "";
        int dash = Math.max(text.lastIndexOf(" - "), text.lastIndexOf(" — "));
        if (dash > 0) {
            place = text.substring(0, dash).strip();
            time = text.substring(dash + 3).strip();
        }
        closeScene();
        boolean flashback = text.toUpperCase(Locale.ROOT).contains("FLASHBACK") || text.contains("闪回");
        scene = new ScriptSceneBuilder(
                number != null ? number : String.valueOf(scenes.size() + 1),
                text(place),
                time,
                setting,
                n,
                raw.get(n - 1),
                flashback);
        if (time.isEmpty()) {
            diagnostics.add(review(n, "scene heading without a time of day (INT. 地点 - DAY)"));
        }
    }

    /** A character cue and what follows it up to the next blank line. */
    private int dialogueBlock(int i) {
        String cue = lines.get(i);
        int n = i + 1;
        boolean dual = cue.endsWith("^");
        if (dual) cue = cue.substring(0, cue.length() - 1).strip();
        if (cue.startsWith("@")) cue = cue.substring(1).strip();
        Beat.Voice voice = Beat.Voice.ON_SCREEN;
        Matcher ext = EXTENSION.matcher(cue);
        while (ext.find()) {
            String e = ext.group(1).toUpperCase(Locale.ROOT).replace(" ", "");
            if (e.equals("V.O.") || e.equals("VO")) voice = Beat.Voice.VOICE_OVER;
            else if (e.equals("O.S.") || e.equals("O.C.") || e.equals("OS")) voice = Beat.Voice.OFF_SCREEN;
        }
        String speaker = EXTENSION.matcher(cue).replaceAll("").strip();
        String emotion = null;
        StringBuilder said = new StringBuilder();
        int saidLine = -1;
        int j = i + 1;
        boolean first = true;
        for (; j < lines.size() && !lines.get(j).isEmpty(); j++) {
            String line = lines.get(j);
            if (line.startsWith("(") && line.endsWith(")")) {
                if (said.length() > 0) {
                    addDialogue(speaker, voice, emotion, said.toString(), saidLine, dual && first);
                    first = false;
                    said.setLength(0);
                }
                emotion = text(line.substring(1, line.length() - 1));
                continue;
            }
            if (said.length() == 0) saidLine = j + 1;
            said.append(said.length() == 0 ? "" : " ").append(line.startsWith("~") ? line.substring(1) : line);
        }
        if (said.length() > 0) addDialogue(speaker, voice, emotion, said.toString(), saidLine, dual && first);
        else diagnostics.add(review(n, speaker + " has no words after the character cue: left out"));
        return j;
    }

    private void addDialogue(String speaker, Beat.Voice voice, String emotion, String said, int n, boolean dual) {
        List<String> notes = notes(said);
        String text = text(NOTE.matcher(said).replaceAll("")).strip();
        add(n, new Beat(Beat.Kind.DIALOGUE, n, raw.get(n - 1), text, speaker, voice, emotion, null, flashback(), dual));
        notes.forEach(note -> add(
                n, new Beat(Beat.Kind.NOTE, n, raw.get(n - 1), note, null, null, null, "note", flashback(), false)));
    }

    private void action(int i) {
        int n = i + 1;
        String line = lines.get(i);
        if (line.startsWith("!")) line = line.substring(1);
        if (line.startsWith(">") && line.endsWith("<")) line = line.substring(1, line.length() - 1);
        if (line.startsWith("~")) line = line.substring(1);
        List<String> notes = notes(line);
        String text = text(NOTE.matcher(line).replaceAll("")).strip();
        if (!text.isEmpty()) {
            add(n, new Beat(Beat.Kind.ACTION, n, raw.get(i), text, null, null, null, null, flashback(), false));
        }
        notes.forEach(note ->
                add(n, new Beat(Beat.Kind.NOTE, n, raw.get(i), note, null, null, null, "note", flashback(), false)));
    }

    private static List<String> notes(String line) {
        List<String> notes = new ArrayList<>();
        Matcher m = NOTE.matcher(line);
        while (m.find()) notes.add(m.group(1).strip());
        return notes;
    }

    private boolean flashback() {
        return scene != null && scene.flashback;
    }

    private void add(int n, Beat beat) {
        if (scene == null) {
            scene = new ScriptSceneBuilder(String.valueOf(scenes.size() + 1), "", "", "", n, "", false);
            diagnostics.add(review(
                    n,
                    "no scene heading before this line: its beats form a scene without place or"
                            + " time (add a heading such as INT. 地点 - DAY)"));
        }
        scene.beats.add(beat);
    }

    private void closeScene() {
        if (scene == null) return;
        if (scene.beats.isEmpty()) {
            diagnostics.add(review(scene.line, "scene " + scene.number + " has no action or dialogue: it is left out"));
        } else {
            scenes.add(scene.build());
        }
        scene = null;
    }

    private void closeEpisode() {
        closeScene();
        if (episodes.stream().anyMatch(e -> e.number() == episodeNumber)) {
            diagnostics.add(new Diagnostic(
                    Severity.FATAL,
                    file,
                    episodeLine,
                    raw.get(Math.max(episodeLine - 1, 0)),
                    "episode " + episodeNumber + " is marked twice; number the episodes uniquely"));
        }
        if (scenes.isEmpty()) {
            if (!episodes.isEmpty() || episodeLine > 1) {
                diagnostics.add(review(episodeLine, "episode " + episodeNumber + " has no scenes: it is left out"));
            }
        }
        episodes.add(new ScriptEpisode(episodeNumber, episodeTitle, episodeLine, scenes));
        scenes = new ArrayList<>();
        episodeTitle = "";
    }

    /** Emphasis marks and escapes removed. */
    private static String text(String s) {
        return EMPHASIS.matcher(s).replaceAll("").replace("\\", "").strip();
    }

    private Diagnostic review(int n, String message) {
        return new Diagnostic(Severity.REVIEW, file, n, n > 0 ? raw.get(n - 1) : "", message);
    }

    private static final class ScriptSceneBuilder {
        final String number;
        final String place;
        final String time;
        final String setting;
        final int line;
        final String heading;
        final boolean flashback;
        final List<Beat> beats = new ArrayList<>();

        ScriptSceneBuilder(
                String number, String place, String time, String setting, int line, String heading, boolean flashback) {
            this.number = number;
            this.place = place;
            this.time = time;
            this.setting = setting;
            this.line = line;
            this.heading = heading;
            this.flashback = flashback;
        }

        ScriptScene build() {
            List<String> cast = new ArrayList<>();
            for (Beat b : beats) if (b.isDialogue() && !cast.contains(b.speaker())) cast.add(b.speaker());
            return new ScriptScene(number, place, time, setting, cast, line, heading, beats);
        }
    }
}
