package dev.seedance4j.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.ChatModelSpec;
import dev.seedance4j.client.ChatPrice;
import dev.seedance4j.client.ImageModelSpec;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.ModelTableException;
import dev.seedance4j.client.PriceTable;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.VideoModelSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the model table's JSON (the bundled {@code models.json} and override files of the same shape): merges an
 * override into the table, resolves {@code like} (an entry that starts from another of its section), and turns
 * every entry into specs and prices, strictly: an unknown or missing field is an error that names the file and
 * the JSON path, because a typo in an override file must not silently leave a limit or a price as it was.
 *
 * <p>Merging: an override entry of a known id changes only the fields it gives (objects merge field by field;
 * arrays, {@code prices} and {@code null} replace); an override entry with {@code like}, or of a new id, replaces
 * the entry. {@code like} is resolved after merging and never inherits {@code aliases}.
 */
public final class ModelTableReader {
    static final List<String> SECTIONS = List.of("video", "chat", "images");
    private static final Set<String> TOP_LEVEL = Set.of("_comment", "flex_price_factor", "video", "chat", "images");
    private static final Set<String> ATOMIC = Set.of("prices", "aliases");
    // Prices are decimals: 4.2 must stay 4.2, not the nearest double.
    private static final ObjectMapper DECIMALS = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** What a table holds. */
    public record Parsed(
            Map<String, VideoModelSpec> video,
            Map<String, ChatModelSpec> chat,
            Map<String, ImageModelSpec> images,
            PriceTable prices) {}

    private ModelTableReader() {}

    /** Parses a table or override file and checks its top level. */
    public static ObjectNode parse(byte[] json, String origin) {
        JsonNode root;
        try {
            root = DECIMALS.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ModelTableException(
                    origin + ": not valid JSON at line " + e.getLocation().getLineNr() + " (" + e.getOriginalMessage()
                            + ")",
                    e);
        } catch (IOException e) {
            throw new ModelTableException(origin + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelTableException(
                    origin + ": must be a JSON object with \"video\", \"chat\" and/or \"images\"");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw new ModelTableException(origin + ": unknown key \"" + name + "\" (expected one of "
                        + TOP_LEVEL.stream().sorted().toList() + ")");
            }
        }
        for (String section : SECTIONS) {
            JsonNode entries = root.get(section);
            if (entries != null && !entries.isObject()) {
                throw new ModelTableException(origin + ": \"" + section + "\" must be an object of model ids");
            }
            if (entries != null) {
                entries.fields().forEachRemaining(e -> {
                    if (!e.getValue().isObject()) {
                        throw new ModelTableException(
                                origin + ": " + section + "." + e.getKey() + " must be an object of fields");
                    }
                });
            }
        }
        return (ObjectNode) root;
    }

    /** {@code base} with {@code override} applied (neither is changed). */
    public static ObjectNode merge(ObjectNode base, ObjectNode override) {
        ObjectNode merged = base.deepCopy();
        if (override.has("flex_price_factor")) {
            merged.set("flex_price_factor", override.get("flex_price_factor"));
        }
        for (String section : SECTIONS) {
            JsonNode entries = override.get(section);
            if (entries == null) {
                continue;
            }
            ObjectNode target = merged.has(section) ? (ObjectNode) merged.get(section) : merged.putObject(section);
            entries.fields().forEachRemaining(e -> {
                JsonNode existing = target.get(e.getKey());
                if (existing == null || e.getValue().has("like")) {
                    target.set(e.getKey(), e.getValue().deepCopy());
                } else {
                    target.set(e.getKey(), deepMerge((ObjectNode) existing, (ObjectNode) e.getValue()));
                }
            });
        }
        return merged;
    }

