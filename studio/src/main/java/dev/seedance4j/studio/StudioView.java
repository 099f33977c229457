package dev.seedance4j.studio;

import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.sheets.SheetStage;
import dev.seedance4j.studio.internal.store.ChargeRecord;
import dev.seedance4j.studio.internal.store.SheetStore;
import dev.seedance4j.studio.internal.store.ShotRecord;
import dev.seedance4j.studio.internal.store.ShotStateRule;
import dev.seedance4j.studio.internal.store.SkipRecord;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TakeRecord;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of a project's state: shots in project order with their derived state, takes, tasks, the event log
 * and the ledger. Every answer comes from the state database alone: nothing is compiled, hashed or sent, so a view
 * can be opened beside a running engine (another process, or a web board in this one) and asked as often as a page
 * needs. Clips are checked by their size only (the engine hashes them when their size or time changed).
 *
 * <pre>{@code
 * try (StudioView view = StudioView.open(Path.of("out/drama"))) {   // where the run keeps studio.db
 *     for (ShotView shot : view.shots()) {
 *         System.out.println(shot.shot() + " " + shot.state() + (shot.reason() == null ? "" : " " + shot.remedy()));
 *     }
 *     long seen = 0;
 *     for (EventView event : view.events(seen, 100)) {   // a board streams "everything after the last one seen"
 *         seen = event.seq();
 *     }
 *     System.out.println(view.ledger().project().billedCny() + " CNY billed");
 * }
 * }</pre>
 *
 * <p>Or from an open studio: {@code studio.view()} (shares its database connection; closing that view does not close
 * the studio). Thread-safe.
 */
public final class StudioView implements AutoCloseable {
    /** The fact names written at planning time. */
    static final String FACT_TITLE = "title";

    static final String FACT_BUDGET = "budget_cny";

    private final StudioStore store;
    private final Path outputDir;
    private final Optional<BigDecimal> budgetOverride;
    private final boolean ownsStore;

    StudioView(StudioStore store, Path outputDir, Optional<BigDecimal> budgetOverride, boolean ownsStore) {
        this.store = store;
        this.outputDir = outputDir;
        this.budgetOverride = budgetOverride;
        this.ownsStore = ownsStore;
    }

    /**
     * Opens the state of the project whose output folder is {@code outputDir} (the folder holding {@code studio.db})
     * for reading, beside whatever else uses it.
     *
     * @throws StudioException when there is no state database there (nothing was planned or run in that folder)
     */
    public static StudioView open(Path outputDir) {
        Path folder = outputDir.toAbsolutePath().normalize();
        Path database = folder.resolve(Studio.DATABASE);
        if (!Files.isRegularFile(database)) {
            throw new StudioException("there is no state database in " + folder + " (" + Studio.DATABASE
                    + " is written when a project is first run there)");
        }
        return new StudioView(StudioStore.openSqliteReader(database), folder, Optional.empty(), true);
    }

    /** The folder clips, episodes and the state database are kept in. */
    public Path outputDir() {
        return outputDir;
    }

    /** The project's title as last planned, if it has been planned. */
    public Optional<String> title() {
        return Optional.ofNullable(store.facts().get(FACT_TITLE));
    }

    /** Every shot of the project as last planned, in project order, with its derived state. */
    public List<ShotView> shots() {
        return store.consistently(this::snapshot).shotViews();
    }

    /** One shot, if the last plan has it. */
    public Optional<ShotView> shot(ShotKey shot) {
        return shots().stream().filter(s -> s.shot().equals(shot)).findFirst();
    }

    /** Every take of a shot (of every version of it), in take order. */
    public List<TakeView> takes(ShotKey shot) {
        Snapshot s = store.consistently(() -> new Snapshot(
                store.shots().stream().filter(r -> r.shot().equals(shot)).toList(),
                store.takes(shot),
                store.tasksOf(shot),
                store.pickedTake(shot).map(take -> Map.of(shot, take)).orElse(Map.of()),
                store.skips().stream().filter(k -> k.shot().equals(shot)).toList(),
                store.facts(),
                List.of()));
        return s.takeViews(shot);
    }

