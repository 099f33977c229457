package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run would do and cost; computing it spends nothing.
 *
 * @param toSpendCny estimated CNY of the shots that will be generated (reused ones cost nothing)
 * @param spentCny CNY billed so far for this project
 * @param budgetCny the budget, if any
 */
public record Plan(
        List<PlanRow> rows,
        long toSpendTokens,
        BigDecimal toSpendCny,
        BigDecimal spentCny,
        Optional<BigDecimal> budgetCny) {

    public Plan {
        rows = List.copyOf(rows);
    }

    /** True when estimate plus money already spent stays within the budget (or there is none). */
    public boolean fitsBudget() {
        return budgetCny.map(b -> toSpendCny.add(spentCny).compareTo(b) <= 0).orElse(true);
    }

    /** The plan as a text table (episode, shot, mode, model, seconds, resolution, tokens, CNY). */
    public String toTable() {
        StringBuilder t = new StringBuilder(String.format(
                Locale.ROOT,
                "%-10s %-10s %-12s %-34s %4s %-10s %10s %10s%n",
                "episode",
                "shot",
                "mode",
                "model",
                "sec",
                "resolution",
                "tokens",
                "CNY"));
        for (PlanRow r : rows) {
            t.append(String.format(
                    Locale.ROOT,
                    "%-10s %-10s %-12s %-34s %4d %-10s %10d %10s%n",
                    r.shot().episode(),
                    r.shot().shot(),
                    r.mode(),
                    r.model(),
                    r.seconds(),
                    r.resolution(),
                    r.reused() ? 0 : r.tokens(),
                    r.reused() ? "reused" : r.cny().toPlainString()));
        }
        t.append(String.format(
                Locale.ROOT,
                "to spend: %d tokens, %s CNY; spent so far: %s CNY; budget: %s%n",
                toSpendTokens,
                toSpendCny.toPlainString(),
                spentCny.toPlainString(),
                budgetCny.map(b -> b.toPlainString() + " CNY").orElse("none")));
        return t.toString();
    }
}
