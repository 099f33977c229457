package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.AssemblyReport;
import dev.seedance4j.studio.Ledger;
import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioStatus;
import dev.seedance4j.studio.assembly.EpisodeResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a run (or the demo) prints at its end, as text or as one JSON document, and the exit code it implies. */
final class RunSummary {

    private RunSummary() {}

    static int print(
            Studio studio,
            RunReport report,
            AssemblyReport assembly,
            Duration elapsed,
            boolean emulator,
            boolean json,
            boolean jsonLines,
            PrintWriter out) {
        StudioStatus status = studio.status();
        long billedTokens = status.episodes().values().stream()
                .mapToLong(Ledger::billedTokens)
                .sum();
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
        if (assembly != null) {
            doc.put(
                    "episodes",
                    assembly.episodes().stream().map(RunSummary::episode).toList());
            Map<String, Object> incomplete = new LinkedHashMap<>();
            assembly.incomplete()
                    .forEach((id, shots) -> incomplete.put(
                            id, shots.stream().map(Object::toString).toList()));
            doc.put("incomplete_episodes", incomplete);
            assembly.manifest().ifPresent(m -> doc.put("manifest", m.toString()));
        }
        doc.put("exit_code", exitCode(report));
        if (json) {
            out.println(Json.pretty(doc));
        } else if (jsonLines) {
            out.println(Json.line(Map.of("event", "summary", "summary", doc)));
        } else {
            out.printf(
                    "%d shots: %d delivered, %d reused, %d failed; %d tasks created in %.1f s%n",
                    report.shots().size(),
                    report.delivered() - report.reused(),
                    report.reused(),
                    report.shots().size() - report.delivered(),
                    report.created(),
                    elapsed.toMillis() / 1000.0);
            out.printf(
                    "%d tokens, %s CNY%s%s%n",
                    billedTokens,
                    status.spentCny().toPlainString(),
                    emulator ? " as if billed (emulator: nothing paid)" : " billed",
                    status.leftCny()
                            .map(left -> "; " + left.toPlainString() + " CNY of the budget left")
                            .orElse(""));
            for (RunReport.ShotOutcome shot : report.shots()) {
                if (!shot.delivered()) {
                    out.printf(
                            "  %s failed [%s] %s%n      remedy: %s%n",
                            shot.shot(),
                            shot.reason(),
                            shot.message() == null ? "" : Wording.forCli(shot.message()),
                            shot.reason().remedy());
                }
            }
            if (report.budgetReached()) {
                out.println("The budget was reached: new submissions stopped. " + ReasonCode.BUDGET.remedy() + ".");
            }
            if (assembly != null) {
                for (EpisodeResult e : assembly.episodes()) {
                    out.printf(
                            "Episode %s (%.1f s, %s, sound %s%s):%n  video     %s%n  subtitles %s%n  cover     %s%n  contact   %s%n",
                            e.episodeId(),
                            e.durationSeconds(),
                            e.mode().name().toLowerCase().replace('_', ' '),
                            e.sound().name().toLowerCase(),
                            e.skipped() ? ", unchanged" : "",
                            e.video(),
                            e.subtitles(),
                            e.cover(),
                            e.contactSheet());
                }
                assembly.incomplete()
                        .forEach((id, shots) ->
                                out.println("Episode " + id + " is not assembled yet: it lacks " + shots));
                assembly.manifest().ifPresent(m -> out.println("Season manifest: " + m));
            }
            out.println("Output: " + studio.outputDir());
        }
        return exitCode(report);
    }

    private static Map<String, Object> episode(EpisodeResult e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.episodeId());
        m.put("skipped", e.skipped());
        m.put("mode", e.mode().name().toLowerCase());
        m.put("sound", e.sound().name().toLowerCase());
        m.put("duration_seconds", e.durationSeconds());
        m.put("video", e.video().toString());
        m.put("subtitles", e.subtitles().toString());
        m.put("cover", e.cover().toString());
        m.put("contact_sheet", e.contactSheet().toString());
        return m;
    }

    static int exitCode(RunReport report) {
        if (report.budgetReached()) return ExitCodes.REFUSED;
        return report.delivered() == report.shots().size() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }
}
