package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The money of a project: estimated (the plan), billed (every task ever sent) and in flight, per shot, per episode
 * and for the whole project. The project's figures are the sums of its episodes', which include tasks of shots that
 * have since left the project.
 *
 * @param episodes in project order (episodes that left the project last)
 * @param shots in project order
 * @param budgetCny the budget, when there is one
 * @param leftCny budget minus billed
 */
public record LedgerView(
        Ledger project,
        Map<String, Ledger> episodes,
        Map<ShotKey, Ledger> shots,
        Optional<BigDecimal> budgetCny,
        Optional<BigDecimal> leftCny) {

    public LedgerView {
        episodes = Collections.unmodifiableMap(new LinkedHashMap<>(episodes));
        shots = Collections.unmodifiableMap(new LinkedHashMap<>(shots));
    }
}
