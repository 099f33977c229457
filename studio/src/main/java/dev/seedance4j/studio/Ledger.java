package dev.seedance4j.studio;

import java.math.BigDecimal;

/**
 * Money of a shot, an episode or the project.
 *
 * @param estimatedTokens the plan's estimate: one generation of each shot's current request
 * @param estimatedCny the same in CNY
 * @param billedTokens what the service billed, over every task ever sent (every take and version)
 * @param billedCny the same in CNY
 * @param inFlightCny the estimates of tasks sent and not yet finished (billed when they succeed)
 */
public record Ledger(
        long estimatedTokens,
        BigDecimal estimatedCny,
        long billedTokens,
        BigDecimal billedCny,
        BigDecimal inFlightCny) {}
