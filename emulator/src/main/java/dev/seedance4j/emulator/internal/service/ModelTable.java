package dev.seedance4j.emulator.internal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The model line-up as data, one table for every endpoint of the emulator: every video model's limits and prices
 * ({@link ModelSpec}), every Seedream image model's ({@link ImageModelSpec}) and every chat model's capabilities
 * ({@link ChatModelSpec}), read from the {@code models.json} resource beside this class and optionally overridden by
 * a user's file of the same shape. In a user's file, an entry whose {@code id} is already known changes only the
 * fields it gives; an entry with a new id adds a model (and must give every field).
 *
 * <pre>{@code
 * ModelTable table = ModelTable.load(null);                          // the built-in table
 * ModelSpec v2 = table.video("doubao-seedance-2-0-260128").orElseThrow();
 * ImageModelSpec seedream = table.image("doubao-seedream-4-0-250828").orElseThrow();
 * ChatModelSpec seed = table.chat("doubao-seed-1-6-250615").orElseThrow();
 * }</pre>
 */
public final class ModelTable {

    private static final String RESOURCE = "models.json";
    private static final Set<String> RESOLUTIONS = Set.of("480p", "720p", "1080p", "4k");
    private static final Set<String> FORMATS = Set.of("mp4", "mov");
    private static final Set<String> SIZE_PRESETS = Set.of("1K", "2K", "4K");
    private static final Set<String> IMAGE_FORMATS = Set.of("jpeg", "png", "webp", "bmp", "tiff", "gif");
    private static final List<String> SECTIONS = List.of("video_models", "image_models", "chat_models");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, ModelSpec> videos;
    private final Map<String, ImageModelSpec> images;
    private final Map<String, ChatModelSpec> chats;

    private ModelTable(
            Map<String, ModelSpec> videos, Map<String, ImageModelSpec> images, Map<String, ChatModelSpec> chats) {
        this.videos = Map.copyOf(videos);
        this.images = Map.copyOf(images);
        this.chats = Map.copyOf(chats);
    }

    /**
     * The built-in table, with {@code override} (a JSON file of the same shape) applied when it is not null.
     *
     * @throws IllegalArgumentException naming the file, the model and the field when a table is not valid
     */
    public static ModelTable load(Path override) {
        ObjectNode table = builtIn();
        if (override != null) {
            JsonNode user;
            try {
                user = JSON.readTree(Files.readAllBytes(override));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "the model table " + override + " is not valid JSON: " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the model table " + override + ": " + e, e);
            }
            if (!user.isObject()) {
                throw new IllegalArgumentException("the model table " + override
                        + " must be a JSON object with video_models, image_models and/or chat_models");
            }
            for (String section : SECTIONS) merge(table, (ObjectNode) user, section, override);
        }
        String origin = override == null ? RESOURCE : RESOURCE + " with " + override;
        Map<String, ModelSpec> videos = section(table, "video_models", ModelSpec.class, origin, ModelTable::check);
        Map<String, ImageModelSpec> images =
                section(table, "image_models", ImageModelSpec.class, origin, ModelTable::check);
        Map<String, ChatModelSpec> chats =
                section(table, "chat_models", ChatModelSpec.class, origin, ModelTable::check);
        return new ModelTable(videos, images, chats);
    }

    /** The limits of a video model (or an alias of one), if the table has it. */
    public Optional<ModelSpec> video(String id) {
        return Optional.ofNullable(videos.get(id));
    }

    /** The limits of a Seedream image model, if the table has it. */
    public Optional<ImageModelSpec> image(String id) {
        return Optional.ofNullable(images.get(id));
    }

    /** The capabilities of a chat model (or an alias of one), if the table has it. */
    public Optional<ChatModelSpec> chat(String id) {
        return Optional.ofNullable(chats.get(id));
    }

    /** Every video model, aliases included. */
    public Collection<ModelSpec> videoModels() {
        return videos.values();
    }

    private static ObjectNode builtIn() {
        try (InputStream in = ModelTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the emulator's jar");
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in " + RESOURCE, e);
        }
    }

    /** What every entry of the table has: an id, other ids of the same model, and itself under another id. */
    interface Entry<T> {
        String id();

        List<String> aliases();

        T withId(String otherId);
    }

    /** One section's models by id, each alias as a copy under its own id. */
    private static <T extends Entry<T>> Map<String, T> section(
            ObjectNode table, String name, Class<T> type, String origin, BiConsumer<T, String> check) {
        Map<String, T> models = new LinkedHashMap<>();
        for (JsonNode node : table.withArray(name)) {
            T spec = read(node, type, origin);
            check.accept(spec, origin);
            put(models, spec.id(), spec, origin);
            for (String alias : spec.aliases()) put(models, alias, spec.withId(alias), origin);
        }
        return models;
    }

    /** Entries with a known id change the fields they give; entries with a new id are added. */
    private static void merge(ObjectNode table, ObjectNode user, String section, Path file) {
        JsonNode entries = user.get(section);
        if (entries == null) return;
        if (!entries.isArray()) throw new IllegalArgumentException(file + ": " + section + " must be an array");
        ArrayNode target = table.withArray(section);
        for (JsonNode entry : entries) {
            String id = entry.path("id").asText("");
            if (!entry.isObject() || id.isBlank()) {
                throw new IllegalArgumentException(file + ": every entry of " + section + " needs an \"id\"");
            }
            ObjectNode existing = null;
            for (JsonNode known : target) if (known.path("id").asText().equals(id)) existing = (ObjectNode) known;
            if (existing != null) existing.setAll((ObjectNode) entry);
            else target.add(entry);
        }
    }

