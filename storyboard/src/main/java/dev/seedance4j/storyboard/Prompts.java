package dev.seedance4j.storyboard;

import dev.seedance4j.studio.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The words of a prompt: the scene, the camera, the action with {@code @mentions}, who speaks and how. */
final class Prompts {
    private static final Map<String, String> TIMES = Map.of(
            "DAY",
            "日",
            "NIGHT",
            "夜",
            "MORNING",
            "清晨",
            "EVENING",
            "傍晚",
            "DUSK",
            "黄昏",
            "DAWN",
            "黎明",
            "AFTERNOON",
            "下午",
            "NOON",
            "中午",
            "SUNSET",
            "日落",
            "SUNRISE",
            "日出");
    /** Note keys whose value is written into the prompt; the others (beat tags, music, writers' notes) are not. */
    private static final Map<String, String> PROMPT_NOTES =
            Map.of("字幕", "画面字幕：“%s”", "音效", "音效：%s", "特写", "特写：%s", "镜头", "%s", "画面", "%s", "环境", "%s");

    private Prompts() {}

    /** {@code 内景，夜，沈家别墅·客厅}: what the project's scene entry says about a new place. */
    static String placeDescription(ScriptScene scene) {
        List<String> parts = new ArrayList<>();
        if (!scene.setting().isEmpty()) parts.add(setting(scene.setting()));
        if (!time(scene.time()).isEmpty()) parts.add(time(scene.time()));
        parts.add(scene.place());
        return String.join("，", parts);
    }

    static String setting(String setting) {
        return switch (setting) {
            case "内" -> "内景";
            case "外" -> "外景";
            case "内外" -> "内外景";
            default -> "";
        };
    }

    /** The time of day in Chinese ({@code NIGHT} → {@code 夜}); {@code CONTINUOUS} and the like say nothing. */
    static String time(String time) {
        if (time.isEmpty() || time.codePoints().anyMatch(c -> c >= 0x2E80)) return time;
        return TIMES.getOrDefault(time.toUpperCase(Locale.ROOT), "");
    }

    /** The prompt's words about a note, or {@code null} when the note stays out of the prompt. */
    static String note(Beat note) {
        String format = PROMPT_NOTES.get(note.noteKey());
        return format == null || note.text().isEmpty() ? null : String.format(format, note.text());
    }

    /**
     * The prompt of a shot: from the script's action lines, or from {@code picture} (a model's words) when given.
     * Characters become {@code @key} where the action first names them (a speaker not
     * named there is added), the place becomes {@code @key}; once the mentioned entries would bring more than
     * {@code limits.maxReferenceImages()} images, further names stay plain words (reported in {@code review}).
     */
    static String build(
            ScriptScene scene,
            List<Beat> beats,
            ShotSize size,
            CameraMove camera,
            String picture,
            Cast cast,
            ShotLimits limits,
            List<String> review) {
        Mentioner mentions = new Mentioner(cast, limits, review);
        StringBuilder p = new StringBuilder();
        p.append(size.chinese()).append("，").append(camera.chinese()).append("。");
        List<String> where = new ArrayList<>();
        if (!scene.setting().isEmpty()) where.add(setting(scene.setting()));
        String sceneKey = cast.scenes().get(scene.place());
        if (sceneKey != null) where.add(mentions.scene(sceneKey, scene.place()));
        if (!time(scene.time()).isEmpty()) where.add(time(scene.time()));
        if (!where.isEmpty()) p.append(String.join("，", where)).append("。");
        if (beats.stream().anyMatch(Beat::flashback)) p.append("闪回画面，色调泛黄柔和。");
        if (picture != null) p.append(sentence(mentions.inText(withoutDialogue(picture, beats))));
        for (Beat b : beats) {
            switch (b.kind()) {
                case ACTION -> {
                    if (picture == null) p.append(sentence(mentions.inText(b.text())));
                }
                case DIALOGUE -> {
                    String hint = speaking(b, mentions);
                    if (hint != null) p.append(hint);
                }
                case NOTE -> {
                    String words = note(b);
                    if (words != null) p.append(sentence(words));
                }
                case TRANSITION -> {
                    // a cut between shots is the editor's: not part of the picture
                }
            }
        }
        return p.toString().strip();
    }

