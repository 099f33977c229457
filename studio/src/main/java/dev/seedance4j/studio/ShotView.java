package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * One shot as the state database knows it: its place in the project, its derived state, the take its episode uses
 * and what it was estimated to cost and was billed.
 *
 * @param position the shot's place in the project (0 = first)
 * @param state where it stands for its current request
 * @param reason why it failed or was not sent (null when nothing went wrong)
 * @param message what happened, with the service's code where there is one (null when nothing went wrong)
 * @param mode text, first_frame, first_last, reference, edit or extend
 * @param seconds the requested duration
 * @param takes how many takes exist (of any version of the shot)
 * @param take the take its episode uses, when one is delivered for the current request
 * @param clip that take's clip (absolute)
 * @param estimatedTokens the plan's estimate for one generation of the current request
 * @param billedTokens billed over every task of the shot, every take and version
 */
public record ShotView(
        ShotKey shot,
        int position,
        ShotState state,
        ReasonCode reason,
        String message,
        String mode,
        String model,
        int seconds,
        String resolution,
        String ratio,
        int takes,
        Integer take,
        Path clip,
        long estimatedTokens,
        BigDecimal estimatedCny,
        long billedTokens,
        BigDecimal billedCny) {

    /** What to do about {@link #reason}, in one sentence; null when there is no reason. */
    public String remedy() {
        return reason == null ? null : reason.remedy();
    }
}
