package dev.seedance4j.emulator.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.emulator.internal.chat.SourceText.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a JSON value that conforms to a JSON Schema from the input of a chat request, deterministically for the
 * request's seed. The content is read from the input, not invented: the first array the schema allows (say
 * {@code shots}) gets one item per input unit (several per item when {@code maxItems} is smaller, repeated units when
 * {@code minItems} is larger), and the fields of each item are filled by their names: ids, line numbers, speaker,
 * dialogue, text, prompt/description, characters, durations (2 s plus 4.5 characters of dialogue per second),
 * titles, emotions from {@code （冷笑）}-style cues, shot sizes and camera moves. Enums prefer a value the input
 * mentions; numbers, strings and arrays are fitted to every bound, pattern and format the schema states.
 */
final class InstanceGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 24;
    private static final Pattern CUE = Pattern.compile("[（(]([^）)]{1,12})[)）]");
    private static final List<String> SHOT_SIZES_ZH = List.of("中景", "近景", "特写", "全景", "远景");
    private static final List<String> SHOT_SIZES_EN =
            List.of("medium shot", "close-up", "wide shot", "extreme close-up", "long shot");
    private static final List<String> CAMERA_ZH = List.of("固定", "推", "拉", "摇", "跟", "移");
    private static final List<String> CAMERA_EN = List.of("static", "push in", "pull out", "pan", "tracking", "truck");

    /** What a field is for, read from its name. */
    enum Role {
        ID,
        LINE,
        END_LINE,
        LINES,
        DURATION,
        DIALOGUE,
        SPEAKER,
        UTTERANCE,
        PROMPT,
        CHARACTERS,
        TITLE,
        EMOTION,
        SHOT_SIZE,
        CAMERA,
        INDEX,
        KIND,
        SCENE,
        OTHER
    }

    /** Where the generator is: the field name, the input units bound here, the index in the enclosing array. */
    private record Ctx(String name, String collection, List<Unit> group, int index, int depth, String path) {

        Ctx child(String childName, String childCollection, List<Unit> childGroup, int childIndex, String segment) {
            return new Ctx(childName, childCollection, childGroup, childIndex, depth + 1, path + "/" + segment);
        }

        Unit unit() {
            return group == null || group.isEmpty() ? null : group.get(0);
        }
    }

    private final JsonNode root;
    private final SourceText source;
    private final long seed;

    InstanceGenerator(JsonNode root, SourceText source, long seed) {
        this.root = root;
        this.source = source;
        this.seed = seed;
    }

    JsonNode generate() {
        return value(root, new Ctx("", null, null, 0, 0, ""));
    }

    private JsonNode value(JsonNode raw, Ctx ctx) {
        if (raw != null && raw.isBoolean()) return raw.booleanValue() ? NODES.textNode(text(ctx)) : NODES.nullNode();
        JsonNode schema = branch(Schemas.resolve(root, raw));
        if (schema.has("const")) return schema.get("const").deepCopy();
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null && enumeration.isArray() && !enumeration.isEmpty()) return pick(enumeration, ctx);
        if (ctx.depth() > MAX_DEPTH) return NODES.nullNode();
        return switch (Schemas.type(schema)) {
            case "object" -> object(schema, ctx);
            case "array" -> array(schema, ctx);
            case "integer" -> number(schema, ctx, true);
            case "number" -> number(schema, ctx, false);
            case "boolean" -> NODES.booleanNode((hash(ctx) & 1) == 1);
            case "null" -> NODES.nullNode();
            default -> string(schema, ctx);
        };
    }

    /** anyOf/oneOf: the first branch that is not just null, merged with the schema's own keywords. */
    private JsonNode branch(JsonNode schema) {
        for (String keyword : List.of("oneOf", "anyOf")) {
            JsonNode branches = schema.get(keyword);
            if (branches == null || !branches.isArray() || branches.isEmpty()) continue;
            JsonNode chosen = branches.get(0);
            for (JsonNode candidate : branches) {
                if (!Schemas.type(Schemas.resolve(root, candidate)).equals("null")) {
                    chosen = candidate;
                    break;
                }
            }
            ObjectNode merged = ((ObjectNode) schema).deepCopy();
            merged.remove(keyword);
            return branch(Schemas.merge(merged, Schemas.resolve(root, chosen)));
        }
        return schema;
    }

    // ---------------------------------------------------------------- objects and arrays

    private JsonNode object(JsonNode schema, Ctx ctx) {
        ObjectNode node = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        boolean shallow = ctx.depth() > MAX_DEPTH / 2; // deep recursive schemas: only what is required
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (shallow && !required.contains(property.getKey())) continue;
            Ctx child = ctx.child(property.getKey(), ctx.collection(), ctx.group(), ctx.index(), property.getKey());
            node.set(property.getKey(), value(property.getValue(), child));
        }
        for (String name : required) {
            if (!node.has(name))
                node.set(name, value(extraSchema(schema), ctx.child(name, null, ctx.group(), 0, name)));
        }
        int minProperties = schema.path("minProperties").asInt(0);
        for (int extra = 1; node.size() < minProperties && !forbidsExtra(schema); extra++) {
            String name = "extra_" + extra;
            node.set(name, value(extraSchema(schema), ctx.child(name, null, ctx.group(), extra, name)));
        }
        return node;
    }

    private static JsonNode extraSchema(JsonNode schema) {
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject()
                ? additional
                : NODES.objectNode().put("type", "string");
    }

    private static boolean forbidsExtra(JsonNode schema) {
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isBoolean() && !additional.booleanValue();
    }

    private JsonNode array(JsonNode schema, Ctx ctx) {
        int min = schema.path("minItems").asInt(0);
        int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : Integer.MAX_VALUE;
        JsonNode prefix = schema.has("prefixItems") ? schema.get("prefixItems") : null;
        JsonNode items = schema.get("items");
        if (prefix == null && items != null && items.isArray()) {
            prefix = items;
            items = schema.get("additionalItems");
        }
        ArrayNode array = NODES.arrayNode();
        if (prefix != null) {
            for (int i = 0; i < prefix.size() && i < max; i++)
                array.add(value(prefix.get(i), ctx.child(ctx.name(), ctx.name(), ctx.group(), i, "" + i)));
            if (items == null || (items.isBoolean() && !items.booleanValue())) return array;
        }
        JsonNode itemSchema = items == null ? NODES.objectNode() : items;
        String itemType = Schemas.type(branch(Schemas.resolve(root, itemSchema)));
        Role role = role(ctx.name());
        boolean primitive = !itemType.equals("object") && !itemType.equals("array");
        List<JsonNode> direct = primitive ? directValues(role, itemType, ctx) : null;
        int start = array.size();
        if (direct != null && !direct.isEmpty()) {
            for (JsonNode value : direct) {
                if (array.size() >= max) break;
                if (SchemaCheck.violations(root, itemSchema, value).isEmpty()) array.add(value);
            }
        }
        if (array.size() == start) {
            List<Unit> pool = pool(role, itemType, ctx);
            int count = Math.max(min - start, Math.min(max - start, pool.size()));
            if (pool.isEmpty() && role != Role.DIALOGUE && role != Role.CHARACTERS)
                count = Math.min(max - start, Math.max(min - start, 1));
            List<List<Unit>> groups = distribute(pool, count);
            for (int i = 0; i < count; i++) {
                Ctx child = ctx.child(ctx.name(), ctx.name(), groups.get(i), i, "" + (start + i));
                array.add(value(itemSchema, child));
            }
        }
        while (array.size() < min) {
            int i = array.size();
            array.add(value(itemSchema, ctx.child(ctx.name(), ctx.name(), ctx.group(), i, "" + i)));
        }
        if (schema.path("uniqueItems").asBoolean(false)) makeUnique(array);
        return array;
    }

    /** Values an array of strings or numbers takes straight from the input: names, ids, line numbers. */
    private List<JsonNode> directValues(Role role, String itemType, Ctx ctx) {
        List<Unit> units = ctx.group() != null ? ctx.group() : source.units;
        List<JsonNode> values = new ArrayList<>();
        boolean numeric = itemType.equals("integer") || itemType.equals("number");
        switch (role) {
            case CHARACTERS -> {
                if (numeric) return null;
                Set<String> names = new LinkedHashSet<>();
                for (Unit unit : units) {
                    if (unit.speaker() != null) names.add(unit.speaker());
                    for (String name : source.names) if (unit.text().contains(name)) names.add(name);
                }
                names.forEach(n -> values.add(NODES.textNode(n)));
            }
            case LINES, LINE -> {
                for (Unit unit : units) {
                    int line = unit.line() != null ? unit.line() : unit.index() + 1;
                    values.add(numeric ? NODES.numberNode(line) : NODES.textNode(String.valueOf(line)));
                }
            }
            case ID -> {
                if (numeric) return null;
                for (Unit unit : units) if (unit.id() != null) values.add(NODES.textNode(unit.id()));
            }
            default -> {
                return null;
            }
        }
        return values;
    }

    /** The units an array of objects is made from. */
    private List<Unit> pool(Role role, String itemType, Ctx ctx) {
        List<Unit> units = ctx.group() != null ? ctx.group() : source.units;
        if (role == Role.DIALOGUE)
            return units.stream().filter(u -> u.speaker() != null).toList();
        if (role == Role.CHARACTERS && itemType.equals("object")) {
            List<Unit> people = new ArrayList<>();
            for (String name : source.names) {
                Unit line = source.units.stream()
                        .filter(u -> name.equals(u.speaker()) || u.text().contains(name))
                        .findFirst()
                        .orElse(null);
                people.add(new Unit(
                        people.size(),
                        name,
                        line == null ? null : line.line(),
                        name,
                        line == null ? name : line.text(),
                        null));
            }
            return people;
        }
        return units;
    }

    /** {@code count} contiguous groups covering the units in order (units repeat when there are fewer). */
    private static List<List<Unit>> distribute(List<Unit> units, int count) {
        List<List<Unit>> groups = new ArrayList<>();
        int n = units.size();
        for (int i = 0; i < count; i++) {
            if (n == 0) groups.add(List.of());
            else if (count >= n) groups.add(List.of(units.get(i % n)));
            else groups.add(units.subList((int) ((long) i * n / count), (int) ((long) (i + 1) * n / count)));
        }
        return groups;
    }

    private static void makeUnique(ArrayNode array) {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            for (int suffix = 2; !seen.add(item) && suffix < 1000; suffix++) {
                if (item.isTextual()) item = NODES.textNode(array.get(i).asText() + " " + suffix);
                else if (item.isNumber()) item = NODES.numberNode(array.get(i).longValue() + suffix - 1);
                else break;
            }
            array.set(i, item);
        }
    }

    // ---------------------------------------------------------------- scalars

    private JsonNode number(JsonNode schema, Ctx ctx, boolean integer) {
        Unit unit = ctx.unit();
        double value = switch (role(ctx.name())) {
            case DURATION -> seconds(ctx.group());
            case LINE, LINES -> unit == null ? ctx.index() + 1 : unit.line() != null ? unit.line() : unit.index() + 1;
            case END_LINE -> {
                Unit last = ctx.group() == null || ctx.group().isEmpty()
                        ? null
                        : ctx.group().get(ctx.group().size() - 1);
                yield last == null ? ctx.index() + 1 : last.line() != null ? last.line() : last.index() + 1;
            }
            case INDEX, ID -> ctx.index() + 1;
            default -> {
                double low = bound(schema, "minimum", "exclusiveMinimum", 0);
                double high = bound(schema, "maximum", "exclusiveMaximum", low + 10);
                if (high < low) high = low;
                double fraction = (hash(ctx) >>> 11) * 0x1.0p-53;
                yield integer ? low + Math.floor(fraction * (high - low + 1)) : low + fraction * (high - low);
            }
        };
        BigDecimal fitted = fit(schema, BigDecimal.valueOf(value), integer);
        return integer
                ? NODES.numberNode(fitted.setScale(0, RoundingMode.HALF_UP).longValue())
                : NODES.numberNode(fitted);
    }

    /** Seconds a shot of these units needs: 2 s, plus 4.5 characters of dialogue a second, plus 1.5 s an action. */
    private static double seconds(List<Unit> units) {
        double seconds = 2;
        if (units != null) {
            for (Unit unit : units) {
                seconds += unit.speaker() != null
                        ? unit.text().codePointCount(0, unit.text().length()) / 4.5
                        : 1.5;
            }
        }
        return Math.ceil(seconds);
    }

    private static double bound(JsonNode schema, String inclusive, String exclusive, double fallback) {
        if (schema.path(inclusive).isNumber()) return schema.get(inclusive).doubleValue();
        if (schema.path(exclusive).isNumber())
            return schema.get(exclusive).doubleValue() + (inclusive.equals("minimum") ? 1 : -1);
        return fallback;
    }

    /** The value moved into the schema's bounds and onto its multipleOf grid. */
    private static BigDecimal fit(JsonNode schema, BigDecimal value, boolean integer) {
        BigDecimal step = integer ? BigDecimal.ONE : new BigDecimal("0.01");
        if (schema.path("multipleOf").isNumber() && schema.get("multipleOf").doubleValue() > 0) {
            step = schema.get("multipleOf").decimalValue();
            if (integer && step.stripTrailingZeros().scale() > 0) step = BigDecimal.ONE;
        }
        BigDecimal low = null;
        BigDecimal high = null;
        boolean lowOpen = schema.path("exclusiveMinimum").isBoolean()
                && schema.get("exclusiveMinimum").booleanValue();
        boolean highOpen = schema.path("exclusiveMaximum").isBoolean()
                && schema.get("exclusiveMaximum").booleanValue();
        if (schema.path("minimum").isNumber()) low = schema.get("minimum").decimalValue();
        if (schema.path("maximum").isNumber()) high = schema.get("maximum").decimalValue();
        if (schema.path("exclusiveMinimum").isNumber()) {
            BigDecimal open = schema.get("exclusiveMinimum").decimalValue();
            if (low == null || open.compareTo(low) >= 0) {
                low = open;
                lowOpen = true;
            }
        }
        if (schema.path("exclusiveMaximum").isNumber()) {
            BigDecimal open = schema.get("exclusiveMaximum").decimalValue();
            if (high == null || open.compareTo(high) <= 0) {
                high = open;
                highOpen = true;
            }
        }
        BigDecimal fitted = value.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
        if (low != null && (fitted.compareTo(low) < 0 || (lowOpen && fitted.compareTo(low) == 0))) {
            fitted = low.divide(step, 0, RoundingMode.CEILING).multiply(step);
            if (lowOpen && fitted.compareTo(low) == 0) fitted = fitted.add(step);
        }
        if (high != null && (fitted.compareTo(high) > 0 || (highOpen && fitted.compareTo(high) == 0))) {
            fitted = high.divide(step, 0, RoundingMode.FLOOR).multiply(step);
            if (highOpen && fitted.compareTo(high) == 0) fitted = fitted.subtract(step);
        }
        return fitted;
    }

    private JsonNode string(JsonNode schema, Ctx ctx) {
        String text = text(ctx);
        String format = schema.path("format").asText("");
        text = switch (format) {
            case "date-time" -> "2026-01-01T08:00:00Z";
            case "date" -> "2026-01-01";
            case "time" -> "08:00:00";
            case "email" -> "writer" + (ctx.index() + 1) + "@example.com";
            case "uri", "url", "iri", "uri-reference" -> "https://example.com/" + slug(text, ctx);
            case "uuid" ->
                UUID.nameUUIDFromBytes((ctx.path() + text).getBytes(StandardCharsets.UTF_8))
                        .toString();
            default -> text;
        };
        if (schema.has("pattern")) text = matching(schema.get("pattern").asText(), text, ctx);
        return NODES.textNode(fitLength(schema, text, ctx));
    }

    /** A candidate that the pattern finds: the text, its slug, an id, the index; else a sample of the pattern. */
    private String matching(String pattern, String text, Ctx ctx) {
        for (String candidate : List.of(text, slug(text, ctx), id(ctx), String.valueOf(ctx.index() + 1))) {
            if (SchemaCheck.find(pattern, candidate)) return candidate;
        }
        String sample = RegexSample.sample(pattern, hash(ctx));
        return sample != null ? sample : text;
    }

    private static String fitLength(JsonNode schema, String text, Ctx ctx) {
        int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : Integer.MAX_VALUE;
        int min = schema.path("minLength").asInt(0);
        String fitted = text;
        if (fitted.codePointCount(0, fitted.length()) > max)
            fitted = fitted.substring(0, fitted.offsetByCodePoints(0, max));
        String filler = text.isEmpty() ? "x" : text;
        StringBuilder padded = new StringBuilder(fitted);
        while (padded.codePointCount(0, padded.length()) < min) padded.append(filler);
        fitted = padded.toString();
        if (fitted.codePointCount(0, fitted.length()) > max)
            fitted = fitted.substring(0, fitted.offsetByCodePoints(0, max));
        return fitted;
    }

    /** The text a string field gets, from its role and the units bound here. */
    private String text(Ctx ctx) {
        Unit unit = ctx.unit();
        List<Unit> group = ctx.group() == null ? List.of() : ctx.group();
        return switch (role(ctx.name())) {
            case ID -> unit != null && unit.id() != null && group.size() == 1 ? unit.id() : id(ctx);
            case SPEAKER, CHARACTERS ->
                unit != null && unit.speaker() != null
                        ? unit.speaker()
                        : !source.names.isEmpty() ? source.names.get(0) : source.cjk ? "旁白" : "Narrator";
            case UTTERANCE -> unit != null ? unit.text() : fallback();
            case PROMPT ->
                group.isEmpty()
                        ? fallback()
                        : String.join(
                                source.cjk ? "；" : "; ",
                                group.stream().map(Unit::full).toList());
            case TITLE ->
                unit == null
                        ? fallback()
                        : unit.speaker() != null
                                        && unit.id() != null
                                        && unit.id().equals(unit.speaker())
                                ? unit.speaker()
                                : shorten(unit.text(), 16);
            case EMOTION -> {
                Matcher cue = CUE.matcher(unit == null ? "" : unit.text());
                yield cue.find() ? cue.group(1) : source.cjk ? "平静" : "calm";
            }
            case SHOT_SIZE -> choose(source.cjk ? SHOT_SIZES_ZH : SHOT_SIZES_EN, ctx);
            case CAMERA -> choose(source.cjk ? CAMERA_ZH : CAMERA_EN, ctx);
            case KIND -> unit != null && unit.speaker() != null ? "dialogue" : "action";
            case SCENE -> unit != null && unit.scene() != null ? unit.scene() : source.cjk ? "场景" : "scene";
            case LINES, END_LINE, INDEX -> String.valueOf(ctx.index() + 1);
            default -> unit != null ? unit.full() : fallback(); // a string "line" is the line's text
        };
    }

    private String fallback() {
        String first = source.message
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("");
        return first.isEmpty() ? (source.cjk ? "内容" : "content") : shorten(first, 60);
    }

    /** An id from the enclosing array's initial and the index: {@code shots} → {@code s01}. */
    private static String id(Ctx ctx) {
        String name = ctx.collection() != null && !ctx.collection().isEmpty() ? ctx.collection() : ctx.name();
        char initial =
                name.isEmpty() || !Character.isLetter(name.charAt(0)) ? 'x' : Character.toLowerCase(name.charAt(0));
        return String.format(Locale.ROOT, "%c%02d", initial, ctx.index() + 1);
    }

    private static String slug(String text, Ctx ctx) {
        String slug =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? id(ctx) : shorten(slug, 40);
    }

    private static String shorten(String text, int codePoints) {
        return text.codePointCount(0, text.length()) <= codePoints
                ? text
                : text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    private JsonNode pick(JsonNode values, Ctx ctx) {
        String context = ctx.group() == null
                ? ""
                : String.join(" ", ctx.group().stream().map(Unit::full).toList())
                        .toLowerCase(Locale.ROOT);
        for (JsonNode value : values) {
            if (value.isTextual()
                    && !value.asText().isEmpty()
                    && context.contains(value.asText().toLowerCase(Locale.ROOT))) return value.deepCopy();
        }
        return values.get((int) Math.floorMod(hash(ctx), (long) values.size())).deepCopy();
    }

    private String choose(List<String> values, Ctx ctx) {
        return values.get((int) Math.floorMod(hash(ctx), (long) values.size()));
    }

    /** A deterministic number for this place in the document and the units bound to it. */
    private long hash(Ctx ctx) {
        long h = seed ^ 0xCBF29CE484222325L;
        String key = ctx.path() + "|" + (ctx.unit() == null ? "" : ctx.unit().full());
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) h = (h ^ (b & 0xff)) * 0x100000001B3L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** The role of a field from its name ({@code shot_id}, {@code sourceLines}, {@code 台词}, ...). */
    static Role role(String name) {
        String lower = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        List<String> words = List.of(lower.split("[^\\p{L}\\p{N}]+"));
        String last = words.isEmpty() ? "" : words.get(words.size() - 1);
        if (Set.of("id", "ids", "key", "uid").contains(last)) return Role.ID;
        if (words.contains("duration") || words.contains("seconds") || lower.contains("时长")) return Role.DURATION;
        if (words.contains("end") && (last.equals("line") || last.equals("lineno"))) return Role.END_LINE;
        if (last.equals("line") || last.equals("lineno") || lower.equals("line_number")) return Role.LINE;
        if (Set.of("lines", "line_numbers", "source_lines").contains(lower) || last.equals("lines")) return Role.LINES;
        if (Set.of("dialogue", "dialogues", "utterances", "speech", "conversation")
                        .contains(last)
                || lower.contains("台词")
                || lower.contains("对白")) return Role.DIALOGUE;
        if (Set.of("speaker", "who", "character", "actor").contains(last)) return Role.SPEAKER;
        if (Set.of("characters", "cast", "people", "names", "persons").contains(last) || lower.contains("角色"))
            return Role.CHARACTERS;
        if (Set.of("text", "utterance", "quote", "says").contains(last)) return Role.UTTERANCE;
        if (Set.of("prompt", "description", "visual", "action", "summary", "content", "desc", "narrative", "details")
                        .contains(last)
                || lower.contains("画面")
                || lower.contains("描述")) return Role.PROMPT;
        if (Set.of("title", "name", "label", "heading").contains(last)) return Role.TITLE;
        if (Set.of("emotion", "mood", "tone", "expression", "parenthetical", "feeling")
                .contains(last)) return Role.EMOTION;
        if (words.contains("shot") && (words.contains("type") || words.contains("size"))
                || last.equals("framing")
                || lower.contains("景别")) return Role.SHOT_SIZE;
        if (Set.of("camera", "movement", "motion", "angle", "move").contains(last)
                || words.contains("camera")
                || lower.contains("运镜")) return Role.CAMERA;
        if (Set.of("index", "number", "no", "order", "seq", "sequence", "position")
                .contains(last)) return Role.INDEX;
        if (Set.of("kind", "type", "mode").contains(last)) return Role.KIND;
        if (Set.of("scene", "location", "place", "setting").contains(last)) return Role.SCENE;
        return Role.OTHER;
    }
}