    private static <T> T read(JsonNode node, Class<T> type, String origin) {
        String id = node.path("id").asText("?");
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    origin + ": model " + id + ": " + e.getOriginalMessage().replace("\n", " "), e);
        }
    }

    private static <T> void put(Map<String, T> map, String id, T spec, String origin) {
        if (map.put(id, spec) != null) throw new IllegalArgumentException(origin + ": model " + id + " appears twice");
    }

    private static void check(ModelSpec m, String origin) {
        String at = origin + ": model " + m.id() + ": ";
        require(m.id() != null && !m.id().isBlank(), origin + ": a video model has no id");
        require(
                !m.resolutions().isEmpty() && RESOLUTIONS.containsAll(m.resolutions()),
                at + "resolutions must be some of " + RESOLUTIONS);
        require(
                m.resolutions().contains(m.defaultResolution()),
                at + "default_resolution must be one of its resolutions");
        require(
                m.referenceSceneResolutions() == null || m.resolutions().containsAll(m.referenceSceneResolutions()),
                at + "reference_scene_resolutions must be some of its resolutions");
        require(
                ModelSpec.SEEDANCE_1_TABLE.equals(m.pixelTable()) || ModelSpec.SEEDANCE_2_TABLE.equals(m.pixelTable()),
                at + "pixel_table must be seedance-1 or seedance-2");
        require(!(m.seedance1Sizes() && m.resolutions().contains("4k")), at + "the seedance-1 pixel table has no 4k");
        require(
                m.minDuration() >= 1 && m.minDuration() <= m.maxDuration(),
                at + "min_duration must be within [1, max_duration]");
        boolean references = m.referenceVideos() > 0 || m.referenceAudios() > 0;
        require(
                !references
                        || (m.referenceMinSeconds() >= 1
                                && m.referenceMinSeconds() <= m.referenceMaxSeconds()
                                && m.referenceTotalSeconds() >= m.referenceMaxSeconds()),
                at + "reference_min_seconds <= reference_max_seconds <= reference_total_seconds must hold");
        require(
                m.referenceVideos() == 0
                        || (m.referenceVideoMaxMb() > 0 && m.referenceVideoMinPixels() <= m.referenceVideoMaxPixels()),
                at + "reference videos need reference_video_max_mb and a pixel range");
        require(FORMATS.containsAll(m.outputFormats()), at + "output_formats must be some of " + FORMATS);
        require(m.tools().stream().allMatch("web_search"::equals), at + "the only tool is web_search");
        require(m.rpm() > 0 && m.concurrency() > 0, at + "rpm and concurrency must be positive");
        require(!m.prices().isEmpty(), at + "prices must not be empty");
        for (ModelSpec.Price price : m.prices()) {
            require(
                    price.cnyPerMillionTokens() != null
                            && price.cnyPerMillionTokens().signum() >= 0,
                    at + "every price needs a cny_per_million_tokens of at least 0");
        }
    }

    private static void check(ImageModelSpec m, String origin) {
        String at = origin + ": image model " + m.id() + ": ";
        require(m.id() != null && !m.id().isBlank(), origin + ": an image model has no id");
        require(m.minPixels() > 0 && m.minPixels() <= m.maxPixels(), at + "min_pixels must be within [1, max_pixels]");
        require(m.defaultSize() != null && !m.defaultSize().isBlank(), at + "default_size is required");
        require(SIZE_PRESETS.containsAll(m.sizes()), at + "sizes must be some of " + SIZE_PRESETS);
        require(m.maxAspect() >= 1, at + "max_aspect must be at least 1");
        require(
                m.maxImages() >= 1 && m.maxReferencesPlusOutputs() >= 1,
                at + "max_images and max_references_plus_outputs must be positive");
        require(
                m.maxReferenceImages() >= 0 && m.maxReferenceImages() < m.maxReferencesPlusOutputs(),
                at + "max_reference_images must be within [0, max_references_plus_outputs - 1]");
        require(m.referenceImageMaxMb() > 0, at + "reference_image_max_mb must be positive");
        require(
                !m.referenceImageFormats().isEmpty() && IMAGE_FORMATS.containsAll(m.referenceImageFormats()),
                at + "reference_image_formats must be some of " + IMAGE_FORMATS);
        require(m.imagesPerMinute() > 0, at + "images_per_minute must be positive");
        require(m.cnyPerImage() != null && m.cnyPerImage().signum() >= 0, at + "cny_per_image must be at least 0");
    }

    private static void check(ChatModelSpec m, String origin) {
        String at = origin + ": chat model " + m.id() + ": ";
        require(m.id() != null && !m.id().isBlank(), origin + ": a chat model has no id");
        require(
                !m.thinking().isEmpty() && ChatModelSpec.THINKING_TYPES.containsAll(m.thinking()),
                at + "thinking must be some of " + ChatModelSpec.THINKING_TYPES);
        require(m.thinking().contains(m.thinkingDefault()), at + "thinking_default must be one of its thinking types");
        require(
                m.maxTokens() >= 1 && m.maxCompletionTokens() >= 1,
                at + "max_tokens and max_completion_tokens must be positive");
        require(m.rpm() > 0 && m.tpm() > 0, at + "rpm and tpm must be positive");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    @Override
    public String toString() {
        return "ModelTable" + List.copyOf(videos.keySet()) + List.copyOf(images.keySet()) + List.copyOf(chats.keySet());
    }
}
