package dev.seedance4j.studio;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run would do and cost; computing it spends nothing.
 *
 * @param toSpendCny estimated CNY of the shots and reference sheets that will be generated (reused ones cost nothing)
 * @param spentCny CNY billed so far for this project
 * @param budgetCny the budget, if any
 * @param sheets the reference sheets generated for characters and scenes described in words, in project order
 * @param warnings what may go wrong before anything is spent (e.g. a realistic sheet refused as a real face)
 */
public record Plan(
        List<PlanRow> rows,
        long toSpendTokens,
        BigDecimal toSpendCny,
        BigDecimal spentCny,
        Optional<BigDecimal> budgetCny,
        List<SheetRow> sheets,
        List<String> warnings) {

    public Plan {
        rows = List.copyOf(rows);
        sheets = List.copyOf(sheets);
        warnings = List.copyOf(warnings);
    }

    /** A plan of shots alone. */
    public Plan(
            List<PlanRow> rows,
            long toSpendTokens,
            BigDecimal toSpendCny,
            BigDecimal spentCny,
            Optional<BigDecimal> budgetCny) {
        this(rows, toSpendTokens, toSpendCny, spentCny, budgetCny, List.of(), List.of());
    }

    /**
     * One reference sheet of the plan.
     *
     * @param kind {@code character} or {@code scene}
     * @param reused true when its image exists for this exact request (it costs nothing)
     */
    public record SheetRow(
            String name, String kind, String model, String size, String style, BigDecimal cny, boolean reused) {}

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
        if (!sheets.isEmpty()) {
            t.append(String.format(
                    Locale.ROOT,
                    "%-21s %-10s %-34s %-10s %-10s %10s%n",
                    "sheet",
                    "kind",
                    "model",
                    "size",
                    "style",
                    "CNY"));
            for (SheetRow r : sheets) {
                t.append(String.format(
                        Locale.ROOT,
                        "%-21s %-10s %-34s %-10s %-10s %10s%n",
                        r.name(),
                        r.kind(),
                        r.model(),
                        r.size(),
                        r.style(),
                        r.reused() ? "reused" : r.cny().toPlainString()));
            }
        }
        warnings.forEach(w -> t.append("warning: ").append(w).append(System.lineSeparator()));
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
