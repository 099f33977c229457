package dev.seedance4j.studio;

/**
 * One thing wrong with a project: where it is, which field, which rule it breaks.
 *
 * <p>{@code toString()} reads like a compiler message: {@code drama.yaml:14:7: episodes[0].shots[1].duration:
 * must be an integer number of seconds}.
 */
public record ProjectProblem(SourcePosition position, String field, String message) {

    @Override
    public String toString() {
        return position + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
