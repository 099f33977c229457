package dev.seedance4j.emulator.internal.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a value against the JSON Schema keywords the generator honours (types, enum, const, properties, required,
 * additionalProperties, patternProperties, min/maxProperties, items, prefixItems, min/maxItems, uniqueItems,
 * min/maxLength, pattern, minimum, maximum, exclusive bounds in both drafts' forms, multipleOf, $ref, allOf, anyOf,
 * oneOf, not). The emulator uses it to prove that a reply conforms, and that an injected violation violates.
 */
final class SchemaCheck {

    private final JsonNode root;
    private final List<String> violations = new ArrayList<>();

    private SchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** Every violation, each as {@code /path: rule}; empty when the value conforms. */
    static List<String> violations(JsonNode schema, JsonNode value) {
        return violations(schema, schema, value);
    }

    /** Violations of a part of a document ({@code schema}) whose references resolve against {@code root}. */
    static List<String> violations(JsonNode root, JsonNode schema, JsonNode value) {
        SchemaCheck check = new SchemaCheck(root);
        check.check(schema, value, "", 0);
        return check.violations;
    }

    private boolean valid(JsonNode schema, JsonNode value, String path, int depth) {
        int before = violations.size();
        check(schema, value, path, depth);
        boolean ok = violations.size() == before;
        while (violations.size() > before) violations.remove(violations.size() - 1);
        return ok;
    }

    private void fail(String path, String rule) {
        violations.add((path.isEmpty() ? "/" : path) + ": " + rule);
    }

    private void check(JsonNode raw, JsonNode value, String path, int depth) {
        if (depth > 64) return;
        if (raw != null && raw.isBoolean()) {
            if (!raw.booleanValue()) fail(path, "no value is allowed here");
            return;
        }
        JsonNode schema = Schemas.resolve(root, raw);
        if (!schema.isObject()) return;
        String kind = Schemas.kind(value);
        if (!Schemas.allows(schema, kind)) {
            fail(path, "must be " + schema.get("type") + ", is " + kind);
            return;
        }
        JsonNode enumeration = schema.get("enum");
        if (enumeration != null && enumeration.isArray() && !contains(enumeration, value))
            fail(path, "must be one of " + enumeration);
        if (schema.has("const") && !same(schema.get("const"), value)) fail(path, "must be " + schema.get("const"));
        combinators(schema, value, path, depth);
        switch (kind) {
            case "object" -> object(schema, value, path, depth);
            case "array" -> array(schema, value, path, depth);
            case "string" -> string(schema, value.asText(), path);
            case "integer", "number" -> number(schema, value.decimalValue(), path);
            default -> {}
        }
    }

