package dev.seedance4j.studio.internal.sheets;

import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.ModelTable;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.ProjectException;
import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.SheetView;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.plan.Source;
import dev.seedance4j.studio.internal.sheets.SheetPlanner.SheetPlan;
import dev.seedance4j.studio.internal.store.SheetStore;
import dev.seedance4j.studio.internal.store.StudioStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The sheets' stage of a run, before any shot is sent: plan the sheets (with the project's problems), show their
 * cost and the portrait warnings, make the missing ones, and tell which shots cannot be sent because a sheet they
 * use was not made. The studio calls it around the engine; the engine only sends the sheet images as references.
 */
public final class SheetStage {
    private final Project project;
    private final List<SheetPlan> plans;
    private final SheetStore store;
    private final Path outputDir;
    private final CostEstimator costs;
    private final Clock clock;

    private SheetStage(
            Project project,
            List<SheetPlan> plans,
            SheetStore store,
            Path outputDir,
            CostEstimator costs,
            Clock clock) {
        this.project = project;
        this.plans = plans;
        this.store = store;
        this.outputDir = outputDir;
        this.costs = costs;
        this.clock = clock;
    }

    /**
     * Plans the project's sheets.
     *
     * @throws ProjectException when a sheet's settings break a rule (nothing spent)
     */
    public static SheetStage plan(
            Project project, StudioStore store, Path outputDir, CostEstimator costs, Clock clock) {
        SheetPlanner.Result result = SheetPlanner.plan(project, costs, ModelTable.defaults());
        if (!result.problems().isEmpty()) {
            throw new ProjectException(result.problems());
        }
        return new SheetStage(project, result.sheets(), new SheetStore(store), outputDir, costs, clock);
    }

    /** Same sheets over another store (the studio's writable one, once it exists). */
    public SheetStage over(StudioStore other) {
        return new SheetStage(project, plans, new SheetStore(other), outputDir, costs, clock);
    }

    public List<SheetPlan> plans() {
        return plans;
    }

    public boolean has(String name) {
        return plans.stream().anyMatch(p -> p.name().equals(name));
    }

    /** The image each sheet's shots use now (no file for a sheet not made). */
    public Map<String, Source.Sheet> current() {
        return SheetMaker.current(plans, store, outputDir);
    }

    /** Records the sheets as planned (status and boards read them). */
    public void save() {
        store.savePlanned(planned(), clock.millis());
    }

    private List<SheetStore.Planned> planned() {
        return plans.stream()
                .map(p -> new SheetStore.Planned(
                        p.name(),
                        p.kind(),
                        p.position(),
                        p.identity(),
                        p.request().model().id(),
                        p.request().size().value(),
                        p.request().seed(),
                        p.style(),
                        p.request().prompt(),
                        Money.micros(p.estimateCny())))
                .toList();
    }

    /** One row per sheet for the plan. */
    public List<Plan.SheetRow> rows() {
        Map<String, Source.Sheet> current = current();
        return plans.stream()
                .map(p -> new Plan.SheetRow(
                        p.name(),
                        p.kind(),
                        p.request().model().id(),
                        p.request().size().value(),
                        p.style(),
                        p.estimateCny(),
                        current.get(p.name()).sha256() != null))
                .toList();
    }

