package dev.seedance4j.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.internal.IdLookup;
import dev.seedance4j.client.internal.ModelTableReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model line-up as data: what each Seedance video model, Doubao Seed chat model and Seedream image model
 * accepts, and what it costs. The service adds models and changes prices faster than a library ships, and many of
 * these facts are UNCERTAIN in the contract, so the table is a JSON file ({@code models.json} in this artifact,
 * every entry with its {@code source} and what is {@code uncertain}) that you can override without code:
 *
 * <pre>{@code
 * // my-models.json: change a price, correct a limit, or add an endpoint id that behaves like a known model
 * {"video": {"doubao-seedance-2-0-260128": {"prices": {"*": {"standard": 44, "with_video_input": 27}}},
 *            "ep-20260101-abcde":          {"like": "doubao-seedance-2-0-fast-260128"}},
 *  "chat":  {"doubao-seed-2-0-pro-260215": {"json_schema": false}}}
 *
 * ModelTable table = ModelTable.defaults().withOverrides(Path.of("my-models.json"));
 * SeedanceClient client = SeedanceClient.builder().apiKey(key).modelTable(table).build();
 * }</pre>
 *
 * <p>{@link #defaults()} is the bundled table with the file named by the environment variable
 * {@value #OVERRIDES_ENV} applied, if set; it is what {@link RequestValidator}, {@link CostEstimator} and
 * {@link PriceTable#defaults()} use unless given another table. An override entry of a known id changes only the
 * fields it gives (objects merge field by field; arrays and {@code prices} replace); an entry with {@code like}
 * starts from another entry of its section; any other new entry must give every field. Unknown fields are errors.
 */
public final class ModelTable {
    /** The environment variable naming an override file applied by {@link #defaults()}. */
    public static final String OVERRIDES_ENV = "SEEDANCE_MODELS";

    private static final String BUNDLED = "models.json";

    private final ObjectNode tree;
    private final Map<String, VideoModelSpec> video;
    private final Map<String, ChatModelSpec> chat;
    private final Map<String, ImageModelSpec> images;
    private final PriceTable prices;

    private ModelTable(ObjectNode tree, String origin) {
        ModelTableReader.Parsed parsed = ModelTableReader.read(tree, origin);
        this.tree = tree;
        this.video = parsed.video();
        this.chat = parsed.chat();
        this.images = parsed.images();
        this.prices = parsed.prices();
    }

    /** The table bundled with this library, without overrides. */
    public static ModelTable bundled() {
        return Bundled.TABLE;
    }

    /**
     * The bundled table with the override file named by {@value #OVERRIDES_ENV} applied (read once).
     *
     * @throws ModelTableException when that file cannot be read or breaks the table's rules
     */
    public static ModelTable defaults() {
        Object value = Defaults.VALUE;
        if (value instanceof ModelTableException e) {
            throw new ModelTableException(e.getMessage(), e);
        }
        return (ModelTable) value;
    }

    /** The bundled table with the override file named by {@value #OVERRIDES_ENV} in {@code environment}, if set. */
    public static ModelTable fromEnvironment(Map<String, String> environment) {
        String file = environment.get(OVERRIDES_ENV);
        return file == null || file.isBlank()
                ? bundled()
                : bundled().withOverrides(Path.of(file.strip()), OVERRIDES_ENV + "=");
    }

    /** This table with the overrides of a JSON file applied. */
    public ModelTable withOverrides(Path file) {
        return withOverrides(file, "");
    }

    private ModelTable withOverrides(Path file, String prefix) {
        Objects.requireNonNull(file, "file");
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelTableException(
                    prefix + file + ": cannot read the model table overrides ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        return overridden(json, prefix + file);
    }

    /** This table with the overrides of a JSON text applied. */
    public ModelTable withOverrides(String json) {
        return overridden(json.getBytes(StandardCharsets.UTF_8), "model table overrides");
    }

    private ModelTable overridden(byte[] json, String origin) {
        return new ModelTable(ModelTableReader.merge(tree, ModelTableReader.parse(json, origin)), origin);
    }

    /** The rules of a video model (or one of its aliases), if the table has them. */
    public Optional<VideoModelSpec> video(Model model) {
        return Optional.ofNullable(video.get(model.id()));
    }

    /** What a chat model accepts (by id, else by the longest {@code prefix*} entry), if the table knows. */
    public Optional<ChatModelSpec> chat(Model model) {
        return Optional.ofNullable(IdLookup.find(chat, model.id()));
    }

    /** The limits of an image model, if the table has them. */
    public Optional<ImageModelSpec> image(Model model) {
        return Optional.ofNullable(IdLookup.find(images, model.id()));
    }

    /** Every video model of the table (without aliases), in no particular order. */
    public List<VideoModelSpec> videoModels() {
        return video.entrySet().stream()
                .filter(e -> e.getKey().equals(e.getValue().id()))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Every chat model entry. */
    public List<ChatModelSpec> chatModels() {
        return List.copyOf(chat.values());
    }

    /** Every image model entry. */
    public List<ImageModelSpec> imageModels() {
        return List.copyOf(images.values());
    }

    /** The prices of the table. */
    public PriceTable prices() {
        return prices;
    }

    @Override
    public String toString() {
        return "ModelTable[video " + video.size() + " ids, chat " + chat.size() + ", images " + images.size() + "]";
    }

    private static final class Bundled {
        static final ModelTable TABLE = load();

        private static ModelTable load() {
            try (InputStream in = ModelTable.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled " + BUNDLED + " is missing from the classpath");
                }
                String origin = "bundled " + BUNDLED;
                return new ModelTable(ModelTableReader.parse(in.readAllBytes(), origin), origin);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled " + BUNDLED, e);
            }
        }
    }

    // Either the table or the reason it could not be made, so that a bad override file is reported on every use
    // instead of once as an ExceptionInInitializerError.
    private static final class Defaults {
        static final Object VALUE = load();

        private static Object load() {
            try {
                return fromEnvironment(System.getenv());
            } catch (ModelTableException e) {
                return e;
            }
        }
    }
}
