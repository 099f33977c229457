package dev.seedance4j.client;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request breaks one or more rules of the contract; nothing was sent. {@link #violations()} holds all of them,
 * not just the first, so that a caller can fix a request (or a whole project) in one go.
 */
public class ValidationException extends SeedanceException {
    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(format(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every rule the request breaks, in content order. */
    public List<Violation> violations() {
        return violations;
    }

    private static String format(List<Violation> violations) {
        return violations.size() + (violations.size() == 1 ? " invalid field" : " invalid fields") + ":\n  "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("\n  "));
    }
}
