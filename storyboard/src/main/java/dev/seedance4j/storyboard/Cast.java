package dev.seedance4j.storyboard;

import dev.seedance4j.studio.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The characters and places of a script matched to a project's {@code characters:} and {@code scenes:} by name
 * and {@code aliases:}; the rest become new entries whose {@code description:} comes from the script (a character's
 * {@code 人物小传} line, a place's heading), ready for reference images or generated character sheets.
 *
 * @param characters    script name → project character key, for every speaker and cast name (the narrator too)
 * @param scenes        script place → project scene key, for every scene with a place
 * @param newCharacters characters the project does not have yet, in order of appearance
 * @param newScenes     places the project does not have yet, in order of appearance
 * @param existing      the project's own entries (empty when there was no project)
 * @param diagnostics   what the matching said (a character without a bio, a name that needed a safe key)
 */
public record Cast(
        Map<String, String> characters,
        Map<String, String> scenes,
        List<NewEntry> newCharacters,
        List<NewEntry> newScenes,
        Optional<Project> existing,
        List<Diagnostic> diagnostics) {

    /** The narrator's key: {@code 旁白：} lines are spoken by it. */
    public static final String NARRATOR = "旁白";

    public Cast {
        characters = Map.copyOf(characters);
        scenes = Map.copyOf(scenes);
        newCharacters = List.copyOf(newCharacters);
        newScenes = List.copyOf(newScenes);
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * A character or scene to add to the project.
     *
     * @param key         the name it gets in the project ({@code @key} in prompts)
     * @param name        the name in the script
     * @param description what the script says about it
     * @param line        where the script first names it (its bio line for a character with one)
     */
    public record NewEntry(String key, String name, String description, int line) {}

    /** Matches the script's cast against {@code project} (or none). */
    public static Cast match(Script script, Optional<Project> project) {
        Map<String, String> aliasToCharacter = new LinkedHashMap<>();
        Map<String, String> aliasToScene = new LinkedHashMap<>();
        project.ifPresent(p -> {
            p.characters().values().forEach(c -> {
                aliasToCharacter.put(key(c.name()), c.name());
                c.aliases().forEach(a -> aliasToCharacter.put(key(a), c.name()));
            });
            p.scenes().values().forEach(s -> {
                aliasToScene.put(key(s.name()), s.name());
                s.aliases().forEach(a -> aliasToScene.put(key(a), s.name()));
            });
        });
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> characters = new LinkedHashMap<>();
        List<NewEntry> newCharacters = new ArrayList<>();
        Map<String, CharacterBio> bios = new LinkedHashMap<>();
        script.bios().forEach(b -> bios.putIfAbsent(b.name(), b));
        List<String> taken = new ArrayList<>(aliasToCharacter.values());
        taken.addAll(aliasToScene.values());
        for (String name : script.characterNames()) {
            String existing = aliasToCharacter.get(key(name));
            if (existing != null) {
                characters.put(name, existing);
                continue;
            }
            String k = unique(ProjectKeys.of(name), taken);
            taken.add(k);
            characters.put(name, k);
            CharacterBio bio = bios.get(name);
            int line = bio != null ? bio.line() : firstLine(script, name);
            String description;
            if (name.equals(NARRATOR)) {
                description = ""; // heard, never seen: nothing to draw (the writer gives it no description)
            } else if (bio != null) {
                description = name + (bio.age().isEmpty() ? "" : "，" + bio.age()) + "。" + bio.text();
            } else {
                description = name;
                diagnostics.add(new Diagnostic(
                        Severity.REVIEW,
                        script.file(),
                        line,
                        "",
                        "character " + name + " has no 人物小传 line: its description is only the name; describe the"
                                + " person in characters." + k + ".description (look, age, clothes) before making"
                                + " reference images"));
            }
            newCharacters.add(new NewEntry(k, name, description, line));
        }
        Map<String, String> scenes = new LinkedHashMap<>();
        List<NewEntry> newScenes = new ArrayList<>();
        for (ScriptEpisode e : script.episodes()) {
            for (ScriptScene s : e.scenes()) {
                if (s.place().isEmpty() || scenes.containsKey(s.place())) continue;
                String existing = aliasToScene.get(key(s.place()));
                if (existing != null) {
                    scenes.put(s.place(), existing);
                    continue;
                }
                String k = unique(ProjectKeys.of(s.place()), taken);
                taken.add(k);
                scenes.put(s.place(), k);
                newScenes.add(new NewEntry(k, s.place(), Prompts.placeDescription(s), s.line()));
            }
        }
        return new Cast(characters, scenes, newCharacters, newScenes, project, diagnostics);
    }

    /** The project key of a script name ({@code null} when the name is not in the script). */
    public String characterKey(String name) {
        return characters.get(name);
    }

    /** Names compare without spaces and case ({@code 沈 清} is {@code 沈清}, {@code JOHN} is {@code John}). */
    private static String key(String name) {
        return name.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String unique(String key, List<String> taken) {
        String k = key;
        for (int i = 2; taken.contains(k); i++) k = key + "_" + i;
        return k;
    }

    private static int firstLine(Script script, String name) {
        for (ScriptEpisode e : script.episodes()) {
            for (ScriptScene s : e.scenes()) {
                if (s.cast().contains(name)) return s.line();
                for (Beat b : s.beats()) if (name.equals(b.speaker())) return b.line();
            }
        }
        return 0;
    }
}