    private static ObjectNode deepMerge(ObjectNode base, ObjectNode override) {
        ObjectNode merged = base.deepCopy();
        override.fields().forEachRemaining(e -> {
            JsonNode old = merged.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject() && !ATOMIC.contains(e.getKey())) {
                merged.set(e.getKey(), deepMerge((ObjectNode) old, (ObjectNode) e.getValue()));
            } else {
                merged.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return merged;
    }

    /** Every entry of a merged table as specs and prices. */
    public static Parsed read(ObjectNode table, String origin) {
        PriceTable.Builder prices = PriceTable.builder();
        JsonNode flex = table.get("flex_price_factor");
        if (flex != null) {
            prices.flexFactor(new Fields(table, origin, "").decimal("flex_price_factor"));
        }
        Map<String, VideoModelSpec> video = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> e : resolved(table, "video", origin).entrySet()) {
            Fields f = new Fields(e.getValue(), origin, "video." + e.getKey());
            VideoModelSpec spec = video(e.getKey(), f, prices);
            for (String id : concat(e.getKey(), spec.aliases())) {
                if (video.put(id, spec) != null) {
                    throw new ModelTableException(origin + ": video." + e.getKey() + ": the id " + id
                            + " is given twice (as an entry or an alias)");
                }
                videoPrices(Model.of(id), f.object("prices"), prices);
            }
            f.done();
        }
        Map<String, ChatModelSpec> chat = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> e : resolved(table, "chat", origin).entrySet()) {
            Fields f = new Fields(e.getValue(), origin, "chat." + e.getKey());
            chat.put(
                    e.getKey(),
                    new ChatModelSpec(
                            e.getKey(),
                            f.text("source"),
                            f.text("uncertain"),
                            f.bool("json_schema"),
                            f.bool("json_object"),
                            f.textOrNull("thinking_default")));
            Fields price = f.objectOrNull("prices");
            if (price != null) {
                prices.chatPrice(
                        Model.of(e.getKey()),
                        new ChatPrice(
                                price.decimal("input"),
                                price.decimal("output"),
                                price.has("long_output") ? price.decimal("long_output") : null,
                                price.has("long_output_above_tokens")
                                        ? price.integer("long_output_above_tokens")
                                        : null));
                price.done();
            }
            f.done();
        }
        Map<String, ImageModelSpec> images = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> e : resolved(table, "images", origin).entrySet()) {
            Fields f = new Fields(e.getValue(), origin, "images." + e.getKey());
            images.put(
                    e.getKey(),
                    new ImageModelSpec(
                            e.getKey(),
                            f.text("source"),
                            f.text("uncertain"),
                            f.texts("sizes"),
                            f.longValue("min_pixels"),
                            f.longValue("max_pixels"),
                            f.integer("max_aspect"),
                            f.integer("reference_images"),
                            f.integer("total_images")));
            if (f.has("price_per_image") && !f.isNull("price_per_image")) {
                prices.imagePrice(Model.of(e.getKey()), f.decimal("price_per_image"));
            } else {
                f.textOrNull("price_per_image"); // an explicit null: no known price
            }
            f.done();
        }
        return new Parsed(Map.copyOf(video), Map.copyOf(chat), Map.copyOf(images), prices.build());
    }

    private static VideoModelSpec video(String id, Fields f, PriceTable.Builder prices) {
        Fields duration = f.object("duration");
        Fields scenes = f.object("scenes");
        Fields refs = f.object("references");
        Fields features = f.object("features");
        List<Integer> clip = refs.integers("clip_seconds", 2);
        String sizeTable = f.text("size_table");
        if (!sizeTable.equals("seedance-1") && !sizeTable.equals("seedance-2")) {
            throw f.error("size_table", "must be seedance-1 or seedance-2");
        }
        List<String> resolutions = f.texts("resolutions");
        for (String r : resolutions) {
            if (OutputSizes.of(sizeTable.equals("seedance-1"), r, "16:9") == null) {
                throw f.error("resolutions", r + " has no pixel sizes in the " + sizeTable + " table");
            }
        }
        VideoModelSpec spec = new VideoModelSpec(
                id,
                f.text("family"),
                f.texts("aliases"),
                f.text("source"),
                f.text("uncertain"),
                resolutions,
                f.text("default_resolution"),
                sizeTable,
                duration.integer("min"),
                duration.integer("max"),
                duration.bool("auto"),
                new VideoModelSpec.Scenes(
                        scenes.bool("text_to_video"),
                        scenes.bool("first_frame"),
                        scenes.bool("first_and_last_frame"),
                        scenes.integer("reference_images"),
                        scenes.bool("reference_images_1080p")),
                new VideoModelSpec.References(
                        refs.integer("videos"),
                        refs.integer("audios"),
                        refs.integer("files"),
                        clip.get(0),
                        clip.get(1),
                        refs.integer("video_seconds"),
                        refs.integer("audio_seconds"),
                        refs.bool("audio_only"),
                        refs.bool("assets")),
                new VideoModelSpec.Features(
                        features.bool("frames"),
                        features.bool("camera_fixed"),
                        features.bool("generate_audio"),
                        features.bool("flex"),
                        features.bool("draft"),
                        features.bool("priority"),
                        features.texts("tools"),
                        features.bool("web_search_text_only"),
                        features.texts("output_formats"),
                        features.texts("omni_reference_task_types")));
        if (!resolutions.contains(spec.defaultResolution())) {
            throw f.error("default_resolution", "must be one of the resolutions " + resolutions);
        }
        if (spec.minDuration() < 1 || spec.maxDuration() < spec.minDuration()) {
            throw duration.error("max", "must be at least min, and min at least 1");
        }
        duration.done();
        scenes.done();
        refs.done();
        features.done();
        return spec;
    }

    private static void videoPrices(Model model, Fields prices, PriceTable.Builder table) {
        for (String resolution : prices.names()) {
            Fields tiers = prices.object(resolution);
            for (String tier : tiers.names()) {
                PriceTable.Tier t = switch (tier) {
                    case "standard" -> PriceTable.Tier.STANDARD;
                    case "with_video_input" -> PriceTable.Tier.WITH_VIDEO_INPUT;
                    case "silent" -> PriceTable.Tier.SILENT;
                    default -> throw tiers.error(tier, "must be standard, with_video_input or silent");
                };
                BigDecimal price = tiers.decimal(tier);
                if (resolution.equals("*")) {
                    table.price(model, t, price);
                } else {
                    table.price(model, Resolution.of(resolution), t, price);
                }
            }
        }
    }

    // Each entry with its "like" chain applied (the base first, without its aliases).
    private static Map<String, ObjectNode> resolved(ObjectNode table, String section, String origin) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        JsonNode entries = table.get(section);
        if (entries == null) {
            return out;
        }
        entries.fieldNames()
                .forEachRemaining(id -> out.put(id, resolve(entries, id, origin, section, new HashSet<>())));
        return out;
    }

    private static ObjectNode resolve(JsonNode entries, String id, String origin, String section, Set<String> seen) {
        if (!seen.add(id)) {
            throw new ModelTableException(origin + ": " + section + "." + id + ": \"like\" goes round in a circle");
        }
        ObjectNode entry = ((ObjectNode) entries.get(id)).deepCopy();
        JsonNode like = entry.remove("like");
        if (like == null) {
            return entry;
        }
        if (!like.isTextual() || !entries.has(like.asText())) {
            throw new ModelTableException(origin + ": " + section + "." + id + ".like: " + like
                    + " is not a model of the \"" + section + "\" section");
        }
        ObjectNode base = resolve(entries, like.asText(), origin, section, seen);
        base.remove("aliases");
        if (!entry.has("aliases") && section.equals("video")) {
            base.putArray("aliases");
        }
        return deepMerge(base, entry);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Reads the fields of one JSON object strictly, remembering which were read. */
    private static final class Fields {
        private final JsonNode node;
        private final String origin;
        private final String path;
        private final Set<String> read = new HashSet<>();

        Fields(JsonNode node, String origin, String path) {
            this.node = node;
            this.origin = origin;
            this.path = path;
        }

        ModelTableException error(String field, String rule) {
            return new ModelTableException(origin + ": " + (path.isEmpty() ? "" : path + ".") + field + " " + rule);
        }

        boolean has(String field) {
            return node.has(field);
        }

        boolean isNull(String field) {
            return node.get(field) == null || node.get(field).isNull();
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }

        private JsonNode required(String field) {
            read.add(field);
            JsonNode value = node.get(field);
            if (value == null) {
                throw error(field, "is missing");
            }
            return value;
        }

        String text(String field) {
            JsonNode v = required(field);
            if (!v.isTextual()) {
                throw error(field, "must be a string, is " + v);
            }
            return v.asText();
        }

        String textOrNull(String field) {
            JsonNode v = required(field);
            if (!v.isNull() && !v.isTextual()) {
                throw error(field, "must be a string or null, is " + v);
            }
            return v.isNull() ? null : v.asText();
        }

        boolean bool(String field) {
            JsonNode v = required(field);
            if (!v.isBoolean()) {
                throw error(field, "must be true or false, is " + v);
            }
            return v.asBoolean();
        }

        int integer(String field) {
            JsonNode v = required(field);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
                throw error(field, "must be a whole number >= 0, is " + v);
            }
            return v.asInt();
        }

        long longValue(String field) {
            JsonNode v = required(field);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw error(field, "must be a whole number >= 0, is " + v);
            }
            return v.asLong();
        }

        BigDecimal decimal(String field) {
            JsonNode v = required(field);
            if (!v.isNumber() || v.decimalValue().signum() < 0) {
                throw error(field, "must be a number >= 0, is " + v);
            }
            return v.decimalValue();
        }

        List<String> texts(String field) {
            JsonNode v = required(field);
            if (!v.isArray()) {
                throw error(field, "must be an array of strings, is " + v);
            }
            List<String> values = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw error(field, "must be an array of strings, has " + item);
                }
                values.add(item.asText());
            }
            return values;
        }

        List<Integer> integers(String field, int count) {
            JsonNode v = required(field);
            if (!v.isArray() || v.size() != count) {
                throw error(field, "must be an array of " + count + " whole numbers, is " + v);
            }
            List<Integer> values = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isIntegralNumber() || item.asInt() < 0) {
                    throw error(field, "must be an array of " + count + " whole numbers, is " + v);
                }
                values.add(item.asInt());
            }
            return values;
        }

        Fields object(String field) {
            JsonNode v = required(field);
            if (!v.isObject()) {
                throw error(field, "must be an object, is " + v);
            }
            return new Fields(v, origin, path.isEmpty() ? field : path + "." + field);
        }

        Fields objectOrNull(String field) {
            JsonNode v = required(field);
            return v.isNull() ? null : object(field);
        }

        /** Fails on a field that was never read: most likely a typo in an override file. */
        void done() {
            for (String name : names()) {
                if (!read.contains(name) && !name.startsWith("_")) {
                    throw error(name, "is not a field of this entry (a typo?)");
                }
            }
        }
    }
}
