package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.ShotView;
import dev.seedance4j.studio.StudioStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
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
        description = "Where every shot stands, money spent and left (reads the state database only).")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        try (StudioSession session = StudioSession.offline(project)) {
            StudioStatus status = Admission.run(() -> session.studio().status());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.pretty(document(status)));
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
                        s.state(),
                        s.takes(),
                        s.take() == null ? "-" : s.take(),
                        s.estimatedCny().toPlainString(),
                        s.billedCny().toPlainString(),
                        s.reason() != null ? s.reason() : s.clip() == null ? "" : s.clip());
            }
            out.println("counts: " + status.counts());
            out.printf(
                    "spent %s CNY of an estimated %s CNY%s%n",
                    status.spentCny().toPlainString(),
                    status.estimatedCny().toPlainString(),
                    status.budgetCny()
                            .map(b -> "; budget " + b.toPlainString() + " CNY, left "
                                    + status.leftCny().orElseThrow().toPlainString() + " CNY")
                            .orElse(""));
            status.episodes()
                    .forEach((episode, l) -> out.printf(
                            "  %s: estimated %d tokens / %s CNY, billed %d tokens / %s CNY%n",
                            episode,
                            l.estimatedTokens(),
                            l.estimatedCny().toPlainString(),
                            l.billedTokens(),
                            l.billedCny().toPlainString()));
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> document(StudioStatus status) {
        Map<String, Object> doc = new LinkedHashMap<>();
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
        doc.put("estimated_cny", status.estimatedCny());
        doc.put("spent_cny", status.spentCny());
        status.budgetCny().ifPresent(b -> doc.put("budget_cny", b));
        status.leftCny().ifPresent(l -> doc.put("left_cny", l));
        Map<String, Object> episodes = new LinkedHashMap<>();
        status.episodes()
                .forEach((id, l) -> episodes.put(
                        id,
                        Map.of(
                                "estimated_tokens",
                                l.estimatedTokens(),
                                "estimated_cny",
                                l.estimatedCny(),
                                "billed_tokens",
                                l.billedTokens(),
                                "billed_cny",
                                l.billedCny())));
        doc.put("episodes", episodes);
        return doc;
    }
}
