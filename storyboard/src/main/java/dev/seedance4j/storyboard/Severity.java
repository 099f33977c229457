package dev.seedance4j.storyboard;

/** How bad a {@link Diagnostic} is: the import stops on {@link #FATAL}; {@link #REVIEW} asks a person to look. */
public enum Severity {
    /** The script cannot be imported as written (nothing is written, nothing spent): exit code 2. */
    FATAL("fatal"),
    /** Imported, but a guess was made that a person should check. */
    REVIEW("needs review"),
    /** Imported as written; said for the record (e.g. "no episode marks: the whole script is episode 1"). */
    OK("ok");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed before a diagnostic: {@code fatal}, {@code needs review} or {@code ok}. */
    public String label() {
        return label;
    }
}