    /**
     * A model's picture text without the words of the shot's dialogue (the dialogue lines carry them; the planner
     * writes them into the prompt once).
     */
    static String withoutDialogue(String text, List<Beat> beats) {
        String out = text;
        for (Beat b : beats) {
            if (!b.isDialogue()) continue;
            out = out.replace(b.text(), "");
            out = out.replaceAll(
                    "@?" + java.util.regex.Pattern.quote(b.speaker()) + "\\s*[：:]\\s*(?:（[^）]*）)?\\s*", "");
        }
        out = out.replaceAll("[“”\"「」]{2}", "")
                .replaceAll("([。！？，])[。！？，]+", "$1")
                .strip();
        return out.startsWith("，") || out.startsWith("。") ? out.substring(1).strip() : out;
    }

    private static String speaking(Beat line, Mentioner mentions) {
        String emotion = line.emotion() == null ? "" : "（" + line.emotion() + "）";
        return switch (line.voice()) {
            case ON_SCREEN -> mentions.person(line.speaker()) + emotion + "说话。";
            case INNER -> mentions.person(line.speaker()) + emotion + "沉默不语，内心独白（画外音）。";
            case OFF_SCREEN -> "画外传来" + line.speaker() + "的声音。";
            case VOICE_OVER, NARRATION -> null; // heard over the picture: the dialogue line says it
        };
    }

    private static String sentence(String text) {
        String t = text.strip();
        if (t.isEmpty()) return "";
        char last = t.charAt(t.length() - 1);
        return "。！？!?…".indexOf(last) >= 0 ? t : t + "。";
    }

    /** Writes {@code @key} for each character once, within the reference-image limit. */
    private static final class Mentioner {
        private final Cast cast;
        private final ShotLimits limits;
        private final List<String> review;
        private final Set<String> mentioned = new LinkedHashSet<>();
        private int images;

        Mentioner(Cast cast, ShotLimits limits, List<String> review) {
            this.cast = cast;
            this.limits = limits;
            this.review = review;
        }

        String scene(String key, String place) {
            return mention(
                    key,
                    place,
                    cast.existing()
                            .map(p -> p.scenes().get(key))
                            .map(s -> s.images().size())
                            .orElse(0));
        }

        String person(String name) {
            String key = cast.characterKey(name);
            if (key == null || key.equals(Cast.NARRATOR)) return name;
            if (mentioned.contains(key)) return name;
            return mention(key, name, imagesOf(key));
        }

        /** The action text with the first naming of each known character written as {@code @key}. */
        String inText(String text) {
            List<String> names = new ArrayList<>(cast.characters().keySet());
            names.sort(Comparator.comparingInt(String::length).reversed());
            String out = text;
            for (String name : names) {
                String key = cast.characterKey(name);
                if (key.equals(Cast.NARRATOR) || mentioned.contains(key)) continue;
                int at = indexOfName(out, name);
                if (at < 0) continue;
                out = out.substring(0, at) + mention(key, name, imagesOf(key)) + out.substring(at + name.length());
            }
            return out;
        }

        /** Where {@code name} stands in {@code text} outside an earlier {@code @mention}, or -1. */
        private static int indexOfName(String text, String name) {
            int at = text.indexOf(name);
            while (at >= 0) {
                if (at == 0 || text.charAt(at - 1) != '@') return at;
                at = text.indexOf(name, at + 1);
            }
            return -1;
        }

        private int imagesOf(String key) {
            return cast.existing()
                    .map(p -> p.characters().get(key))
                    .map(Project.Character::images)
                    .map(List::size)
                    .orElse(0);
        }

        private String mention(String key, String written, int keyImages) {
            if (images + keyImages > limits.maxReferenceImages()) {
                review.add("@" + key + " would bring the shot's reference images to " + (images + keyImages)
                        + ", more than " + limits.maxReferenceImages() + ": written as a plain name");
                return written;
            }
            images += keyImages;
            mentioned.add(key);
            return "@" + key;
        }
    }
}
