package dev.seedance4j.storyboard;

/** Names the project file accepts as character and scene keys: letters, digits, '_' and '-' ({@code @key}). */
final class ProjectKeys {
    private ProjectKeys() {}

    /** {@code 沈家别墅·客厅} → {@code 沈家别墅_客厅}. */
    static String of(String name) {
        StringBuilder s = new StringBuilder();
        name.codePoints().forEach(c -> s.appendCodePoint(Character.isLetterOrDigit(c) || c == '-' ? c : '_'));
        String key = s.toString().replaceAll("_+", "_").replaceAll("^[_-]+|_+$", "");
        return key.isEmpty() ? "x" : key;
    }
}
