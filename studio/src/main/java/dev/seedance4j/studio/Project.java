package dev.seedance4j.studio;

import dev.seedance4j.studio.internal.project.ProjectParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and checked project file: what the studio is asked to make.
 *
 * <p>{@link #load(Path)} reads the YAML, checks every rule of the format (types, unknown keys, references to
 * characters, scenes and shots, files that must exist inside the project folder, cycles in {@code after:},
 * {@code edit:} and {@code extend:}) and throws one {@link ProjectException} listing every problem with its file,
 * line and column. The format is documented in the README and as a JSON Schema ({@code project.schema.json}).
 *
 * @param file the project file (absolute, normalised)
 * @param folder the folder every relative path is resolved against and may not leave
 * @param style the look of generated reference sheets: {@code anime}, {@code comic}, {@code 3d}, {@code realistic}
 *     or any words (absent: {@code anime})
 */
public record Project(
        Path file,
        Path folder,
        String title,
        Defaults defaults,
        Optional<java.math.BigDecimal> maxCny,
        Optional<String> style,
        Map<String, Character> characters,
        Map<String, Scene> scenes,
        List<Episode> episodes) {

    public Project {
        characters = Map.copyOf(characters);
        scenes = Map.copyOf(scenes);
        episodes = List.copyOf(episodes);
    }

    /** Reads and checks a project file; throws {@link ProjectException} with every problem found. */
    public static Project load(Path projectFile) {
        return ProjectParser.parse(projectFile);
    }

    /** Every shot of every episode, in episode and shot order. */
    public List<Shot> shots() {
        List<Shot> all = new ArrayList<>();
        episodes.forEach(e -> all.addAll(e.shots()));
        return all;
    }

    /** The shot with this key, if there is one. */
    public Optional<Shot> shot(ShotKey key) {
        return episodes.stream()
                .filter(e -> e.id().equals(key.episode()))
                .flatMap(e -> e.shots().stream())
                .filter(s -> s.id().equals(key.shot()))
                .findFirst();
    }

    /**
     * Values every shot inherits unless it sets its own. Absent values fall back to the service's defaults.
     *
     * @param fieldPositions where each key of {@code defaults:} was written, for error messages (a mistake in a
     *     default is reported once, at its own line)
     */
    public record Defaults(
            Optional<String> model,
            Optional<String> resolution,
            Optional<String> ratio,
            Optional<Integer> duration,
            Optional<Boolean> generateAudio,
            Optional<Boolean> watermark,
            Optional<Long> seed,
            Map<String, SourcePosition> fieldPositions) {

        public Defaults {
            fieldPositions = Map.copyOf(fieldPositions);
        }

        /** Defaults that were not read from a file (no positions). */
        public Defaults(
                Optional<String> model,
                Optional<String> resolution,
                Optional<String> ratio,
                Optional<Integer> duration,
                Optional<Boolean> generateAudio,
                Optional<Boolean> watermark,
                Optional<Long> seed) {
            this(model, resolution, ratio, duration, generateAudio, watermark, seed, Map.of());
        }

        public static Defaults none() {
            return new Defaults(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }

        /** Where the key {@code field} (as written: {@code duration}, {@code generate_audio}) was written, if it was. */
        public Optional<SourcePosition> positionOf(String field) {
            return Optional.ofNullable(fieldPositions.get(field));
        }
    }

    /**
     * A recurring person. {@code @name} in a prompt brings in the images as reference images and the voice as
     * reference audio; each may be a local file, an {@code https://} URL or an {@code asset://} id (the platform's
     * virtual or authorised portraits, the way to show a real-looking face). {@code aliases} are other names the
     * script uses for the person ({@code 沈母} for {@code 沈夫人}); the importer matches speakers by name and aliases.
     */
    public record Character(
            String name,
            List<MediaRef> images,
            Optional<MediaRef> voice,
            Optional<String> description,
            Optional<SheetSettings> sheet,
            SourcePosition position,
            List<String> aliases) {
        public Character {
            images = List.copyOf(images);
            aliases = List.copyOf(aliases);
        }

        /** A character without aliases. */
        public Character(
                String name,
                List<MediaRef> images,
                Optional<MediaRef> voice,
                Optional<String> description,
                Optional<SheetSettings> sheet,
                SourcePosition position) {
            this(name, images, voice, description, sheet, position, List.of());
        }
    }

    /**
     * A recurring place; {@code @name} brings its images in as reference images. {@code aliases} are other names the
     * script may use for it (the importer matches a script's places by name and aliases).
     */
    public record Scene(
            String name,
            List<MediaRef> images,
            Optional<String> description,
            Optional<SheetSettings> sheet,
            SourcePosition position,
            List<String> aliases) {
        public Scene {
            images = List.copyOf(images);
            aliases = List.copyOf(aliases);
        }

        /** A scene without aliases. */
        public Scene(
                String name,
                List<MediaRef> images,
                Optional<String> description,
                Optional<SheetSettings> sheet,
                SourcePosition position) {
            this(name, images, description, sheet, position, List.of());
        }
    }

    /**
     * A character's or scene's {@code sheet:}: overrides for its generated reference sheet (a character or scene
     * with {@code description:} and no {@code images:} gets one).
     *
     * @param model a Seedream model id (default: the studio's sheet model)
     * @param size {@code 1K}, {@code 2K}, {@code 4K} or {@code WxH}
     * @param prompt the whole prompt, instead of the one made from the description and the project's style
     */
    public record SheetSettings(
            Optional<String> model,
            Optional<String> size,
            Optional<Long> seed,
            Optional<String> prompt,
            SourcePosition position) {}

    /** An episode: an ordered list of shots that are joined into one video. */
    public record Episode(String id, Optional<String> title, List<Shot> shots, SourcePosition position) {
        public Episode {
            shots = List.copyOf(shots);
        }
    }
}
