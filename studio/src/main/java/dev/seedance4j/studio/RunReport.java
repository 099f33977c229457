package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a run ended: every shot in scope is delivered (generated now or reused) or carries a reason.
 *
 * @param created create calls that made a task in this run
 * @param spentCny CNY billed for the whole project so far (this run and earlier ones)
 * @param budgetReached true when new submissions stopped because of the budget
 */
public record RunReport(List<ShotOutcome> shots, int created, BigDecimal spentCny, boolean budgetReached) {

    public RunReport {
        shots = List.copyOf(shots);
    }

    public long delivered() {
        return shots.stream().filter(ShotOutcome::delivered).count();
    }

    public long reused() {
        return shots.stream().filter(ShotOutcome::reused).count();
    }

    /** Failed shots counted by reason. */
    public Map<ReasonCode, Integer> failures() {
        Map<ReasonCode, Integer> counts = new EnumMap<>(ReasonCode.class);
        shots.stream().filter(s -> !s.delivered()).forEach(s -> counts.merge(s.reason(), 1, Integer::sum));
        return counts;
    }

    public Optional<ShotOutcome> shot(ShotKey key) {
        return shots.stream().filter(s -> s.shot().equals(key)).findFirst();
    }

    /**
     * One shot's end.
     *
     * @param reused true when its clip came from an earlier run (nothing was sent for it)
     * @param clip the clip the episode uses, when delivered
     * @param take the take number of that clip
     * @param reason why it was not delivered (null when delivered)
     * @param message what went wrong, with the service's code and the remedy
     */
    public record ShotOutcome(
            ShotKey shot,
            boolean delivered,
            boolean reused,
            Path clip,
            Integer take,
            ReasonCode reason,
            String message) {}
}
