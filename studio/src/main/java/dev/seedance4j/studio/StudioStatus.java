package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a project stands, read from its state database alone (no network, no compiling, no hashing): each shot's
 * state and takes, counts per state, and the ledger.
 *
 * @param shots in project order, as last planned
 * @param counts shots per state label ({@code delivered}, {@code running}, {@code failed}, {@code not_generated},
 *     ...), in the order of {@link ShotState}
 * @param estimatedCny estimated CNY of the whole plan (every shot, as if generated once)
 * @param spentCny CNY billed so far
 * @param leftCny budget minus spent, when there is a budget
 * @param episodes the ledger per episode, in project order
 * @param shared the ledger lines of charges that belong to no episode ({@code sheets}, {@code project}); the
 *     episodes' and these lines' sums are the project's
 * @param lastEventSeq the number of the last event in the log (a reader streams the events after it)
 */
public record StudioStatus(
        List<ShotView> shots,
        Map<String, Integer> counts,
        BigDecimal estimatedCny,
        BigDecimal spentCny,
        Optional<BigDecimal> budgetCny,
        Optional<BigDecimal> leftCny,
        Map<String, Ledger> episodes,
        Map<String, Ledger> shared,
        long lastEventSeq) {

    public StudioStatus {
        shots = List.copyOf(shots);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        episodes = Collections.unmodifiableMap(new LinkedHashMap<>(episodes));
        shared = Collections.unmodifiableMap(new LinkedHashMap<>(shared));
    }
}
