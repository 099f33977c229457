package dev.seedance4j.studio;

import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.studio.assembly.AssemblyListener;
import dev.seedance4j.studio.assembly.AssemblySettings;
import dev.seedance4j.studio.assembly.EpisodeAssembler;
import dev.seedance4j.studio.assembly.EpisodeInput;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.SeasonExport;
import dev.seedance4j.studio.assembly.internal.SeasonApprovals;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.engine.Clips;
import dev.seedance4j.studio.internal.engine.Engine;
import dev.seedance4j.studio.internal.engine.EpisodeInputs;
import dev.seedance4j.studio.internal.engine.Heartbeat;
import dev.seedance4j.studio.internal.plan.PlannedInput;
import dev.seedance4j.studio.internal.plan.Planner;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.plan.Source;
import dev.seedance4j.studio.internal.project.PromptEditor;
import dev.seedance4j.studio.internal.sheets.SheetMaker;
import dev.seedance4j.studio.internal.sheets.SheetStage;
import dev.seedance4j.studio.internal.store.ShotRecord;
import dev.seedance4j.studio.internal.store.StoreLocation;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TakeRecord;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The production engine for one project: plan it, run it, see where it stands, make another take of a shot, pick
 * the take an episode uses. State lives in {@code studio.db} in the output folder, so every call can be made
 * again after a crash or from another process later; a run picks up where the last one stopped.
 *
 * <pre>{@code
 * try (SeedanceClient client = SeedanceClient.fromEnv();
 *      Studio studio = Studio.open(Path.of("drama.yaml"), StudioOptions.builder().client(client).build())) {
 *   System.out.print(studio.plan().toTable());          // spends nothing
 *   RunReport report = studio.run(event -> System.out.println(event));
 *   System.out.println(studio.status().spentCny() + " CNY spent");
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one call at a time.
 */
public final class Studio implements AutoCloseable {
    /** The state database's file name in the output folder. */
    public static final String DATABASE = "studio.db";

    /** How long a worker's claim on assembling an episode version lasts: another worker redoes it after that. */
    private Project project;

    private final StudioOptions options;
    private final Path outputDir;
    private final Ffmpeg ffmpeg;
    /** The state database; an empty stand-in (see {@link #open}) until something is written. */
    private StudioStore store;
    /** The project compiled once per studio (one command): admission, run and assembly share it. */
    private List<ShotPlan> compiled;

    private Path standIn;

    private Studio(
            Project project, StudioOptions options, Path outputDir, StudioStore store, Path standIn, Ffmpeg ffmpeg) {
        this.project = project;
        this.options = options;
        this.outputDir = outputDir;
        this.store = store;
        this.standIn = standIn;
        this.ffmpeg = ffmpeg;
    }

    /**
     * Reads and checks the project file and opens its state database. A project that was never run gets no output
     * folder and no database until something is written ({@link #run}, {@link #regen}): {@link #plan} and
     * {@link #status} of a new project work on an empty stand-in in the temporary folder and leave nothing behind.
     *
     * @throws ProjectException listing every problem of the file, with line and column
     */
    public static Studio open(Path projectFile, StudioOptions options) {
        Project project = Project.load(projectFile);
        Path outputDir = options.outputDir()
                .orElse(defaultOutputDir(project))
                .toAbsolutePath()
                .normalize();
        String projectId = projectId(options, outputDir);
        Optional<StudioStore> named = openNamedStore(options, outputDir);
        if (named.isPresent()) {
            return new Studio(project, options, outputDir, named.get(), null, Ffmpeg.locate());
        }
        Path database = outputDir.resolve(DATABASE);
        if (Files.isRegularFile(database)) {
            return new Studio(
                    project,
                    options,
                    outputDir,
                    StudioStore.open(StoreLocation.sqlite(database), projectId),
                    null,
                    Ffmpeg.locate());
        }
        Path standIn;
        try {
            standIn = Files.createTempFile("seedance-empty-state-", ".db");
        } catch (IOException e) {
            throw new StudioException("cannot create a temporary file: " + e.getMessage(), e);
        }
        return new Studio(project, options, outputDir, StudioStore.openSqlite(standIn), standIn, Ffmpeg.locate());
    }

    /**
     * Where a project's output goes unless {@link StudioOptions#outputDir()} says otherwise: {@code out/<name>}
     * beside the project file, named after the project's folder when the file has the conventional name
     * {@code project.yaml} (so {@code demo/project.yaml} and {@code rehearsal/project.yaml} never share a folder),
     * else after the file ({@code drama.yaml} gives {@code out/drama}). The title is not used: editing it would
     * orphan the state.
     */
    public static Path defaultOutputDir(Project project) {
        return defaultOutputDir(project.file());
    }

    /** {@link #defaultOutputDir(Project)} of a project file that may not exist yet (e.g. before a script import). */
    public static Path defaultOutputDir(Path projectFile) {
        Path file = projectFile.toAbsolutePath().normalize();
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path parent = file.getParent().getFileName();
        String name = stem.equalsIgnoreCase("project") && parent != null ? parent.toString() : stem;
        return file.getParent().resolve("out").resolve(name);
    }

    /**
     * The store {@link StudioOptions#store()} names, opened for the project whose output folder is {@code outputDir};
     * empty when it names none (the state is then the output folder's SQLite file).
     */
    static Optional<StudioStore> openNamedStore(StudioOptions options, Path outputDir) {
        if (options.store().isEmpty()) {
            return Optional.empty();
        }
        StoreLocation location = StoreLocation.parse(options.store().get());
        if (location.isSqlite() && location.sqliteFile().getParent() != null) {
            try {
                Files.createDirectories(location.sqliteFile().getParent());
            } catch (IOException e) {
                throw new StudioException(
                        "cannot create the folder of the store " + location + ": " + e.getMessage(), e);
            }
        }
        return Optional.of(StudioStore.open(location, projectId(options, outputDir)));
    }

    /** The project's id in the store: as given, else the output folder's name (stable across machines). */
    static String projectId(StudioOptions options, Path outputDir) {
        return options.projectId()
                .orElse(
                        outputDir.getFileName() == null
                                ? StudioStore.DEFAULT_PROJECT
                                : outputDir.getFileName().toString());
    }

    /** The state database for writing: created with the output folder on first use. */
    private StudioStore writableStore() {
        if (standIn != null) {
            try {
                Files.createDirectories(outputDir);
            } catch (IOException e) {
                throw new StudioException("cannot create the output folder " + outputDir + ": " + e.getMessage(), e);
            }
            closeStandIn();
            store = StudioStore.open(StoreLocation.sqlite(outputDir.resolve(DATABASE)), projectId(options, outputDir));
        }
        return store;
    }

    private void closeStandIn() {
        store.close();
        for (String suffix : List.of("", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(Path.of(standIn + suffix));
            } catch (IOException e) {
                // a temporary file left behind holds nothing but an empty schema
            }
        }
        standIn = null;
    }

    public Project project() {
        return project;
    }

    /** Where {@code studio.db}, {@code clips/} and {@code episodes/} are kept. */
    public Path outputDir() {
        return outputDir;
    }

    /**
     * Admission without spending: compiles every shot, validates it with the client's per-model rules and estimates
     * its cost.
     *
     * @throws ProjectException listing every shot that may not be sent, with the rule it breaks
     */
    public Plan plan() {
        List<ShotPlan> shots = compile();
        return plan(shots);
    }

    /**
     * Generates every shot that has no verified clip for its current request, and waits for them all. Refused
     * (nothing sent) when a shot is invalid or when estimate + spent would pass the budget.
     *
     * @throws ProjectException when a shot is invalid
     * @throws BudgetExceededException when the plan does not fit the budget
     */
    public RunReport run(RunListener listener) {
        compile();
        writableStore();
        return runShots(key -> true, null, null, listener);
    }

    /**
     * The run's stages: the reference sheets its shots use are made first (admitted with the shots against the
     * budget, before anything is spent); the project is compiled again with their images; then the engine sends
     * every shot in scope except those whose sheet could not be made, which end with {@code DEPENDENCY}.
     */
    private RunReport runShots(
            java.util.function.Predicate<ShotKey> scope, ShotKey regen, Long regenSeed, RunListener listener) {
        SheetStage sheets = sheetStage();
        // every sheet the project describes (as plan counts them), before any shot is sent
        java.util.Set<String> needed = sheets.views().stream()
                .filter(v -> !v.state().equals("delivered"))
                .map(SheetView::name)
                .collect(java.util.stream.Collectors.toSet());
        if (!needed.isEmpty()) {
            admitWithSheets(plan(compile()), sheets, needed, scope, regen);
            sheets.make(
                    client(),
                    needed::contains,
                    false,
                    null,
                    null,
                    this::budgetLeftMicros,
                    line -> sheetEvent(listener, line),
                    sheetParallelism(),
                    sheetClaiming());
            compiled = null;
        }
        List<ShotPlan> shots = compile();
        Plan plan = plan(shots);
        Map<ShotKey, String> blocked = sheets.blocked(shots);
        for (Map.Entry<ShotKey, String> b : blocked.entrySet()) {
            ShotPlan p = shots.stream()
                    .filter(s -> s.key().equals(b.getKey()))
                    .findFirst()
                    .orElseThrow();
            if (scope.test(p.key())) {
                store.skip(
                        p.key(),
                        p.identity(),
                        ReasonCode.DEPENDENCY.name(),
                        blockedMessage(b.getValue()),
                        options.clock().millis());
            }
        }
        // registered so that `seedance worker` on the same store finds the project and helps with it
        store.openProject(
                project.file().toAbsolutePath().toString(),
                outputDir.toString(),
                options.clock().millis());
        RunReport report;
        try {
            report = engine(shots, listener)
                    .run(key -> scope.test(key) && !blocked.containsKey(key), regen, regenSeed, budget(), plan);
        } catch (BudgetExceededException | ProjectException e) {
            store.closeProject(options.clock().millis()); // refused before anything was sent: no work to serve
            throw e;
        }
        store.closeProject(options.clock().millis());
        List<RunReport.ShotOutcome> outcomes = new ArrayList<>();
        for (ShotPlan p : shots) {
            if (blocked.containsKey(p.key()) && scope.test(p.key())) {
                outcomes.add(new RunReport.ShotOutcome(
                        p.key(),
                        false,
                        false,
                        null,
                        null,
                        ReasonCode.DEPENDENCY,
                        blockedMessage(blocked.get(p.key()))));
                continue;
            }
            report.shot(p.key()).ifPresent(o -> outcomes.add(withSheetAdvice(o, p, sheets)));
        }
        return new RunReport(outcomes, report.created(), report.spentCny(), report.budgetReached());
    }

    /**
     * Before the first image is paid: the sheets to make plus the shots in scope that will be sent (not reused, not
     * already in flight) must fit the budget with what is spent and in flight; else nothing is sent. (Without sheets
     * to make, the engine's own admission does this for the shots.)
     */
    private void admitWithSheets(
            Plan plan,
            SheetStage sheets,
            java.util.Set<String> needed,
            java.util.function.Predicate<ShotKey> scope,
            ShotKey regen) {
        if (budget().isEmpty()) {
            return;
        }
        java.util.Set<ShotKey> open = store.tasks().stream()
                .filter(t -> t.status().isOpen())
                .map(TaskRecord::shot)
                .collect(java.util.stream.Collectors.toSet());
        long shots = plan.rows().stream()
                .filter(r ->
                        scope.test(r.shot()) && (!r.reused() || r.shot().equals(regen)) && !open.contains(r.shot()))
                .mapToLong(r -> Money.micros(r.cny()))
                .sum();
        long need = store.spentCnyMicros()
                + store.inFlightEstimateMicros()
                + shots
                + Money.micros(sheets.toSpend(needed::contains));
        if (need > Money.micros(budget().get())) {
            throw new BudgetExceededException(plan);
        }
    }

    private String blockedMessage(String sheet) {
        return "not sent: the reference sheet of " + sheet + " was not made ("
                + sheetStage().views().stream()
                        .filter(v -> v.name().equals(sheet))
                        .map(v -> v.reason() == null ? v.state() : v.reason() + ": " + v.message())
                        .findFirst()
                        .orElse("not planned")
                + "); run `seedance sheets " + project.file().getFileName() + " --only " + sheet + "`";
    }

    /** A real-face refusal of a shot that sends a photographic sheet: the remedies, the first as a command. */
    private static RunReport.ShotOutcome withSheetAdvice(RunReport.ShotOutcome o, ShotPlan p, SheetStage sheets) {
        if (o.reason() != ReasonCode.REAL_FACE) {
            return o;
        }
        List<String> faces = sheets.photographicSheetsOf(p);
        if (faces.isEmpty()) {
            return o;
        }
        return new RunReport.ShotOutcome(
                o.shot(),
                o.delivered(),
                o.reused(),
                o.clip(),
                o.take(),
                o.reason(),
                o.message() + " — the realistic reference sheet of " + String.join(", ", faces)
                        + " was taken for a real face; " + sheets.remedies(faces));
    }

    private long budgetLeftMicros() {
        return budget().map(b -> Money.micros(b) - store.spentCnyMicros() - store.inFlightEstimateMicros())
                .orElse(Long.MAX_VALUE);
    }

    /** Sheets are made a few at once: their events reach the listener one at a time, as the engine's do. */
    private void sheetEvent(RunListener listener, String line) {
        synchronized (listener) {
            listener.onEvent(new RunEvent(
                    java.time.Instant.ofEpochMilli(options.clock().millis()), RunEvent.Kind.SHEET, null, line, null));
        }
    }

    /** Image calls made at once: the run's concurrency, at most 4 (the image API's limits are not documented). */
    private int sheetParallelism() {
        return Math.min(options.concurrency(), 4);
    }

    /** Sheets are made under claims with the run's lease; another worker's sheet is looked at every pollMin. */
    private SheetMaker.Claiming sheetClaiming() {
        return new SheetMaker.Claiming(options.leaseTime(), options.pollMin());
    }

    private SheetStage sheetStage() {
        return SheetStage.plan(project, store, outputDir, CostEstimator.withPrices(options.prices()), options.clock());
    }

    private SeedanceClient client() {
        return options.client()
                .orElseThrow(
                        () -> new StudioException(
                                "running needs a SeedanceClient (StudioOptions.builder().client(...)); plan and status do not"));
    }

    /** Every reference sheet the project generates (characters and scenes described in words), as the state says. */
    public List<SheetView> sheets() {
        return sheetStage().views();
    }

    /**
     * Makes the reference sheets named in {@code only} (all when empty) that have no image for their current
     * description; with {@code regen}, a new take of each (with {@code seed} and {@code style} when given) that is
     * then picked, so that the shots using it are made again by the next run. Checked against the budget before
     * each call.
     *
     * @throws StudioException when a name is not a sheet of the project
     */
    public List<SheetView> makeSheets(
            java.util.Set<String> only, boolean regen, Long seed, String style, RunListener listener) {
        SheetStage sheets = sheetStage();
        for (String name : only) {
            if (!sheets.has(name)) {
                throw new StudioException("'" + name + "' has no generated sheet (sheets: "
                        + sheets.plans().stream().map(p -> p.name()).toList()
                        + "); a sheet is made for a character or scene with description: and no images:");
            }
        }
        java.util.function.Predicate<String> scope = only.isEmpty() ? name -> true : only::contains;
        BigDecimal cost = regen ? sheets.cost(scope) : sheets.toSpend(scope);
        if (budget().isPresent()
                && store.spentCnyMicros() + store.inFlightEstimateMicros() + Money.micros(cost)
                        > Money.micros(budget().get())) {
            throw new StudioException("refused: the sheets cost an estimated "
                    + cost.toPlainString() + " CNY and the budget has "
                    + Money.cny(budgetLeftMicros()).toPlainString() + " CNY left; nothing was sent");
        }
        writableStore();
        sheets = sheetStage();
        sheets.make(
                client(),
                scope,
                regen,
                seed,
                style,
                this::budgetLeftMicros,
                line -> sheetEvent(listener, line),
                sheetParallelism(),
                sheetClaiming());
        compiled = null; // the shots that use a new image are new requests
        return sheets.views().stream().filter(v -> scope.test(v.name())).toList();
    }

    /** Chooses the take of a sheet its shots use (the next run makes them again with it). */
    public void pickSheet(String name, int take) {
        writableStore();
        sheetStage().pick(name, take);
        compiled = null;
    }

    /**
     * Makes a new take of one shot and picks it. The take uses {@code seed} when given; otherwise it draws a seed of
     * its own that no earlier take of the shot (nor the project file) used, so that a new take is a different clip
     * and not the same one billed again. The shots that follow it keep their clips; run {@code regen} on them too if
     * they should follow the new take.
     */
    public RunReport regen(String episode, String shot, Long seed, RunListener listener) {
        ShotKey key = existing(episode, shot);
        compile();
        writableStore();
        Long takeSeed = seed != null ? seed : freshSeed(key);
        return runShots(key::equals, key, takeSeed, listener);
    }

    /** A seed in the range the service takes ([0, 2^31 - 1)) that the shot has not been made with yet. */
    private long freshSeed(ShotKey key) {
        Set<Long> used = new HashSet<>();
        project.shot(key).flatMap(Shot::seed).ifPresent(used::add);
        store.takes(key).stream().map(TakeRecord::seed).filter(Objects::nonNull).forEach(used::add);
        store.tasksOf(key).stream().map(t -> t.seed()).filter(Objects::nonNull).forEach(used::add);
        long candidate;
        do {
            candidate = ThreadLocalRandom.current().nextLong(0, (1L << 31) - 1);
        } while (used.contains(candidate));
        return candidate;
    }

    /** Chooses the take an episode uses for a shot; the take must have a delivered clip. */
    public void pick(String episode, String shot, int take) {
        ShotKey key = existing(episode, shot);
        List<TakeRecord> takes = store.takes(key);
        TakeRecord chosen = takes.stream()
                .filter(t -> t.takeNo() == take)
                .findFirst()
                .orElseThrow(() -> new StudioException(key + " has no take " + take + " (takes: "
                        + takes.stream().map(t -> t.takeNo() + " " + t.state()).toList() + ")"));
        if (!chosen.delivered()) {
            throw new StudioException(key + " take " + take + " has no clip (" + chosen.state()
                    + (chosen.reason() == null ? "" : ", " + chosen.reason()) + ")");
        }
        writableStore().pick(key, take);
        store.event(key, "picked", "take " + take, options.clock().millis());
    }

    /**
     * Every shot's inputs as its compiled request numbers them, with the names the project file gives them, so that a
     * reader of the compiled prompt can tell who {@code [图2]} is. Compiles the project (once per studio).
     */
    public Map<ShotKey, List<ShotReference>> references() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Project.Character c : project.characters().values()) {
            c.images().forEach(m -> names.putIfAbsent(mediaKey(m), "@" + c.name() + " (" + written(m) + ")"));
            c.voice().ifPresent(m -> names.putIfAbsent(mediaKey(m), "@" + c.name() + " (" + written(m) + ")"));
        }
        for (Project.Scene sc : project.scenes().values()) {
            sc.images().forEach(m -> names.putIfAbsent(mediaKey(m), "@" + sc.name() + " (" + written(m) + ")"));
        }
        Map<ShotKey, List<ShotReference>> all = new LinkedHashMap<>();
        for (ShotPlan p : compile()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            List<ShotReference> refs = new ArrayList<>();
            for (PlannedInput input : p.inputs()) {
                int n = counts.merge(input.type(), 1, Integer::sum);
                String tag = switch (input.type()) {
                    case "image" -> "[图" + n + "]";
                    case "video" -> "视频" + n;
                    default -> "音频" + n;
                };
                refs.add(new ShotReference(
                        tag, input.type(), input.role().value(), referenceName(input.source(), names)));
            }
            all.put(p.key(), List.copyOf(refs));
        }
        return all;
    }

    private String referenceName(Source source, Map<String, String> names) {
        if (source instanceof Source.LocalFile f) {
            return names.getOrDefault(
                    f.path().toString(), project.folder().relativize(f.path()).toString());
        } else if (source instanceof Source.LocalVideo v) {
            return names.getOrDefault(
                    v.path().toString(), project.folder().relativize(v.path()).toString());
        } else if (source instanceof Source.Remote r) {
            return names.getOrDefault(r.url(), r.url());
        } else if (source instanceof Source.LastFrameOf l) {
            return "last frame of " + l.shot();
        } else if (source instanceof Source.ClipOf c) {
            return "clip of " + c.shot();
        }
        return source.toString();
    }

    private static String mediaKey(MediaRef m) {
        if (m instanceof MediaRef.LocalFile f) return f.path().toString();
        if (m instanceof MediaRef.Remote r) return r.url();
        return m.toString();
    }

    private static String written(MediaRef m) {
        if (m instanceof MediaRef.LocalFile f) return f.written();
        if (m instanceof MediaRef.Remote r) return r.url();
        return m.toString();
    }

    /**
     * Shows what {@link #regenWithPrompt} would change in the project file for a new prompt of one shot, and what the
     * new take is estimated to cost. Writes and spends nothing.
     */
    public PromptChange previewPrompt(String episode, String shot, String prompt) {
        ShotKey key = existing(episode, shot);
        if (prompt == null || prompt.isBlank()) {
            throw new StudioException(key + ": the new prompt is empty");
        }
        String text = projectText();
        PromptEditor.Edit edit = PromptEditor.replace(text, key, prompt);
        BigDecimal estimate = compile().stream()
                .filter(p -> p.key().equals(key))
                .map(p -> p.estimate().cny())
                .findFirst()
                .orElse(BigDecimal.ZERO);
        return new PromptChange(key, prompt, project.file(), edit.diff(), Hashing.sha256(text), estimate);
    }

    /**
     * Writes a confirmed prompt change to the project file and makes a new take of the shot with it (a new seed, as
     * {@link #regen}). Refused, with nothing written or spent, when the file changed since the diff was shown or the
     * edited file would not be a valid project.
     */
    public RunReport regenWithPrompt(PromptChange confirmed, RunListener listener) {
        ShotKey key = existing(confirmed.shot().episode(), confirmed.shot().shot());
        String text = projectText();
        if (!Hashing.sha256(text).equals(confirmed.fileSha256())) {
            throw new StudioException(project.file() + " changed since the diff was shown; look at the new diff first");
        }
        String edited = PromptEditor.replace(text, key, confirmed.prompt()).text();
        Path file = project.file();
        Project reloaded;
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".edit");
            Files.writeString(temporary, edited, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try {
                reloaded = Project.load(file);
            } catch (ProjectException e) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                throw e;
            }
        } catch (IOException e) {
            throw new StudioException("cannot write " + file + ": " + e.getMessage(), e);
        }
        project = reloaded;
        compiled = null;
        writableStore()
                .event(key, "prompt-edited", confirmed.diff(), options.clock().millis());
        return regen(key.episode(), key.shot(), null, listener);
    }

    private String projectText() {
        try {
            return Files.readString(project.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StudioException("cannot read " + project.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Cancels the queued tasks of the shots {@code which} accepts: the service drops a task that has not started
     * (one that started already is left to finish and is not in the result). Safe while a run of this project is
     * going, in this process or another: that run sees the shots as cancelled.
     *
     * @return the shots whose task was cancelled
     */
    public List<ShotKey> cancelQueued(Predicate<ShotKey> which) {
        SeedanceClient client = options.client()
                .orElseThrow(() -> new StudioException("cancelling needs a SeedanceClient (StudioOptions.client)"));
        List<ShotKey> cancelled = new ArrayList<>();
        for (TaskRecord task : store.tasksIn(List.of(TaskState.QUEUED))) {
            if (task.remoteId() == null || !which.test(task.shot())) {
                continue;
            }
            try {
                client.tasks().delete(task.remoteId());
            } catch (SeedanceException e) {
                store.event(
                        task.shot(),
                        "cancel-refused",
                        task.remoteId() + ": " + e.getMessage(),
                        options.clock().millis());
                continue;
            }
            store.fail(
                    task,
                    ReasonCode.CANCELLED.name(),
                    "cancelled",
                    "cancelled while queued",
                    true,
                    options.clock().millis());
            store.event(
                    task.shot(),
                    "cancelled",
                    task.remoteId() + " (take " + task.takeNo() + ")",
                    options.clock().millis());
            cancelled.add(task.shot());
        }
        return cancelled;
    }

    /**
     * Approves the episode's current cut (as last assembled) for delivery: recorded in the state database and in
     * {@code episodes/season.json}. A later assembly with other takes is a new cut and needs approving again.
     *
     * @throws StudioException when the episode was not assembled
     */
    public ApprovalView approve(String episode, String by, String note) {
        Path manifest = outputDir.resolve("episodes").resolve("season.json");
        String stamp = SeasonApprovals.stamp(manifest, episode)
                .orElseThrow(() -> new StudioException(
                        "episode " + episode + " has not been assembled yet (assemble it, then approve the cut)"));
        long now = options.clock().millis();
        writableStore().approve(episode, stamp, by, note, now);
        store.event(null, "approved", episode + " by " + by, now);
        SeasonApprovals.write(manifest, view().approvals());
        return new ApprovalView(episode, stamp, by, java.time.Instant.ofEpochMilli(now), note);
    }

    /**
     * Joins every episode whose shots all have a delivered clip into {@code episodes/<episode>.mp4} with its
     * {@code .srt}, cover and contact sheet, and writes {@code episodes/season.json}. An episode whose inputs (the
     * ordered takes and the settings) did not change since the last assembly is skipped; one that still lacks shots
     * is listed in {@link AssemblyReport#incomplete()}. Sends nothing.
     */
    public AssemblyReport assemble(AssemblySettings settings, AssemblyListener listener) {
        EpisodeInputs.Result inputs = EpisodeInputs.collect(project, compile(), store, outputDir, ffmpeg);
        // Team mode: an episode version is assembled once, by whichever worker claims it; one being assembled on
        // another worker right now is left to it (one already done is skipped by the assembler as unchanged).
        // The claims are held while this assembly's heartbeat goes on (its first beat before the first claim).
        StudioStore.Lease lease = new StudioStore.Lease(
                "assembly/" + ProcessHandle.current().pid() + "/" + java.util.UUID.randomUUID(),
                options.leaseTime().toMillis());
        try (Heartbeat heartbeat = new Heartbeat(store, lease, options.clock())) {
            return assemble(inputs, settings, listener, lease);
        } finally {
            store.releaseLeases(lease.worker()); // its claims are finished, or free at once: it assembles no more
        }
    }

    private AssemblyReport assemble(
            EpisodeInputs.Result inputs,
            AssemblySettings settings,
            AssemblyListener listener,
            StudioStore.Lease lease) {
        Map<String, String> claimed = new LinkedHashMap<>();
        List<EpisodeInput> ready = new ArrayList<>();
        long now = options.clock().millis();
        for (EpisodeInput episode : inputs.ready()) {
            String version = Hashing.sha256(episode + "\n" + settings);
            if (store.claimAssembly(episode.episodeId(), version, lease, now)) {
                claimed.put(episode.episodeId(), version);
                ready.add(episode);
            } else if (store.assemblyState(episode.episodeId(), version)
                    .filter("done"::equals)
                    .isPresent()) {
                ready.add(episode);
            } else {
                store.event(
                        null, "assembly-elsewhere", episode.episodeId() + " is being assembled by another worker", now);
            }
        }
        if (ready.isEmpty()) {
            return new AssemblyReport(List.of(), inputs.incomplete(), Optional.empty());
        }
        SeasonExport season;
        try {
            season = EpisodeAssembler.create(ffmpeg, outputDir.resolve("episodes"))
                    .exportSeason(project.title(), ready, settings, listener);
        } catch (RuntimeException e) {
            claimed.forEach((episode, version) -> store.finishAssembly(episode, version, false));
            throw e;
        }
        claimed.forEach((episode, version) -> store.finishAssembly(episode, version, true));
        for (EpisodeResult episode : season.episodes()) {
            store.event(
                    null,
                    episode.skipped() ? "assembly-skipped" : "assembled",
                    episode.episodeId() + " -> " + outputDir.relativize(episode.video()),
                    options.clock().millis());
        }
        SeasonApprovals.write(season.manifest(), view().approvals());
        return new AssemblyReport(season.episodes(), inputs.incomplete(), Optional.of(season.manifest()));
    }

    /**
     * Where every shot stands and what was spent, from the state database alone: no compiling, hashing or network.
     * Shots are as last planned (a project never planned lists its shots as not generated, without estimates).
     */
    public StudioStatus status() {
        StudioStatus status = view().status();
        if (!status.shots().isEmpty() || !store.shots().isEmpty()) {
            return status;
        }
        List<ShotView> unplanned = new ArrayList<>();
        List<Shot> shots = project.shots();
        for (int i = 0; i < shots.size(); i++) {
            Shot s = shots.get(i);
            Project.Defaults d = project.defaults();
            unplanned.add(new ShotView(
                    s.key(),
                    i,
                    ShotState.NOT_GENERATED,
                    null,
                    "not planned yet",
                    "",
                    s.model().or(d::model).orElse(""),
                    s.duration().or(d::duration).orElse(5),
                    s.resolution().or(d::resolution).orElse("default"),
                    s.ratio().or(d::ratio).orElse("default"),
                    0,
                    null,
                    null,
                    0,
                    Money.cny(0),
                    0,
                    Money.cny(0)));
        }
        return new StudioStatus(
                unplanned,
                Map.of(ShotState.NOT_GENERATED.label(), unplanned.size()),
                status.estimatedCny(),
                status.spentCny(),
                status.budgetCny(),
                status.leftCny(),
                status.episodes(),
                status.shared(),
                status.lastEventSeq());
    }

    /**
     * The read side of this project's state (shots, takes, tasks, events, ledger), over this studio's database
     * connection. Closing it leaves the studio open. See {@link StudioView#open} for a view of its own, e.g. beside a
     * run in another process.
     */
    public StudioView view() {
        return new StudioView(store, outputDir, budget(), false);
    }

    /**
     * The ledger's image and chat charges of this project, over this studio's database (created with the output
     * folder if the project never ran). Closing it leaves the studio open.
     */
    public Charges charges() {
        return new Charges(writableStore(), options.clock(), false);
    }

    @Override
    public void close() {
        if (standIn != null) closeStandIn();
        else store.close();
    }

    private ShotKey existing(String episode, String shot) {
        ShotKey key = new ShotKey(episode, shot);
        if (project.shot(key).isEmpty()) {
            throw new StudioException("the project has no shot " + key);
        }
        return key;
    }

    private Optional<BigDecimal> budget() {
        return options.budgetCny().or(project::maxCny);
    }

    private List<ShotPlan> compile() {
        if (compiled != null) {
            return compiled;
        }
        Planner.Result result = new Planner(
                        project,
                        CostEstimator.withPrices(options.prices()),
                        video -> ffmpeg.probe(video).durationSeconds(),
                        sheetStage().current())
                .plan();
        if (!result.problems().isEmpty()) {
            throw new ProjectException(result.problems());
        }
        compiled = result.shots();
        return compiled;
    }

    private Plan plan(List<ShotPlan> shots) {
        List<PlanRow> rows = new ArrayList<>();
        long tokens = 0;
        BigDecimal cny = BigDecimal.ZERO;
        for (ShotPlan p : shots) {
            boolean reused =
                    Clips.usable(store, outputDir, p.key(), p.identity()).isPresent();
            rows.add(new PlanRow(
                    p.key(),
                    p.mode().label(),
                    p.model().id(),
                    p.seconds() == null ? 5 : p.seconds(),
                    p.resolution() == null ? "default" : p.resolution().value(),
                    p.ratio() == null ? "default" : p.ratio().value(),
                    p.estimate().tokens(),
                    p.estimate().cny(),
                    reused));
            if (!reused) {
                tokens += p.estimate().tokens();
                cny = cny.add(p.estimate().cny());
            }
        }
        store.saveShots(
                shots.stream()
                        .map(p -> new ShotRecord(
                                p.key(),
                                p.position(),
                                p.identity(),
                                p.mode().label(),
                                p.model().id(),
                                p.expectedSeconds(),
                                p.resolution() == null
                                        ? "default"
                                        : p.resolution().value(),
                                p.ratio() == null ? "default" : p.ratio().value(),
                                p.estimate().tokens(),
                                Money.micros(p.estimate().cny())))
                        .toList(),
                options.clock().millis());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(StudioView.FACT_TITLE, project.title());
        facts.put(
                StudioView.FACT_BUDGET, budget().map(BigDecimal::toPlainString).orElse(null));
        store.saveFacts(facts);
        SheetStage sheets = sheetStage();
        sheets.save();
        return new Plan(
                rows,
                tokens,
                cny.add(sheets.toSpend(name -> true)),
                Money.cny(store.spentCnyMicros()),
                budget(),
                sheets.rows(),
                sheets.warnings(shots));
    }

    private Engine engine(List<ShotPlan> shots, RunListener listener) {
        if (options.videoPublisher().isEmpty()) {
            List<ProjectProblem> problems = new ArrayList<>();
            for (ShotPlan p : shots) {
                p.inputs().stream()
                        .map(i -> i.source())
                        .filter(Source.LocalVideo.class::isInstance)
                        .map(Source.LocalVideo.class::cast)
                        .forEach(
                                v -> problems.add(
                                        new ProjectProblem(
                                                p.shot().position(),
                                                "episodes[" + p.key().episode() + "].shots["
                                                        + p.key().shot() + "]",
                                                "the local video "
                                                        + project.folder().relativize(v.path())
                                                        + " needs a URL the service can fetch: configure StudioOptions.videoPublisher"
                                                        + " (LoopbackVideoPublisher for the emulator, S3VideoPublisher for the real service)")));
            }
            if (!problems.isEmpty()) {
                throw new ProjectException(problems);
            }
        }
        SeedanceClient client = options.client()
                .orElseThrow(
                        () -> new StudioException(
                                "running needs a SeedanceClient (StudioOptions.builder().client(...)); plan and status do not"));
        return new Engine(shots, store, client, options, outputDir, ffmpeg, listener);
    }
}
