package dev.seedance4j.export.internal;

/** Draft folder names that every system accepts. */
final class DraftNames {

    private DraftNames() {}

    /**
     * {@code name} without the characters Windows forbids in file names ({@code \ / : * ? " < > |} and control
     * characters), spaces collapsed, no trailing dot or space; {@code fallback} when nothing is left.
     */
    static String folderName(String name, String fallback) {
        String cleaned = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", " ")
                .replaceAll("\\s+", " ")
                .strip()
                .replaceAll("[. ]+$", "");
        return cleaned.isEmpty() ? fallback : cleaned;
    }
}
