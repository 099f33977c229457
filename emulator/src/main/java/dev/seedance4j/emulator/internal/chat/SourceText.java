package dev.seedance4j.emulator.internal.chat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input a reply is built from: the last user message cut into units. When the message carries JSON data (a
 * fenced block or an embedded array or object that is not a JSON Schema), the units are the items of its longest
 * array; otherwise they are its lines, only the numbered ones ({@code L12 …}, {@code [12] …}, {@code 12. …}) when
 * some are numbered, and a leading line that ends with a colon is taken as the instruction, not as input. Each unit
 * keeps the id, line number, speaker ({@code 名字：台词}, {@code NAME: line}) and scene its source gives.
 */
final class SourceText {

    /** One item of the input. {@code id}, {@code line}, {@code speaker} and {@code scene} may be null. */
    record Unit(int index, String id, Integer line, String speaker, String text, String scene) {

        /** The text with its speaker, as a script line reads. */
        String full() {
            return speaker == null ? text : speaker + "：" + text;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```(?:json|JSON)?\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LINE_MARK = Pattern.compile(
            "^\\s*(?:(?:L|line\\s*|#)(\\d{1,6})\\s*[:：.\\])]?|\\[(?:L)?(\\d{1,6})]|(\\d{1,6})\\s*[.:：)、])\\s*(.+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SPEAKER =
            Pattern.compile("^([^：:（(【\\[\\s△▲]{1,12})\\s*(?:[（(][^）)]{1,12}[)）])?\\s*[：:]\\s*(.+)$");
    private static final Pattern MENTION = Pattern.compile("@([\\p{L}\\p{N}_]+)");
    private static final Set<String> NOT_SPEAKERS = Set.of("人物", "字幕", "场景", "时间", "地点", "note", "notes");

    final List<Unit> units;
    /** Speakers and {@code @mentions} of the input, in order of appearance. */
    final List<String> names;
    /** Whether the input is mostly Chinese (or Japanese, Korean): replies follow the input's language. */
    final boolean cjk;
    /** The last user message as sent. */
    final String message;

    private SourceText(List<Unit> units, List<String> names, boolean cjk, String message) {
        this.units = List.copyOf(units);
        this.names = List.copyOf(names);
        this.cjk = cjk;
        this.message = message;
    }

    static SourceText of(String message) {
        List<Unit> units = new ArrayList<>();
        List<JsonNode> values = embeddedJson(message);
        JsonNode array = null;
        for (JsonNode value : values) {
            JsonNode longest = longestArray(value);
            if (longest != null && (array == null || longest.size() > array.size())) array = longest;
        }
        if (array != null) {
            for (JsonNode item : array) units.add(unit(units.size(), item));
        } else {
            units.addAll(lines(withoutJson(message, values)));
        }
        Set<String> names = new LinkedHashSet<>();
        for (Unit unit : units) {
            if (unit.speaker() != null) names.add(unit.speaker());
            Matcher mention = MENTION.matcher(unit.text());
            while (mention.find()) names.add(mention.group(1));
        }
        long wide = message.codePoints().filter(Tokens::wide).count();
        long letters = message.codePoints().filter(Character::isLetter).count();
        return new SourceText(units, List.copyOf(names), wide * 3 >= letters && wide > 0, message);
    }

    /** JSON values written into the text: fenced blocks, else values that start at a bracket. */
    static List<JsonNode> embeddedJson(String text) {
        List<JsonNode> values = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            JsonNode value = parse(fence.group(1).trim());
            if (value != null) values.add(value);
        }
        if (!values.isEmpty()) return values;
        int from = 0;
        for (int attempts = 0; attempts < 50; attempts++) {
            int start = nextBracket(text, from);
            if (start < 0) break;
            ParsedAt parsed = parseAt(text, start);
            if (parsed == null) {
                from = start + 1;
                continue;
            }
            if (structured(parsed.value())) values.add(parsed.value());
            from = parsed.end();
        }
        return values;
    }

    /** An object, or an array of objects or strings: not {@code [12]} or {@code [图1]}-like brackets in prose. */
    private static boolean structured(JsonNode value) {
        if (value.isObject()) return !value.isEmpty();
        return value.isArray()
                && !value.isEmpty()
                && (value.get(0).isObject() || value.get(0).isTextual());
    }

    /** Whether a JSON value is a JSON Schema rather than data. */
    static boolean isSchema(JsonNode value) {
        if (!value.isObject()) return false;
        if (value.has("$schema") || value.has("properties") || value.has("$defs") || value.has("definitions"))
            return true;
        JsonNode type = value.get("type");
        return type != null
                && type.isTextual()
                && Set.of("object", "array", "string", "integer", "number", "boolean")
                        .contains(type.asText())
                && (value.has("items") || value.has("required") || value.has("enum"));
    }

    private record ParsedAt(JsonNode value, int end) {}

    private static ParsedAt parseAt(String text, int start) {
        try (JsonParser parser = JSON.getFactory().createParser(text.substring(start))) {
            JsonNode value = JSON.readTree(parser);
            if (value == null) return null;
            return new ParsedAt(value, start + (int) parser.currentLocation().getCharOffset());
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static int nextBracket(String text, int from) {
        int square = text.indexOf('[', from);
        int curly = text.indexOf('{', from);
        if (square < 0) return curly;
        if (curly < 0) return square;
        return Math.min(square, curly);
    }

    /** The longest array of objects or strings in a value, not looking inside JSON Schemas. */
    private static JsonNode longestArray(JsonNode value) {
        if (isSchema(value)) return null;
        JsonNode best = null;
        if (value.isArray()
                && !value.isEmpty()
                && (value.get(0).isObject() || value.get(0).isTextual())) best = value;
        for (JsonNode child : value) {
            if (!child.isContainerNode()) continue;
            JsonNode inner = longestArray(child);
            if (inner != null && (best == null || inner.size() > best.size())) best = inner;
        }
        return best;
    }

    private static String withoutJson(String message, List<JsonNode> values) {
        if (values.isEmpty()) return message;
        String text = FENCE.matcher(message).replaceAll("\n");
        for (JsonNode value : values) {
            int start = nextBracket(text, 0);
            while (start >= 0) {
                ParsedAt parsed = parseAt(text, start);
                if (parsed != null && parsed.value().equals(value)) {
                    text = text.substring(0, start) + "\n" + text.substring(parsed.end());
                    break;
                }
                start = nextBracket(text, start + 1);
            }
        }
        return text;
    }

    private static List<Unit> lines(String text) {
        List<String> raw =
                text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        boolean numbered = raw.stream().anyMatch(l -> LINE_MARK.matcher(l).matches());
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String line = raw.get(i);
            Matcher mark = LINE_MARK.matcher(line);
            Integer number = null;
            if (mark.matches()) {
                String digits =
                        mark.group(1) != null ? mark.group(1) : mark.group(2) != null ? mark.group(2) : mark.group(3);
                number = Integer.valueOf(digits);
                line = mark.group(4).strip();
            } else if (numbered || (i == 0 && raw.size() > 1 && (line.endsWith(":") || line.endsWith("：")))) {
                continue; // an instruction around the numbered input
            }
            units.add(textUnit(units.size(), null, number, line, null));
        }
        return units;
    }

    private static Unit textUnit(int index, String id, Integer line, String text, String scene) {
        String clean = text.replace("**", "").replaceFirst("^[△▲]\\s*", "").strip();
        Matcher speaker = SPEAKER.matcher(clean);
        if (speaker.matches() && !NOT_SPEAKERS.contains(speaker.group(1).toLowerCase(Locale.ROOT))) {
            return new Unit(index, id, line, speaker.group(1), speaker.group(2).strip(), scene);
        }
        return new Unit(index, id, line, null, clean, scene);
    }

    private static Unit unit(int index, JsonNode item) {
        if (!item.isObject()) return textUnit(index, null, null, item.asText(), null);
        String id = field(item, "id", "beat_id", "shot_id", "line_id", "key", "uid");
        Integer line = null;
        for (String name :
                List.of("line", "line_number", "lineno", "source_line", "start_line", "source_lines", "lines")) {
            JsonNode value = item.get(name);
            if (value != null && value.isArray() && !value.isEmpty()) value = value.get(0);
            if (value != null && value.canConvertToInt() && value.isIntegralNumber()) {
                line = value.intValue();
                break;
            }
        }
        String speaker = field(item, "speaker", "who", "character");
        String text = field(item, "text", "content", "dialogue", "action", "description", "source_text", "source");
        if (text == null) {
            StringBuilder all = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                JsonNode value = it.next().getValue();
                if (value.isTextual()) all.append(all.length() == 0 ? "" : " ").append(value.asText());
            }
            text = all.toString();
        }
        String scene = field(item, "scene", "scene_id", "location");
        Unit parsed = textUnit(index, id, line, text, scene);
        if (speaker != null) return new Unit(index, id, line, speaker, parsed.text(), scene);
        return parsed;
    }

    private static String field(JsonNode item, String... names) {
        for (String name : names) {
            JsonNode value = item.get(name);
            if (value != null
                    && (value.isTextual() || value.isNumber())
                    && !value.asText().isBlank()) return value.asText();
        }
        return null;
    }
}