    private void combinators(JsonNode schema, JsonNode value, String path, int depth) {
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null && anyOf.isArray()) {
            boolean any = false;
            for (JsonNode branch : anyOf) any |= valid(branch, value, path, depth + 1);
            if (!any) fail(path, "matches none of anyOf");
        }
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf != null && oneOf.isArray()) {
            int matching = 0;
            for (JsonNode branch : oneOf) if (valid(branch, value, path, depth + 1)) matching++;
            if (matching != 1) fail(path, "matches " + matching + " of oneOf, must match exactly one");
        }
        JsonNode not = schema.get("not");
        if (not != null && valid(not, value, path, depth + 1)) fail(path, "must not match the `not` schema");
    }

    private void object(JsonNode schema, JsonNode value, String path, int depth) {
        JsonNode properties = schema.path("properties");
        JsonNode patterns = schema.path("patternProperties");
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) fail(path, "misses required property " + name.asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = path + "/" + field.getKey();
            boolean known = false;
            if (properties.has(field.getKey())) {
                known = true;
                check(properties.get(field.getKey()), field.getValue(), child, depth + 1);
            }
            for (Iterator<Map.Entry<String, JsonNode>> p = patterns.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> pattern = p.next();
                if (find(pattern.getKey(), field.getKey())) {
                    known = true;
                    check(pattern.getValue(), field.getValue(), child, depth + 1);
                }
            }
            JsonNode additional = schema.get("additionalProperties");
            if (!known && additional != null) {
                if (additional.isBoolean() && !additional.booleanValue()) fail(child, "is not an allowed property");
                else if (additional.isObject()) check(additional, field.getValue(), child, depth + 1);
            }
        }
        if (schema.has("minProperties")
                && value.size() < schema.get("minProperties").asInt())
            fail(path, "has fewer than " + schema.get("minProperties") + " properties");
        if (schema.has("maxProperties")
                && value.size() > schema.get("maxProperties").asInt())
            fail(path, "has more than " + schema.get("maxProperties") + " properties");
    }

    private void array(JsonNode schema, JsonNode value, String path, int depth) {
        JsonNode prefix = schema.has("prefixItems") ? schema.get("prefixItems") : null;
        JsonNode items = schema.get("items");
        if (prefix == null && items != null && items.isArray()) prefix = items; // the draft-07 tuple form
        int positional = prefix == null ? 0 : prefix.size();
        for (int i = 0; i < value.size(); i++) {
            String child = path + "/" + i;
            if (i < positional) check(prefix.get(i), value.get(i), child, depth + 1);
            else if (items != null && !items.isArray()) check(items, value.get(i), child, depth + 1);
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt())
            fail(path, "has fewer than " + schema.get("minItems") + " items");
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt())
            fail(path, "has more than " + schema.get("maxItems") + " items");
        if (schema.path("uniqueItems").asBoolean(false)) {
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode item : value) if (!seen.add(item)) fail(path, "has duplicate items");
        }
    }

    private void string(JsonNode schema, String value, String path) {
        int length = value.codePointCount(0, value.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt())
            fail(path, "is shorter than " + schema.get("minLength") + " characters");
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt())
            fail(path, "is longer than " + schema.get("maxLength") + " characters");
        if (schema.has("pattern") && !find(schema.get("pattern").asText(), value))
            fail(path, "does not match " + schema.get("pattern").asText());
    }

    private void number(JsonNode schema, BigDecimal value, String path) {
        JsonNode minimum = schema.get("minimum");
        JsonNode maximum = schema.get("maximum");
        JsonNode exclusiveMinimum = schema.get("exclusiveMinimum");
        JsonNode exclusiveMaximum = schema.get("exclusiveMaximum");
        boolean minExclusive =
                exclusiveMinimum != null && exclusiveMinimum.isBoolean() && exclusiveMinimum.booleanValue();
        boolean maxExclusive =
                exclusiveMaximum != null && exclusiveMaximum.isBoolean() && exclusiveMaximum.booleanValue();
        if (minimum != null && minimum.isNumber()) {
            int c = value.compareTo(minimum.decimalValue());
            if (c < 0 || (c == 0 && minExclusive)) fail(path, "is below the minimum " + minimum);
        }
        if (maximum != null && maximum.isNumber()) {
            int c = value.compareTo(maximum.decimalValue());
            if (c > 0 || (c == 0 && maxExclusive)) fail(path, "is above the maximum " + maximum);
        }
        if (exclusiveMinimum != null
                && exclusiveMinimum.isNumber()
                && value.compareTo(exclusiveMinimum.decimalValue()) <= 0)
            fail(path, "must be above " + exclusiveMinimum);
        if (exclusiveMaximum != null
                && exclusiveMaximum.isNumber()
                && value.compareTo(exclusiveMaximum.decimalValue()) >= 0)
            fail(path, "must be below " + exclusiveMaximum);
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null
                && multipleOf.isNumber()
                && multipleOf.doubleValue() > 0
                && value.remainder(multipleOf.decimalValue()).signum() != 0)
            fail(path, "is not a multiple of " + multipleOf);
    }

    static boolean find(String regex, String value) {
        try {
            return Pattern.compile(regex).matcher(value).find();
        } catch (PatternSyntaxException e) {
            return true; // a pattern Java cannot read constrains nothing the emulator can check
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) if (same(candidate, value)) return true;
        return false;
    }

    /** JSON equality with 1 and 1.0 equal, as JSON Schema wants. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        return a.equals(b);
    }
}
