package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a run (or the demo) prints at its end, as text or as one JSON document, and the exit code it implies. */
final class RunSummary {

    private RunSummary() {
    }

    static int print(Studio studio, RunReport report, Duration elapsed, boolean emulator, boolean json,
                     boolean jsonLines, PrintWriter out) {
        StudioStatus status = studio.status();
        long billedTokens = status.episodes().values().stream().mapToLong(StudioStatus.Ledger::billedTokens).sum();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("project", studio.project().file().toString());
        doc.put("output", studio.outputDir().toString());
        doc.put("shots", report.shots().size());
        doc.put("delivered", report.delivered());
        doc.put("reused", report.reused());
        Map<String, Object> failures = new LinkedHashMap<>();
        report.failures().forEach((reason, n) -> failures.put(reason.name(), n));
        doc.put("failed", failures);
        doc.put("created", report.created());
        doc.put("seconds", elapsed.toMillis() / 1000.0);
        doc.put("billed_tokens", billedTokens);
        doc.put("spent_cny", status.spentCny());
        status.budgetCny().ifPresent(b -> doc.put("budget_cny", b));
        doc.put("budget_reached", report.budgetReached());
        doc.put("emulator", emulator);
        if (json) {
            out.println(Json.pretty(doc));
        } else if (jsonLines) {
            out.println(Json.line(Map.of("event", "summary", "summary", doc)));
        } else {
            out.printf("%d shots: %d delivered, %d reused, %d failed; %d tasks created in %.1f s%n",
                    report.shots().size(), report.delivered() - report.reused(), report.reused(),
                    report.shots().size() - report.delivered(), report.created(), elapsed.toMillis() / 1000.0);
            out.printf("%d tokens, %s CNY%s%s%n", billedTokens, status.spentCny().toPlainString(),
                    emulator ? " as if billed (emulator: nothing paid)" : " billed",
                    status.leftCny().map(left -> "; " + left.toPlainString() + " CNY of the budget left").orElse(""));
            for (RunReport.ShotOutcome shot : report.shots()) {
                if (!shot.delivered()) {
                    out.printf("  %s failed [%s] %s%n      remedy: %s%n", shot.shot(), shot.reason(),
                            shot.message() == null ? "" : shot.message(), shot.reason().remedy());
                }
            }
            if (report.budgetReached()) {
                out.println("The budget was reached: new submissions stopped. " + ReasonCode.BUDGET.remedy() + ".");
            }
            out.println("Output: " + studio.outputDir());
        }
        return exitCode(report);
    }

    static int exitCode(RunReport report) {
        if (report.budgetReached()) return ExitCodes.REFUSED;
        return report.delivered() == report.shots().size() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }
}
