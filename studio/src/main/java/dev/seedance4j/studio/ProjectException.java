package dev.seedance4j.studio;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A project that cannot be run, with every problem found (not just the first), each naming file, line, column,
 * field and rule. Nothing has been spent when this is thrown.
 */
public final class ProjectException extends StudioException {
    private final List<ProjectProblem> problems;

    public ProjectException(List<ProjectProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ProjectProblem> problems() {
        return problems;
    }

    private static String describe(List<ProjectProblem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the project:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