    /** What the sheets in {@code scope} that have no image would cost. */
    public BigDecimal toSpend(Predicate<String> scope) {
        Map<String, Source.Sheet> current = current();
        return plans.stream()
                .filter(p -> scope.test(p.name()) && current.get(p.name()).sha256() == null)
                .map(SheetPlan::estimateCny)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What one new take of each sheet in {@code scope} would cost. */
    public BigDecimal cost(Predicate<String> scope) {
        return plans.stream()
                .filter(p -> scope.test(p.name()))
                .map(SheetPlan::estimateCny)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Warnings before spending: a photographic character sheet that shots use as a reference. */
    public List<String> warnings(List<ShotPlan> shots) {
        List<String> warnings = new ArrayList<>();
        for (SheetPlan p : plans) {
            if (!p.kind().equals("character")
                    || !SheetPlanner.photographic(p.style())
                    || usersOf(p.name(), shots).isEmpty()) {
                continue;
            }
            warnings.add("the sheet of " + p.name() + " is '" + p.style() + "': Seedance may refuse it as a reference"
                    + " that shows a real face (InputImageSensitiveContentDetected.PrivacyInformation) in "
                    + usersOf(p.name(), shots).size() + " shot(s); " + remedies(p.name()));
        }
        return warnings;
    }

    /** The remedies for a real face refused in these sheets, the first as a command. */
    public String remedies(String name) {
        return remedies(List.of(name));
    }

    public String remedies(List<String> names) {
        return "remedies: (1) a stylised sheet: `" + command(names) + "`, then run again; (2) images: [asset://...]"
                + " for " + String.join(", ", names) + ": a portrait from the virtual portrait library or an authorised"
                + " portrait; (3) images: a face this account generated in the last 30 days";
    }

    /** The command that applies the first remedy: a new take of each sheet in a stylised look, picked. */
    public String command(List<String> names) {
        StringBuilder c = new StringBuilder("seedance sheets " + project.file().getFileName());
        names.forEach(n -> c.append(" --only ").append(n));
        return c.append(" --style anime").toString();
    }

    private static List<ShotKey> usersOf(String name, List<ShotPlan> shots) {
        return shots.stream()
                .filter(s -> s.inputs().stream()
                        .anyMatch(i -> i.source() instanceof Source.Sheet sheet
                                && sheet.name().equals(name)))
                .map(ShotPlan::key)
                .toList();
    }

    /** The photographic sheets a shot sends as references (the likely cause of a real-face refusal). */
    public List<String> photographicSheetsOf(ShotPlan shot) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, SheetStore.Take> used = usedTakes();
        for (var input : shot.inputs()) {
            if (input.source() instanceof Source.Sheet sheet) {
                SheetPlan p = plans.stream()
                        .filter(x -> x.name().equals(sheet.name()))
                        .findFirst()
                        .orElse(null);
                SheetStore.Take take = used.get(sheet.name());
                String style = take != null && take.style() != null ? take.style() : p == null ? "" : p.style();
                if (p != null && SheetPlanner.photographic(style)) {
                    names.add(sheet.name());
                }
            }
        }
        return List.copyOf(names);
    }

    private Map<String, SheetStore.Take> usedTakes() {
        Map<String, SheetStore.Take> used = new LinkedHashMap<>();
        Map<String, Source.Sheet> current = current();
        for (SheetStore.Take t : store.allTakes()) {
            Source.Sheet s = current.get(t.name());
            if (s != null && t.imageSha256() != null && t.imageSha256().equals(s.sha256())) {
                used.put(t.name(), t);
            }
        }
        return used;
    }

    /**
     * Makes the sheets in scope that lack an image (or, with {@code regen}, a new take of each, picked), at most
     * {@code parallelism} at once, each under a claim that other workers of the project respect ({@code claiming}).
     */
    public List<SheetMaker.Outcome> make(
            SeedanceClient client,
            Predicate<String> scope,
            boolean regen,
            Long seed,
            String style,
            LongSupplier budgetLeftMicros,
            Consumer<String> log,
            int parallelism,
            SheetMaker.Claiming claiming) {
        save();
        return new SheetMaker(project, plans, store, client, costs, outputDir, clock, log, parallelism, claiming)
                .make(scope, regen, seed, style, budgetLeftMicros);
    }

    public void pick(String name, int take) {
        new SheetMaker(project, plans, store, null, costs, outputDir, clock, line -> {}, 1, null).pick(name, take);
    }

    /** The shots that cannot be sent because a sheet they use has no image, with the (first such) sheet's name. */
    public Map<ShotKey, String> blocked(List<ShotPlan> shots) {
        Map<ShotKey, String> blocked = new LinkedHashMap<>();
        for (ShotPlan s : shots) {
            s.inputs().stream()
                    .map(i -> i.source())
                    .filter(src -> src instanceof Source.Sheet sheet && sheet.sha256() == null)
                    .map(src -> ((Source.Sheet) src).name())
                    .findFirst()
                    .ifPresent(name -> blocked.put(s.key(), name));
        }
        return blocked;
    }

    /** Every planned sheet as the state says. */
    public List<SheetView> views() {
        return views(planned(), store, outputDir);
    }

    /**
     * Sheets as planned, with the take their shots use (the picked one while it belongs to the sheet's current
     * identity and its file is intact, else the newest such) and why the newest take failed. Reads the state only.
     */
    public static List<SheetView> views(List<SheetStore.Planned> planned, SheetStore store, Path outputDir) {
        Map<String, List<SheetStore.Take>> takes = new LinkedHashMap<>();
        store.allTakes()
                .forEach(t ->
                        takes.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(t));
        Map<String, Integer> picks = store.picks();
        List<SheetView> views = new ArrayList<>();
        for (SheetStore.Planned p : planned) {
            List<SheetStore.Take> mine = takes.getOrDefault(p.name(), List.of()).stream()
                    .filter(t -> t.identity().equals(p.identity()))
                    .toList();
            SheetStore.Take used = SheetMaker.used(p.identity(), mine, picks.get(p.name()), outputDir)
                    .orElse(null);
            SheetStore.Take newest = mine.isEmpty() ? null : mine.get(mine.size() - 1);
            boolean failed = used == null && newest != null && newest.state().equals("failed");
            views.add(new SheetView(
                    p.name(),
                    p.kind(),
                    used != null ? "delivered" : failed ? "failed" : "not_made",
                    used == null ? null : used.takeNo(),
                    used == null ? null : outputDir.resolve(used.imagePath()),
                    mine.size(),
                    p.model(),
                    p.size(),
                    used != null && used.style() != null ? used.style() : p.style(),
                    Money.cny(p.estimatedCnyMicros()),
                    failed && newest.reason() != null ? ReasonCode.valueOf(newest.reason()) : null,
                    failed ? newest.message() : null));
        }
        return views;
    }
}
