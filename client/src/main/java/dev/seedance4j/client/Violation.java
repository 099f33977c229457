package dev.seedance4j.client;

/**
 * One broken rule of a request: which field, which value, which rule.
 *
 * @param field the JSON path of the field, e.g. {@code duration} or {@code content[2].image_url.url}
 * @param value the offending value as text (data URLs shortened, local files by name)
 * @param rule  the rule in words, with the limit, e.g. {@code must be within [4, 15] or -1 for doubao-seedance-2-0}
 */
public record Violation(String field, String value, String rule) {
    @Override
    public String toString() {
        return field + " = " + value + ": " + rule;
    }
}
