package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a project stands, read from its state database (no network): each shot's state and takes, counts per
 * state, and the ledger.
 *
 * @param counts shots per state: {@code delivered}, {@code in_flight}, {@code failed}, {@code not_generated}
 * @param estimatedCny estimated CNY of the whole plan (every shot, as if generated once)
 * @param spentCny CNY billed so far
 * @param leftCny budget minus spent, when there is a budget
 * @param episodes the ledger per episode, in project order (then episodes no longer in the project that tasks were
 *     sent for); its billed amounts add up to {@code spentCny}
 */
public record StudioStatus(
        List<ShotState> shots,
        Map<String, Integer> counts,
        BigDecimal estimatedCny,
        BigDecimal spentCny,
        Optional<BigDecimal> budgetCny,
        Optional<BigDecimal> leftCny,
        Map<String, Ledger> episodes) {

    public StudioStatus {
        shots = List.copyOf(shots);
        counts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counts));
        episodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(episodes));
    }

    /**
     * One shot.
     *
     * @param state delivered, in_flight, failed or not_generated (for its current request)
     * @param takes how many takes exist (of any version of the shot)
     * @param take the take the episode uses, when delivered
     * @param clip that take's clip
     * @param reason the last failure's reason, when failed
     */
    public record ShotState(
            ShotKey shot,
            String state,
            int takes,
            Integer take,
            Path clip,
            String reason,
            long estimatedTokens,
            BigDecimal estimatedCny,
            long billedTokens,
            BigDecimal billedCny) {}

    /** Estimated and billed tokens and CNY of every task sent for an episode. */
    public record Ledger(long estimatedTokens, BigDecimal estimatedCny, long billedTokens, BigDecimal billedCny) {
        /** An episode nothing was sent for yet. */
        public static final Ledger NONE = new Ledger(0, new BigDecimal("0.00"), 0, new BigDecimal("0.00"));
    }
}
