package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.PlanRow;
import dev.seedance4j.studio.RunEvent;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.assembly.AssemblyListener;
import dev.seedance4j.studio.assembly.AssemblyStep;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Shows a run's progress: on a terminal one live line (bar, counts per state, money against the budget, ETA) on
 * stderr; otherwise plain timestamped lines on stdout; with {@code --json-lines} one JSON object per event; with
 * {@code --json} nothing until the final document.
 */
public final class ProgressView implements RunListener, AssemblyListener {

    enum Mode {
        LIVE,
        PLAIN,
        JSON_LINES,
        SILENT
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int BAR = 24;

    private final Mode mode;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final Instant started;
    private final int total;
    private final Map<ShotKey, BigDecimal> estimates = new HashMap<>();
    private final Set<ShotKey> inFlight = new HashSet<>();
    private final Set<ShotKey> done = new HashSet<>();
    private int delivered;
    private int created;
    private int reused;
    private int failed;
    private BigDecimal spent = BigDecimal.ZERO;
    private final BigDecimal budget;

    private ProgressView(Mode mode, PrintWriter out, PrintWriter err, Plan plan, Clock clock) {
        this.mode = mode;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.started = clock.instant();
        this.total = plan.rows().size();
        for (PlanRow row : plan.rows()) estimates.put(row.shot(), row.cny());
        this.spent = plan.spentCny();
        this.budget = plan.budgetCny().orElse(null);
    }

    public static ProgressView create(OutputOptions options, PrintWriter out, PrintWriter err, Plan plan) {
        Mode mode = options.jsonLines()
                ? Mode.JSON_LINES
                : options.json()
                        ? Mode.SILENT
                        : System.console() != null && !options.noProgress() ? Mode.LIVE : Mode.PLAIN;
        return new ProgressView(mode, out, err, plan, Clock.systemDefaultZone());
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        ShotKey shot = event.shot();
        switch (event.kind()) {
            case SUBMITTED -> {
                inFlight.add(shot);
                created++;
            }
            case RESUMED -> inFlight.add(shot);
            case REUSED -> {
                if (done.add(shot)) reused++;
            }
            case DELIVERED -> {
                inFlight.remove(shot);
                if (done.add(shot)) {
                    delivered++;
                    spent = spent.add(estimates.getOrDefault(shot, BigDecimal.ZERO));
                }
            }
            case FAILED -> {
                inFlight.remove(shot);
                if (done.add(shot)) failed++;
            }
            default -> {}
        }
        switch (mode) {
            case LIVE -> {
                if (event.kind() == RunEvent.Kind.FAILED || event.kind() == RunEvent.Kind.BUDGET_REACHED) {
                    err.print("\r\033[K");
                    err.println(Wording.forCli(event.toString()));
                }
                err.print("\r\033[K" + line());
                if (event.kind() == RunEvent.Kind.FINISHED) err.println();
                err.flush();
            }
            case PLAIN -> {
                out.println(TIME.format(event.at()) + " " + Wording.forCli(event.toString()));
                out.flush();
            }
            case JSON_LINES -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("at", event.at().toString());
                json.put("event", event.kind().name().toLowerCase());
                if (shot != null) json.put("shot", shot.toString());
                json.put("message", Wording.forCli(event.message()));
                if (event.reason() != null) json.put("reason", event.reason().name());
                out.println(Json.line(json));
                out.flush();
            }
            case SILENT -> {}
        }
    }

    /** Tasks this run has created so far. */
    public synchronized int created() {
        return created;
    }

    private String lastStep;

    /** Assembly progress: ffmpeg's own reports, as a live percentage or one line per step. */
    @Override
    public synchronized void onProgress(String episodeId, AssemblyStep step, double fraction) {
        String key = episodeId + " " + step;
        boolean newStep = !key.equals(lastStep);
        lastStep = key;
        switch (mode) {
            case LIVE -> {
                err.print(String.format(
                        "\r\033[Kassembling %s: %s %3.0f%%",
                        episodeId, step.name().toLowerCase().replace('_', ' '), fraction * 100));
                if (step == AssemblyStep.DONE || step == AssemblyStep.SKIPPED) err.println();
                err.flush();
            }
            case PLAIN -> {
                if (newStep) {
                    out.println(TIME.format(clock.instant()) + " ASSEMBLING " + episodeId + ": "
                            + step.name().toLowerCase().replace('_', ' '));
                    out.flush();
                }
            }
            case JSON_LINES -> {
                if (newStep) {
                    out.println(Json.line(Map.of(
                            "at",
                            clock.instant().toString(),
                            "event",
                            "assembling",
                            "episode",
                            episodeId,
                            "step",
                            step.name().toLowerCase())));
                    out.flush();
                }
            }
            case SILENT -> {}
        }
    }

    /** The shots whose tasks were submitted or resumed and are not finished, in order. */
    public synchronized java.util.List<ShotKey> inFlight() {
        return inFlight.stream()
                .sorted(java.util.Comparator.comparing(ShotKey::toString))
                .toList();
    }

    /** The live line: bar, counts per state, money against the budget, ETA. */
    String line() {
        int finished = delivered + reused + failed;
        int filled = total == 0 ? BAR : finished * BAR / total;
        StringBuilder b = new StringBuilder("[")
                .append("#".repeat(filled))
                .append("-".repeat(BAR - filled))
                .append("] ");
        b.append(finished).append('/').append(total).append("  delivered ").append(delivered);
        if (reused > 0) b.append("  reused ").append(reused);
        b.append("  in flight ").append(inFlight.size());
        if (failed > 0) b.append("  failed ").append(failed);
        b.append("  ").append(spent.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        if (budget != null) b.append('/').append(budget.toPlainString());
        b.append(" CNY");
        int generatedDone = delivered + failed;
        int left = total - finished;
        if (generatedDone > 0 && left > 0) {
            Duration elapsed = Duration.between(started, clock.instant());
            Duration eta = elapsed.multipliedBy(left).dividedBy(generatedDone);
            b.append(String.format("  ETA %d:%02d", eta.toMinutes(), eta.toSecondsPart()));
        }
        return b.toString();
    }
}
