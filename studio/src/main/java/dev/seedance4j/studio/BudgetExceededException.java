package dev.seedance4j.studio;

/** The run was refused before anything was sent: estimate plus money already spent would pass the budget. */
public final class BudgetExceededException extends StudioException {
    private final transient Plan plan;

    public BudgetExceededException(Plan plan) {
        super("refused: the plan costs an estimated " + plan.toSpendCny().toPlainString() + " CNY, "
                + plan.spentCny().toPlainString() + " CNY are already spent, and the budget is "
                + plan.budgetCny().map(java.math.BigDecimal::toPlainString).orElse("?") + " CNY; nothing was sent");
        this.plan = plan;
    }

    public Plan plan() {
        return plan;
    }
}