    /**
     * Team mode: who holds which open task, sheet being made and episode being assembled, the store's workers and its
     * keys' quotas, as of {@code now}.
     */
    public TeamView team(Instant now) {
        long at = now.toEpochMilli();
        return store.consistently(() -> new TeamView(
                store
                        .tasksIn(java.util.EnumSet.of(
                                dev.seedance4j.studio.internal.store.TaskState.INTENT,
                                dev.seedance4j.studio.internal.store.TaskState.UNKNOWN,
                                dev.seedance4j.studio.internal.store.TaskState.QUEUED,
                                dev.seedance4j.studio.internal.store.TaskState.RUNNING,
                                dev.seedance4j.studio.internal.store.TaskState.SUCCEEDED))
                        .stream()
                        .filter(t -> t.leaseOwner() != null)
                        .map(t -> new TeamView.Holder(
                                t.shot(),
                                t.remoteId(),
                                t.status().db(),
                                t.leaseOwner(),
                                Instant.ofEpochMilli(t.leaseUntil() == null ? 0 : t.leaseUntil()),
                                !t.leaseAlive(at)))
                        .toList(),
                store.claims().stream()
                        .map(c -> new TeamView.Claim(
                                c.kind(),
                                c.subject(),
                                c.worker(),
                                Instant.ofEpochMilli(c.leaseEnd() == null ? 0 : c.leaseEnd()),
                                !c.alive(at)))
                        .toList(),
                store.workers().stream()
                        .map(w -> new TeamView.Worker(
                                w.worker(), w.host(), w.pid(), Instant.ofEpochMilli(w.heartbeatAt()), w.alive(at)))
                        .toList(),
                store.keyUse(at).stream()
                        .map(k -> new TeamView.Quota(
                                k.label(), k.maxInFlight(), k.requestsPerMinute(), k.inFlight(), k.lastMinute()))
                        .toList()));
    }

    /** Every task of the project, in creation order. */
    public List<TaskView> tasks() {
        return store.tasks().stream().map(StudioView::task).toList();
    }

    /** Every task of one shot, in creation order. */
    public List<TaskView> tasks(ShotKey shot) {
        return store.tasksOf(shot).stream().map(StudioView::task).toList();
    }

    /**
     * The create request one task of a shot sent, as kept: the wire's field names and values, inline files as their
     * type and SHA-256 (never a key: requests carry none).
     */
    public Optional<String> request(ShotKey shot, String intentId) {
        return store.tasksOf(shot).stream()
                .filter(t -> t.intentId().equals(intentId))
                .map(TaskRecord::requestJson)
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /**
     * At most {@code limit} events numbered above {@code afterSeq}, in order. Numbers rise in commit order across
     * processes, so asking again with the last number seen never misses an event.
     */
    public List<EventView> events(long afterSeq, int limit) {
        return store.events(afterSeq, limit).stream()
                .map(e -> new EventView(e.seq(), Instant.ofEpochMilli(e.atMillis()), e.shot(), e.kind(), e.detail()))
                .toList();
    }

    /** The number of the last event committed (0 when there is none). */
    public long lastEventSeq() {
        return store.lastEventSeq();
    }

    /**
     * A value that changes whenever anything a reader shows may have changed (an event, a task's status or cost, a
     * take, a pick, an approval). Cheap: a watcher may ask it several times a second and read the rest only when it
     * changes.
     */
    public String changeMark() {
        return store.changeMark();
    }

    /** Every episode approval, oldest first. */
    public List<ApprovalView> approvals() {
        return store.approvals().stream()
                .map(a ->
                        new ApprovalView(a.episode(), a.stamp(), a.by(), Instant.ofEpochMilli(a.atMillis()), a.note()))
                .toList();
    }

    /** Estimated, billed and in-flight money per shot, episode and project, with the budget and what is left. */
    public LedgerView ledger() {
        return store.consistently(this::snapshot).ledger();
    }

    /** Everything {@code seedance status} shows, read at one moment. */
    public StudioStatus status() {
        Snapshot s = store.consistently(this::snapshot);
        List<ShotView> shots = s.shotViews();
        Map<ShotState, Integer> byState = new EnumMap<>(ShotState.class);
        shots.forEach(v -> byState.merge(v.state(), 1, Integer::sum));
        Map<String, Integer> counts = new LinkedHashMap<>();
        byState.forEach((state, n) -> counts.put(state.label(), n));
        LedgerView ledger = s.ledger();
        return new StudioStatus(
                shots,
                counts,
                ledger.project().estimatedCny(),
                ledger.project().billedCny(),
                ledger.budgetCny(),
                ledger.leftCny(),
                ledger.episodes(),
                ledger.shared(),
                store.lastEventSeq());
    }

    /** Closes the view's own database connection (a view from {@link Studio#view()} leaves the studio's open). */
    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }

