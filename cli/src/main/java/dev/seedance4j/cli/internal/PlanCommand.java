package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.PlanRow;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seedance plan PROJECT.yaml}: admission and the cost of every shot; spends nothing, needs no key. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description =
                "Check every shot and estimate the cost of a run; spends nothing (and makes no state for a new project).")
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Mixin
    BudgetOption budget;

    @Option(names = "--json", description = "Print one JSON document (also when the project is refused).")
    boolean json;

    @Override
    public Integer call() {
        try (StudioSession session = StudioSession.offline(spec, project, budget.value())) {
            if (session.stateNote() != null) spec.commandLine().getErr().println("seedance: " + session.stateNote());
            Plan plan = session.studio().plan();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                List<Map<String, Object>> rows =
                        plan.rows().stream().map(PlanCommand::row).toList();
                doc.put("shots", rows);
                doc.put("sheets", plan.sheets().stream().map(PlanCommand::sheet).toList());
                doc.put("warnings", plan.warnings());
                doc.put("to_spend_tokens", plan.toSpendTokens());
                doc.put("to_spend_cny", plan.toSpendCny());
                doc.put("spent_cny", plan.spentCny());
                plan.budgetCny().ifPresent(b -> doc.put("budget_cny", b));
                doc.put("fits_budget", plan.fitsBudget());
                doc.put("exit_code", plan.fitsBudget() ? ExitCodes.OK : ExitCodes.REFUSED);
                out.println(Json.pretty(doc));
            } else {
                out.print(plan.toTable());
                if (!plan.fitsBudget()) out.println("This plan does not fit the budget: a run would be refused.");
            }
            return plan.fitsBudget() ? ExitCodes.OK : ExitCodes.REFUSED;
        }
    }

    private static Map<String, Object> sheet(Plan.SheetRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("kind", r.kind());
        m.put("model", r.model());
        m.put("size", r.size());
        m.put("style", r.style());
        m.put("cny", r.cny());
        m.put("reused", r.reused());
        return m;
    }

    private static Map<String, Object> row(PlanRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("episode", r.shot().episode());
        m.put("shot", r.shot().shot());
        m.put("mode", r.mode());
        m.put("model", r.model());
        m.put("seconds", r.seconds());
        m.put("resolution", r.resolution());
        m.put("ratio", r.ratio());
        m.put("tokens", r.tokens());
        m.put("cny", r.cny());
        m.put("reused", r.reused());
        return m;
    }
}
