package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.Ledger;
import dev.seedance4j.studio.SheetView;
import dev.seedance4j.studio.ShotView;
import dev.seedance4j.studio.StudioStatus;
import dev.seedance4j.studio.StudioView;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seedance status PROJECT.yaml}: every shot's state, takes and costs, from the state database alone. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Where every shot stands, money spent and left (reads the state only; writes nothing).")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Mixin
    BudgetOption budget;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        try (StudioSession session = StudioSession.offline(spec, project, budget.value())) {
            if (session.stateNote() != null) spec.commandLine().getErr().println("seedance: " + session.stateNote());
            StudioStatus status = session.studio().status();
            Ledger total = total(status);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> doc = document(status, total, session);
                Map<String, Object> kinds = new LinkedHashMap<>();
                kinds(session).forEach((kind, l) -> kinds.put(kind, line(l)));
                doc.put("kinds", kinds);
                out.println(Json.pretty(doc));
                return ExitCodes.OK;
            }
            out.printf(
                    "%-10s %-8s %-14s %5s %5s %10s %10s  %s%n",
                    "episode", "shot", "state", "takes", "take", "est. CNY", "billed", "reason / clip");
            for (ShotView s : status.shots()) {
                out.printf(
                        "%-10s %-8s %-14s %5d %5s %10s %10s  %s%n",
                        s.shot().episode(),
                        s.shot().shot(),
                        s.state().label(),
                        s.takes(),
                        s.take() == null ? "-" : s.take(),
                        s.estimatedCny().toPlainString(),
                        s.billedCny().toPlainString(),
                        s.reason() != null ? s.reason() : s.clip() == null ? "" : s.clip());
            }
            List<SheetView> sheets = session.studio().sheets();
            if (!sheets.isEmpty()) {
                out.println();
                out.printf(
                        "%-16s %-10s %-10s %5s %5s  %s%n", "sheet", "kind", "state", "takes", "take", "reason / image");
                for (SheetView v : sheets) {
                    out.printf(
                            "%-16s %-10s %-10s %5d %5s  %s%n",
                            v.name(),
                            v.kind(),
                            v.state(),
                            v.takes(),
                            v.take() == null ? "-" : v.take(),
                            v.reason() != null ? v.reason() : v.image() == null ? "" : v.image());
                }
            }
            out.println();
            // Each column adds up: the last line is the sum of the episodes above it, and the project's figures.
            out.printf("%-16s %14s %14s %14s%n", "episode", "estimated CNY", "in flight CNY", "billed CNY");
            status.episodes().forEach((id, l) -> print(out, id, l));
            status.shared().forEach((id, l) -> print(out, "(" + id + ")", l));
            print(out, "total", total);
            // the same money by what was bought: video tasks, images (sheets) and chat calls (script breakdown)
            Map<String, Ledger> kinds = kinds(session);
            out.println("by kind: "
                    + String.join(
                            ", ",
                            kinds.entrySet().stream()
                                    .map(k -> k.getKey() + " "
                                            + k.getValue().billedCny().toPlainString() + " CNY billed"
                                            + (k.getKey().equals("chat")
                                                    ? " (" + k.getValue().billedTokens() + " tokens)"
                                                    : ""))
                                    .toList()));
            out.println("counts: " + status.counts());
            out.printf(
                    "spent %s CNY%s%n",
                    status.spentCny().toPlainString(),
                    status.budgetCny()
                            .map(b -> " of a budget of " + b.toPlainString() + " CNY; "
                                    + status.leftCny().orElseThrow().toPlainString() + " CNY left")
                            .orElse(""));
            printTeam(out, session.studio().view().team(java.time.Instant.now()));
            out.println("state: " + session.studio().outputDir());
            return ExitCodes.OK;
        }
    }

    /** Team mode: who holds what (only when some worker holds a task or beats). */
    private static void printTeam(PrintWriter out, dev.seedance4j.studio.TeamView team) {
        if (team.isEmpty()) return;
        out.println();
        out.println("who holds what:");
        for (var h : team.holders()) {
            out.printf(
                    "  %-20s %-10s %-32s %s%s%n",
                    h.shot(),
                    h.status(),
                    h.remoteId() == null ? "(create in progress)" : h.remoteId(),
                    h.worker(),
                    h.expired() ? " (lease expired: another worker takes it over)" : "");
        }
        for (var c : team.claims()) {
            out.printf(
                    "  %-8s %-23s %s%s%n",
                    c.kind(),
                    c.subject(),
                    c.worker(),
                    c.expired() ? " (lease expired: another worker takes it over)" : "");
        }
        for (var w : team.workers()) {
            out.printf(
                    "  worker %s on %s, pid %d, last heartbeat %s%s%n",
                    w.worker(), w.host(), w.pid(), w.lastHeartbeat(), w.alive() ? "" : " (gone)");
        }
        for (var q : team.quotas()) {
            out.printf(
                    "  key %s: %d of %d tasks in flight, %d of %d creates in the last minute%n",
                    q.key(), q.inFlight(), q.maxInFlight(), q.lastMinute(), q.requestsPerMinute());
        }
    }

    /** The ledger by what was bought: {@code video}, {@code image}, {@code chat}. */
    private static Map<String, Ledger> kinds(StudioSession session) {
        try (StudioView view = session.studio().view()) {
            return view.ledger().kinds();
        }
    }

    private static void print(PrintWriter out, String id, Ledger l) {
        out.printf(
                "%-16s %14s %14s %14s%n",
                id,
                l.estimatedCny().toPlainString(),
                l.inFlightCny().toPlainString(),
                l.billedCny().toPlainString());
    }

    /** The sum of the lines above it (episodes and shared lines), which is the project's. */
    private static Ledger total(StudioStatus status) {
        BigDecimal zero = new BigDecimal("0.00");
        List<Ledger> lines = new ArrayList<>(status.episodes().values());
        lines.addAll(status.shared().values());
        return new Ledger(
                lines.stream().mapToLong(Ledger::estimatedTokens).sum(),
                lines.stream().map(Ledger::estimatedCny).reduce(zero, BigDecimal::add),
                lines.stream().mapToLong(Ledger::billedTokens).sum(),
                lines.stream().map(Ledger::billedCny).reduce(zero, BigDecimal::add),
                lines.stream().map(Ledger::inFlightCny).reduce(zero, BigDecimal::add),
                lines.stream().mapToLong(Ledger::estimatedImages).sum(),
                lines.stream().mapToLong(Ledger::billedImages).sum());
    }

    private static Map<String, Object> document(StudioStatus status, Ledger total, StudioSession session) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("state", session.studio().outputDir().toString());
        doc.put("counts", status.counts());
        doc.put(
                "shots",
                status.shots().stream()
                        .map(s -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("shot", s.shot().toString());
                            m.put("state", s.state().label());
                            m.put("takes", s.takes());
                            if (s.take() != null) m.put("take", s.take());
                            if (s.clip() != null) m.put("clip", s.clip().toString());
                            if (s.reason() != null) m.put("reason", s.reason());
                            m.put("estimated_tokens", s.estimatedTokens());
                            m.put("estimated_cny", s.estimatedCny());
                            m.put("billed_tokens", s.billedTokens());
                            m.put("billed_cny", s.billedCny());
                            return m;
                        })
                        .toList());
        doc.put(
                "sheets",
                session.studio().sheets().stream()
                        .map(v -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("sheet", v.name());
                            m.put("kind", v.kind());
                            m.put("state", v.state());
                            m.put("takes", v.takes());
                            if (v.take() != null) m.put("take", v.take());
                            if (v.image() != null) m.put("image", v.image().toString());
                            if (v.reason() != null) m.put("reason", v.reason());
                            return m;
                        })
                        .toList());
        doc.put("estimated_cny", status.estimatedCny());
        doc.put("spent_cny", status.spentCny());
        status.budgetCny().ifPresent(b -> doc.put("budget_cny", b));
        status.leftCny().ifPresent(l -> doc.put("left_cny", l));
        Map<String, Object> episodes = new LinkedHashMap<>();
        status.episodes().forEach((id, l) -> episodes.put(id, line(l)));
        doc.put("episodes", episodes);
        Map<String, Object> shared = new LinkedHashMap<>();
        status.shared().forEach((id, l) -> shared.put(id, line(l)));
        doc.put("shared", shared);
        doc.put("total", line(total));
        dev.seedance4j.studio.TeamView team;
        try (StudioView view = session.studio().view()) {
            team = view.team(java.time.Instant.now());
        }
        doc.put(
                "holders",
                team.holders().stream()
                        .map(h -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("shot", h.shot().toString());
                            m.put("status", h.status());
                            if (h.remoteId() != null) m.put("task_id", h.remoteId());
                            m.put("worker", h.worker());
                            m.put("lease_until", h.leaseUntil().toString());
                            m.put("expired", h.expired());
                            return m;
                        })
                        .toList());
        doc.put(
                "claims",
                team.claims().stream()
                        .map(c -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("kind", c.kind());
                            m.put(c.kind().equals("sheet") ? "sheet" : "episode", c.subject());
                            m.put("worker", c.worker());
                            m.put("lease_until", c.leaseUntil().toString());
                            m.put("expired", c.expired());
                            return m;
                        })
                        .toList());
        doc.put(
                "workers",
                team.workers().stream()
                        .map(w -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("worker", w.worker());
                            m.put("host", w.host());
                            m.put("pid", w.pid());
                            m.put("last_heartbeat", w.lastHeartbeat().toString());
                            m.put("alive", w.alive());
                            return m;
                        })
                        .toList());
        doc.put(
                "keys",
                team.quotas().stream()
                        .map(q -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("key", q.key());
                            m.put("in_flight", q.inFlight());
                            m.put("max_in_flight", q.maxInFlight());
                            m.put("creates_last_minute", q.lastMinute());
                            m.put("requests_per_minute", q.requestsPerMinute());
                            return m;
                        })
                        .toList());
        return doc;
    }

    private static Map<String, Object> line(Ledger l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimated_tokens", l.estimatedTokens());
        m.put("estimated_cny", l.estimatedCny());
        m.put("in_flight_cny", l.inFlightCny());
        m.put("billed_tokens", l.billedTokens());
        m.put("billed_cny", l.billedCny());
        m.put("estimated_images", l.estimatedImages());
        m.put("billed_images", l.billedImages());
        return m;
    }
}
