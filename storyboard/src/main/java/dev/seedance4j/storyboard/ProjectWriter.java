package dev.seedance4j.storyboard;

import dev.seedance4j.studio.MediaRef;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.Shot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link Storyboard} as a project file a person can read and edit: the project's own settings and cast
 * (kept as they were when it existed), the new cast with its {@code description:}, then every episode's shots, each
 * with a comment naming the scene and the script lines it comes from and its fingerprint ({@code fp:}), by which a
 * later import of an edited script recognises unchanged shots and keeps their ids.
 */
public final class ProjectWriter {
    private static final Pattern PLAIN_KEY = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_-]*");
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null");

    private ProjectWriter() {}

    /**
     * The project file's text.
     *
     * @param source what the header's {@code # source:} line says (script, its SHA-256 and the breakdown), by which
     *     {@code seedance make} sees that the project is up to date with the script
     */
    public static String write(Storyboard board, String projectTitle, String source) {
        StringBuilder y = new StringBuilder();
        Path script = board.script().file();
        String name = script.getFileName().toString();
        y.append("# Imported from ")
                .append(name)
                .append(" by `seedance import` (")
                .append(board.episodes().size())
                .append(" episode(s), ")
                .append(board.shots().size())
                .append(" shots).\n");
        y.append(
                "# Each shot's comment names the script lines it shows. Edit freely; importing an edited script again\n");
        y.append("# keeps the id (and the paid clip) of every shot whose lines did not change (matched by fp:).\n");
        y.append("# source: ").append(source).append('\n');
        Optional<Project> existing = board.cast().existing();
        y.append("title: ")
                .append(quote(existing.map(Project::title).orElse(projectTitle)))
                .append('\n');
        defaults(y, existing, board.limits());
        existing.flatMap(Project::style)
                .ifPresent(v -> y.append("style: ").append(quote(v)).append('\n'));
        existing.flatMap(Project::maxCny)
                .ifPresent(b -> y.append("budget:\n  max_cny: ")
                        .append(b.toPlainString())
                        .append('\n'));
        characters(y, board, name);
        scenes(y, board, name);
        y.append("\nepisodes:\n");
        // episodes of the project that this import does not bring (--episodes, or made by hand) stay as they are,
        // in their place; the imported ones replace those of the same id, new ones follow
        java.util.Map<String, EpisodeDraft> imported = new java.util.LinkedHashMap<>();
        board.episodes().forEach(e -> imported.put(e.id(), e));
        for (Project.Episode old : existing.map(Project::episodes).orElse(List.of())) {
            EpisodeDraft draft = imported.remove(old.id());
            if (draft == null) keptEpisode(y, old);
            else draftEpisode(y, draft, board.cast(), name);
        }
        for (EpisodeDraft e : imported.values()) draftEpisode(y, e, board.cast(), name);
        return y.toString();
    }

    private static void draftEpisode(StringBuilder y, EpisodeDraft e, Cast cast, String name) {
        y.append("  - id: ")
                .append(e.id())
                .append("                  # ")
                .append(name)
                .append(':')
                .append(e.source().line())
                .append('\n');
        String title = "第" + e.source().number() + "集"
                + (e.source().title().isEmpty() ? "" : " " + e.source().title());
        y.append("    title: ").append(quote(title)).append('\n');
        y.append("    shots:\n");
        for (ShotDraft s : e.shots()) shot(y, s, cast, name);
    }

    /**
     * Writes the project file atomically (a reader never sees half a file); a file that already holds {@code text}
     * is left untouched.
     */
    public static void writeFile(Path file, String text) throws IOException {
        if (Files.isRegularFile(file)
                && Files.readString(file, StandardCharsets.UTF_8).equals(text)) return;
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, ".import", ".yaml.tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void defaults(StringBuilder y, Optional<Project> existing, ShotLimits limits) {
        y.append("defaults:\n");
        if (existing.isEmpty()) {
            y.append("  model: ").append(limits.model()).append('\n');
            y.append("  resolution: 480p\n");
            y.append("  ratio: \"9:16\"                 # vertical, as short dramas are watched\n");
            y.append("  generate_audio: true          # the dialogue is spoken by the model and shown as subtitles\n");
            return;
        }
        Project.Defaults d = existing.get().defaults();
        y.append("  model: ").append(d.model().orElse(limits.model())).append('\n');
        d.resolution()
                .ifPresent(v -> y.append("  resolution: ").append(quote(v)).append('\n'));
        d.ratio().ifPresent(v -> y.append("  ratio: ").append(quote(v)).append('\n'));
        d.duration().ifPresent(v -> y.append("  duration: ").append(v).append('\n'));
        d.generateAudio()
                .ifPresent(v -> y.append("  generate_audio: ").append(v).append('\n'));
        d.watermark().ifPresent(v -> y.append("  watermark: ").append(v).append('\n'));
        d.seed().ifPresent(v -> y.append("  seed: ").append(v).append('\n'));
    }

    private static void characters(StringBuilder y, Storyboard board, String script) {
        Cast cast = board.cast();
        List<Project.Character> kept = cast.existing()
                .map(p -> p.characters().values().stream()
                        .sorted(java.util.Comparator.comparingInt(
                                c -> c.position().line()))
                        .toList())
                .orElse(List.of());
        if (kept.isEmpty() && cast.newCharacters().isEmpty()) return;
        y.append("\ncharacters:\n");
        for (Project.Character c : kept) {
            List<String> fields = new ArrayList<>();
            if (!c.images().isEmpty()) fields.add("images: " + media(c.images()));
            c.voice().ifPresent(v -> fields.add("voice: " + quote(written(v))));
            c.description().ifPresent(d -> fields.add("description: " + quote(d)));
            c.sheet().ifPresent(sheet -> fields.add("sheet: " + sheet(sheet)));
            if (!c.aliases().isEmpty()) fields.add("aliases: " + list(c.aliases()));
            entry(y, c.name(), "", fields);
        }
        for (Cast.NewEntry c : cast.newCharacters()) {
            if (c.key().equals(Cast.NARRATOR)) {
                // heard, never seen: no description, so no reference sheet is made of it
                entry(y, c.key(), comment(script, c.line(), "the narrator of 旁白 lines"), List.of());
                continue;
            }
            String what = "new" + (c.key().equals(c.name()) ? "" : ", 剧本中的名字：" + c.name());
            entry(y, c.key(), comment(script, c.line(), what), List.of("description: " + quote(c.description())));
        }
    }

    private static void scenes(StringBuilder y, Storyboard board, String script) {
        Cast cast = board.cast();
        List<Project.Scene> kept = cast.existing()
                .map(p -> p.scenes().values().stream()
                        .sorted(java.util.Comparator.comparingInt(
                                s -> s.position().line()))
                        .toList())
                .orElse(List.of());
        if (kept.isEmpty() && cast.newScenes().isEmpty()) return;
        y.append("\nscenes:\n");
        for (Project.Scene s : kept) {
            List<String> fields = new ArrayList<>();
            if (!s.images().isEmpty()) fields.add("images: " + media(s.images()));
            s.description().ifPresent(d -> fields.add("description: " + quote(d)));
            s.sheet().ifPresent(sheet -> fields.add("sheet: " + sheet(sheet)));
            if (!s.aliases().isEmpty()) fields.add("aliases: " + list(s.aliases()));
            entry(y, s.name(), "", fields);
        }
        for (Cast.NewEntry s : cast.newScenes()) {
            entry(y, s.key(), comment(script, s.line(), "new"), List.of("description: " + quote(s.description())));
        }
    }

    /** {@code key:} and its fields, one a line; {@code key: {}} when it has none. */
    private static void entry(StringBuilder y, String key, String comment, List<String> fields) {
        y.append("  ")
                .append(key(key))
                .append(fields.isEmpty() ? ": {}" : ":")
                .append(comment)
                .append('\n');
        fields.forEach(f -> y.append("    ").append(f).append('\n'));
    }

    /** A character's or scene's {@code sheet:} overrides, as they were. */
    private static String sheet(Project.SheetSettings sheet) {
        List<String> fields = new ArrayList<>();
        sheet.model().ifPresent(v -> fields.add("model: " + quote(v)));
        sheet.size().ifPresent(v -> fields.add("size: " + quote(v)));
        sheet.seed().ifPresent(v -> fields.add("seed: " + v));
        sheet.prompt().ifPresent(v -> fields.add("prompt: " + quote(v)));
        return "{ " + String.join(", ", fields) + " }";
    }

    private static void shot(StringBuilder y, ShotDraft s, Cast cast, String script) {
        String lines = s.firstLine() == s.lastLine()
                ? "第" + s.firstLine() + "行"
                : "第" + s.firstLine() + "–" + s.lastLine() + "行";
        y.append("      # ")
                .append(oneLine(s.scene().label()))
                .append(" · ")
                .append(script)
                .append(' ')
                .append(lines)
                .append(" · fp:")
                .append(s.fingerprint())
                .append('\n');
        y.append("      - id: ").append(s.id()).append('\n');
        y.append("        prompt: ").append(quote(s.prompt())).append('\n');
        y.append("        duration: ").append(s.duration()).append('\n');
        List<Beat> dialogue = s.dialogue();
        if (!dialogue.isEmpty()) {
            y.append("        dialogue:\n");
            for (Beat b : dialogue) {
                y.append("          - { who: ")
                        .append(key(cast.characterKey(b.speaker())))
                        .append(", text: ")
                        .append(quote(b.text()))
                        .append(" }   # ")
                        .append(script)
                        .append(':')
                        .append(b.line())
                        .append(voice(b))
                        .append('\n');
            }
        }
    }

    /** An episode of the existing project written back with every field it has. */
    private static void keptEpisode(StringBuilder y, Project.Episode e) {
        y.append("  - id: ").append(e.id()).append("                  # kept: not in this import\n");
        e.title().ifPresent(t -> y.append("    title: ").append(quote(t)).append('\n'));
        y.append("    shots:\n");
        for (Shot s : e.shots()) {
            y.append("      - id: ").append(s.id()).append('\n');
            if (!s.prompt().isEmpty())
                y.append("        prompt: ").append(quote(s.prompt())).append('\n');
            s.duration().ifPresent(v -> y.append("        duration: ").append(v).append('\n'));
            s.ratio()
                    .ifPresent(v -> y.append("        ratio: ").append(quote(v)).append('\n'));
            s.resolution()
                    .ifPresent(v ->
                            y.append("        resolution: ").append(quote(v)).append('\n'));
            s.model()
                    .ifPresent(v -> y.append("        model: ").append(quote(v)).append('\n'));
            s.seed().ifPresent(v -> y.append("        seed: ").append(v).append('\n'));
            s.generateAudio()
                    .ifPresent(
                            v -> y.append("        generate_audio: ").append(v).append('\n'));
            s.watermark()
                    .ifPresent(v -> y.append("        watermark: ").append(v).append('\n'));
            s.after()
                    .ifPresent(k -> y.append("        after: ")
                            .append(quote(shotRef(k, e.id())))
                            .append('\n'));
            s.firstFrame()
                    .ifPresent(m -> y.append("        first_frame: ")
                            .append(quote(written(m, e.id())))
                            .append('\n'));
            s.lastFrame()
                    .ifPresent(m -> y.append("        last_frame: ")
                            .append(quote(written(m, e.id())))
                            .append('\n'));
            mediaField(y, "images", s.images(), e.id());
            mediaField(y, "videos", s.videos(), e.id());
            mediaField(y, "audio", s.audio(), e.id());
            s.edit()
                    .ifPresent(m -> y.append("        edit: ")
                            .append(quote(written(m, e.id())))
                            .append('\n'));
            mediaField(y, "extend", s.extend(), e.id());
            if (!s.dialogue().isEmpty()) {
                y.append("        dialogue:\n");
                for (Shot.DialogueLine d : s.dialogue()) {
                    y.append("          - { who: ")
                            .append(key(d.who()))
                            .append(", text: ")
                            .append(quote(d.text()));
                    d.start().ifPresent(v -> y.append(", start: ").append(v));
                    d.end().ifPresent(v -> y.append(", end: ").append(v));
                    y.append(" }\n");
                }
            }
        }
    }

    private static void mediaField(StringBuilder y, String field, List<MediaRef> refs, String episode) {
        if (refs.isEmpty()) return;
        y.append("        ")
                .append(field)
                .append(": [")
                .append(String.join(
                        ", ", refs.stream().map(m -> quote(written(m, episode))).toList()))
                .append("]\n");
    }

    private static String shotRef(dev.seedance4j.studio.ShotKey key, String episode) {
        return key.episode().equals(episode) ? key.shot() : key.episode() + "/" + key.shot();
    }

    private static String written(MediaRef ref, String episode) {
        if (ref instanceof MediaRef.ShotOutput o) return shotRef(o.shot(), episode);
        return written(ref);
    }

    private static String voice(Beat b) {
        return switch (b.voice()) {
            case ON_SCREEN -> "";
            case INNER -> " 内心独白";
            case VOICE_OVER -> " 画外音";
            case OFF_SCREEN -> " 画外";
            case NARRATION -> " 旁白";
        };
    }

    private static String comment(String script, int line, String what) {
        return "   # " + what + (line > 0 ? " · " + script + ":" + line : "");
    }

    private static String media(List<MediaRef> refs) {
        return list(refs.stream().map(ProjectWriter::written).toList());
    }

    private static String written(MediaRef ref) {
        if (ref instanceof MediaRef.LocalFile f) return f.written();
        if (ref instanceof MediaRef.Remote r) return r.url();
        return ((MediaRef.ShotOutput) ref).shot().shot();
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(ProjectWriter::quote).toList()) + "]";
    }

    /** A key as YAML reads it back: plain when it is safe, else double-quoted. */
    static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() && !YAML_WORDS.contains(key.toLowerCase(Locale.ROOT))
                ? key
                : quote(key);
    }

    /** A double-quoted YAML string. */
    static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) s.append(String.format("\\x%02x", (int) c));
                    else s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