    /**
     * The reference sheets as last planned (characters and scenes described in words), each with the take and image
     * its shots use, from the state alone.
     */
    public List<SheetView> sheets() {
        return store.consistently(() -> {
            SheetStore sheets = new SheetStore(store);
            return SheetStage.views(sheets.planned(), sheets, outputDir);
        });
    }

    /** Every image generation and chat completion of the project, in the order they were made. */
    public List<ChargeView> charges() {
        return store.charges().stream().map(Charges::view).toList();
    }

    private Snapshot snapshot() {
        return new Snapshot(
                store.shots(),
                store.allTakes(),
                store.tasks(),
                store.picks(),
                store.skips(),
                store.facts(),
                store.charges());
    }

    private static TaskView task(TaskRecord t) {
        return new TaskView(
                t.intentId(),
                t.shot(),
                t.takeNo(),
                t.remoteId(),
                t.status().db(),
                t.model(),
                t.seed(),
                t.estimatedTokens(),
                Money.cny(t.estimatedCnyMicros()),
                t.billedTokens(),
                t.billedCnyMicros() == null ? null : Money.cny(t.billedCnyMicros()),
                t.errorCode(),
                t.errorMessage(),
                t.reason(),
                Instant.ofEpochMilli(t.createdAt()),
                instant(t.submittedAt()),
                instant(t.finishedAt()),
                instant(t.urlExpiresAt()));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** A delivered clip counts while its file and last frame are there and the clip has its recorded size. */
    private boolean present(TaskRecord task) {
        if (task.clipPath() == null || task.lastFramePath() == null) {
            return false;
        }
        Path clip = outputDir.resolve(task.clipPath());
        try {
            return Files.isRegularFile(outputDir.resolve(task.lastFramePath()))
                    && Files.isRegularFile(clip)
                    && (task.clipBytes() == null || Files.size(clip) == task.clipBytes());
        } catch (IOException e) {
            return false;
        }
    }

    /** The rows a read works on, read in one transaction. */
    private final class Snapshot {
        final List<ShotRecord> shots;
        final Map<ShotKey, List<TakeRecord>> takes = new LinkedHashMap<>();
        final Map<ShotKey, List<TaskRecord>> tasks = new LinkedHashMap<>();
        final Map<ShotKey, Integer> picks;
        final Map<ShotKey, SkipRecord> skips = new LinkedHashMap<>();
        final Map<String, String> facts;
        final List<ChargeRecord> charges;

        Snapshot(
                List<ShotRecord> shots,
                List<TakeRecord> takes,
                List<TaskRecord> tasks,
                Map<ShotKey, Integer> picks,
                List<SkipRecord> skips,
                Map<String, String> facts,
                List<ChargeRecord> charges) {
            this.shots = shots;
            this.charges = charges;
            takes.forEach(t ->
                    this.takes.computeIfAbsent(t.shot(), k -> new ArrayList<>()).add(t));
            tasks.forEach(t ->
                    this.tasks.computeIfAbsent(t.shot(), k -> new ArrayList<>()).add(t));
            this.picks = picks;
            skips.forEach(s -> this.skips.put(s.shot(), s));
            this.facts = facts;
        }

        ShotStateRule.Derived derive(ShotRecord shot) {
            ShotKey key = shot.shot();
            return ShotStateRule.derive(
                    shot.identity(),
                    takes.getOrDefault(key, List.of()),
                    tasks.getOrDefault(key, List.of()),
                    Optional.ofNullable(picks.get(key)),
                    skips.get(key),
                    StudioView.this::present);
        }

        List<ShotView> shotViews() {
            List<ShotView> views = new ArrayList<>();
            for (ShotRecord shot : shots) {
                ShotKey key = shot.shot();
                ShotStateRule.Derived d = derive(shot);
                long[] billed = billed(tasks.getOrDefault(key, List.of()));
                String message = d.message();
                if (d.open() != null && d.open().remoteId() != null) {
                    message = d.open().remoteId() + " (take " + d.open().takeNo() + ")";
                }
                views.add(new ShotView(
                        key,
                        shot.position(),
                        d.state(),
                        d.reason(),
                        message,
                        shot.mode(),
                        shot.model(),
                        shot.seconds(),
                        shot.resolution(),
                        shot.ratio(),
                        takes.getOrDefault(key, List.of()).size(),
                        d.clip() == null ? null : d.clip().takeNo(),
                        d.clip() == null ? null : outputDir.resolve(d.clip().clipPath()),
                        shot.estimatedTokens(),
                        Money.cny(shot.estimatedCnyMicros()),
                        billed[0],
                        Money.cny(billed[1])));
            }
            return views;
        }

        List<TakeView> takeViews(ShotKey key) {
            ShotRecord shot =
                    shots.stream().filter(s -> s.shot().equals(key)).findFirst().orElse(null);
            TaskRecord used = shot == null ? null : derive(shot).clip();
            List<TaskRecord> shotTasks = tasks.getOrDefault(key, List.of());
            List<TakeView> views = new ArrayList<>();
            for (TakeRecord take : takes.getOrDefault(key, List.of())) {
                List<TaskRecord> ofTake = shotTasks.stream()
                        .filter(t -> t.takeNo() == take.takeNo())
                        .toList();
                TaskRecord clip = ofTake.stream()
                        .filter(t -> t.intentId().equals(take.deliveredIntentId()))
                        .findFirst()
                        .orElse(null);
                String remoteId = clip != null
                        ? clip.remoteId()
                        : ofTake.stream()
                                .map(TaskRecord::remoteId)
                                .filter(id -> id != null)
                                .reduce((a, b) -> b)
                                .orElse(null);
                long[] billed = billed(ofTake);
                views.add(new TakeView(
                        key,
                        take.takeNo(),
                        take.state(),
                        shot != null && shot.identity().equals(take.identity()),
                        used != null && used.takeNo() == take.takeNo(),
                        take.seed(),
                        ShotStateRule.reason(take.reason()),
                        clip == null ? null : outputDir.resolve(clip.clipPath()),
                        clip == null ? null : outputDir.resolve(clip.lastFramePath()),
                        clip == null ? null : clip.clipSeconds(),
                        clip == null ? null : clip.clipWidth(),
                        clip == null ? null : clip.clipHeight(),
                        remoteId,
                        billed[0],
                        Money.cny(billed[1]),
                        Instant.ofEpochMilli(take.createdAt()),
                        instant(take.finishedAt())));
            }
            return views;
        }

        LedgerView ledger() {
            Map<String, long[]> episodes = new LinkedHashMap<>();
            Map<ShotKey, long[]> byShot = new LinkedHashMap<>();
            long[] video = new long[LINE];
            for (ShotRecord shot : shots) {
                long[] m = sums(shot.estimatedTokens(), shot.estimatedCnyMicros(), tasks.get(shot.shot()));
                add(episodes.computeIfAbsent(shot.shot().episode(), e -> new long[LINE]), m);
                add(video, m);
                byShot.put(shot.shot(), m);
            }
            // tasks of shots no longer planned still count for their episode (money spent is spent)
            tasks.forEach((key, list) -> {
                if (shots.stream().noneMatch(s -> s.shot().equals(key))) {
                    long[] m = sums(0, 0, list);
                    add(episodes.computeIfAbsent(key.episode(), e -> new long[LINE]), m);
                    add(video, m);
                }
            });
            // image and chat charges: in their episode (and shot) when they have one, else in a shared line
            Map<String, long[]> shared = new LinkedHashMap<>();
            Map<String, long[]> kinds = new LinkedHashMap<>();
            kinds.put("video", video);
            for (ChargeKind kind : ChargeKind.values()) {
                kinds.put(kind.label(), new long[LINE]);
            }
            for (ChargeRecord c : charges) {
                long[] m = charge(c);
                add(kinds.get(c.kind()), m);
                if (c.episodeId() != null) {
                    add(episodes.computeIfAbsent(c.episodeId(), e -> new long[LINE]), m);
                    if (c.subjectKind().equals("shot")) {
                        long[] line = byShot.get(new ShotKey(c.episodeId(), c.subjectId()));
                        if (line != null) {
                            add(line, m);
                        }
                    }
                } else {
                    add(shared.computeIfAbsent(sharedLine(c.subjectKind()), k -> new long[LINE]), m);
                }
            }
            long[] total = new long[LINE];
            episodes.values().forEach(m -> add(total, m));
            shared.values().forEach(m -> add(total, m));
            Ledger project = ledger(total);
            Optional<BigDecimal> budget = budgetOverride.or(
                    () -> Optional.ofNullable(facts.get(FACT_BUDGET)).map(BigDecimal::new));
            return new LedgerView(
                    project,
                    ledgers(episodes),
                    ledgers(shared),
                    ledgers(kinds),
                    ledgers(byShot),
                    budget,
                    budget.map(b -> b.subtract(project.billedCny())));
        }

        /** {estimated tokens, estimated micros, billed tokens, billed micros, in-flight micros, images x2}. */
        private long[] sums(long estimatedTokens, long estimatedMicros, List<TaskRecord> list) {
            long[] billed = billed(list == null ? List.of() : list);
            long inFlight = list == null
                    ? 0
                    : list.stream()
                            .filter(t -> t.status().isOpen() && t.billedCnyMicros() == null)
                            .mapToLong(TaskRecord::estimatedCnyMicros)
                            .sum();
            return new long[] {estimatedTokens, estimatedMicros, billed[0], billed[1], inFlight, 0, 0};
        }

        private static long[] charge(ChargeRecord c) {
            boolean images = c.kind().equals(ChargeKind.IMAGE.label());
            long billedUnits = c.billedUnits() == null ? 0 : c.billedUnits();
            return new long[] {
                images ? 0 : c.estimatedUnits(),
                c.estimatedCnyMicros(),
                images ? 0 : billedUnits,
                c.billedCnyMicros() == null ? 0 : c.billedCnyMicros(),
                c.mayStillBeBilled() ? c.estimatedCnyMicros() : 0,
                images ? c.estimatedUnits() : 0,
                images ? billedUnits : 0
            };
        }

        private static String sharedLine(String subjectKind) {
            return subjectKind.equals("sheet") ? "sheets" : subjectKind;
        }

        private static void add(long[] into, long[] m) {
            for (int i = 0; i < m.length; i++) {
                into[i] += m[i];
            }
        }

        private static <K> Map<K, Ledger> ledgers(Map<K, long[]> lines) {
            Map<K, Ledger> out = new LinkedHashMap<>();
            lines.forEach((k, m) -> out.put(k, ledger(m)));
            return out;
        }

        private static Ledger ledger(long[] m) {
            return new Ledger(m[0], Money.cny(m[1]), m[2], Money.cny(m[3]), Money.cny(m[4]), m[5], m[6]);
        }
    }

    /** The figures of a ledger line while it is summed (see {@link Snapshot#sums}). */
    private static final int LINE = 7;

    private static long[] billed(List<TaskRecord> tasks) {
        long tokens = 0;
        long micros = 0;
        for (TaskRecord t : tasks) {
            tokens += t.billedTokens() == null ? 0 : t.billedTokens();
            micros += t.billedCnyMicros() == null ? 0 : t.billedCnyMicros();
        }
        return new long[] {tokens, micros};
    }
}
