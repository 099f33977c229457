package dev.seedance4j.cli.internal;

import java.math.BigDecimal;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The budget a command checks the project against, when it overrides the project's {@code budget.max_cny}. */
public final class BudgetOption {

    private static final BigDecimal MAX = new BigDecimal("1000000000");

    @Option(names = "--budget", paramLabel = "CNY", description = "Budget for the project; overrides budget.max_cny.")
    BigDecimal budget;

    /** The budget, checked like {@code budget.max_cny}: more than 0, at most 10^9 CNY, at most 6 decimals. */
    Optional<BigDecimal> value() {
        if (budget == null) return Optional.empty();
        if (budget.signum() <= 0
                || budget.compareTo(MAX) > 0
                || budget.stripTrailingZeros().scale() > 6) {
            String written = budget.toString();
            throw new UserError(
                    ExitCodes.BAD_INPUT,
                    "--budget must be more than 0 and at most 1000000000 CNY, with at most 6 decimals (got "
                            + (written.length() > 40 ? written.substring(0, 40) + "…" : written) + ")");
        }
        return Optional.of(budget);
    }
}
