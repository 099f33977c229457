package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The money of a project: estimated (the plan), billed (every task and every image or chat call ever made) and in
 * flight, per shot, per episode and for the whole project. The project's figures are the sums of its episodes' and
 * of its shared lines; an episode's include tasks of shots that have since left the project and the image and chat
 * charges of its shots and scenes.
 *
 * @param episodes in project order (episodes that left the project last)
 * @param shared charges that belong to no episode, by line: {@code sheets} (reference sheets) and {@code project}
 *     (e.g. breaking the script down); a line appears once it has a charge
 * @param kinds the same money by what was bought: {@code video}, {@code image} and {@code chat} (always all three)
 * @param shots in project order (video tasks and the image and chat charges of the shot)
 * @param budgetCny the budget, when there is one
 * @param leftCny budget minus billed
 */
public record LedgerView(
        Ledger project,
        Map<String, Ledger> episodes,
        Map<String, Ledger> shared,
        Map<String, Ledger> kinds,
        Map<ShotKey, Ledger> shots,
        Optional<BigDecimal> budgetCny,
        Optional<BigDecimal> leftCny) {

    public LedgerView {
        episodes = Collections.unmodifiableMap(new LinkedHashMap<>(episodes));
        shared = Collections.unmodifiableMap(new LinkedHashMap<>(shared));
        kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
        shots = Collections.unmodifiableMap(new LinkedHashMap<>(shots));
    }
}
