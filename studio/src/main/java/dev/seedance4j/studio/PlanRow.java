package dev.seedance4j.studio;

import java.math.BigDecimal;

/**
 * One line of a plan: the shot, how it will be generated and what it costs.
 *
 * @param mode text, first_frame, first_last, reference, edit or extend
 * @param seconds the requested duration (the service default 5 when none was set; -1 lets the model choose)
 * @param resolution the requested resolution, or "default"
 * @param tokens estimated tokens
 * @param cny estimated CNY
 * @param reused true when a verified clip for exactly this request exists: it will not be generated (costs 0)
 */
public record PlanRow(
        ShotKey shot,
        String mode,
        String model,
        int seconds,
        String resolution,
        String ratio,
        long tokens,
        BigDecimal cny,
        boolean reused) {}
