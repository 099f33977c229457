package dev.seedance4j.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The results of one {@link Bench#run}: every figure in the order it was measured, the suites that failed to
 * produce theirs, and the machine.
 *
 * @param machine  where it ran
 * @param quick    whether it was the quick mode
 * @param started  when it started
 * @param elapsed  how long it took
 * @param figures  the figures, in order
 * @param failures suites that stopped with an error, as {@code ID: message}
 */
public record BenchReport(
        Machine machine,
        boolean quick,
        Instant started,
        Duration elapsed,
        List<Figure> figures,
        List<String> failures) {

    public BenchReport {
        figures = List.copyOf(figures);
        failures = List.copyOf(failures);
    }

    public Optional<Figure> figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Figures whose goal was missed. */
    public List<Figure> missedGoals() {
        return figures.stream().filter(f -> Boolean.FALSE.equals(f.met())).toList();
    }

    /** True when every suite ran and every goal was met. */
    public boolean passed() {
        return failures.isEmpty() && missedGoals().isEmpty();
    }
}
