package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.studio.BudgetExceededException;
import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.RunEvent;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.StudioOptions;
import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.store.ShotStateRule;
import dev.seedance4j.studio.internal.store.SkipRecord;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TakeRecord;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a compiled project to the end: submits what is missing, follows every task, fetches and verifies every
 * result, and never sends the same thing twice. A conductor thread (the caller's) owns the shots of the run and
 * drives four stages around the durable state in the store: the {@link Submitter} (claim, intent, create, remote
 * id), the {@link Reconciler} (creates of unknown outcome), the {@link Watcher} (polling, result-link expiry) and the
 * {@link Fetcher} (download and verify on a small pool; its outcomes come back to the conductor as signals).
 *
 * <p>The order of durable writes is what makes a crash at any instant safe: a take before its first intent, an
 * intent before its create call, the remote id right after, a clip moved into place before it is recorded as
 * delivered. On start, intents without a remote id are reconciled against the account's task list, known remote
 * tasks are resumed by id, and succeeded tasks not yet fetched are fetched.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int DOWNLOAD_ATTEMPTS = 3;
    static final Set<TaskState> OPEN =
            Set.of(TaskState.INTENT, TaskState.UNKNOWN, TaskState.QUEUED, TaskState.RUNNING, TaskState.SUCCEEDED);
    private static final List<TaskState> SLOT_HOLDERS =
            List.of(TaskState.INTENT, TaskState.UNKNOWN, TaskState.QUEUED, TaskState.RUNNING);

    private final RunContext run;
    private final Ffmpeg ffmpeg;
    /** What wakes the conductor between rounds: fetch outcomes and callbacks. */
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

    private final Map<String, Integer> downloadAttempts = new HashMap<>();
    private boolean budgetReached;
    private long lastContact;

    public Engine(
            List<ShotPlan> plans,
            StudioStore store,
            SeedanceClient client,
            StudioOptions options,
            Path outputDir,
            Ffmpeg ffmpeg,
            RunListener listener) {
        this.run = new RunContext(plans, store, client, options, outputDir, listener);
        this.ffmpeg = ffmpeg;
    }

    /** A callback arrived: the next round starts at once. */
    private record Callback(String summary) {}

    /**
     * Runs the shots in {@code scope} (their dependencies must be delivered or in scope too).
     *
     * @param regen when non-null, a new take of that one shot is forced (with {@code regenSeed} if given)
     * @param budget checked at admission and before every submission
     */
    public RunReport run(
            Predicate<ShotKey> scope, ShotKey regen, Long regenSeed, Optional<BigDecimal> budget, Plan plan) {
        StudioOptions options = run.options;
        StudioStore store = run.store;
        CallbackReceiver callbacks = options.callbackListen().isPresent()
                ? new CallbackReceiver(
                        options.callbackListen().get(),
                        options.callbackUrl().orElse(null),
                        summary -> signals.add(new Callback(summary)))
                : null;
        int created;
        Heartbeat heartbeat = new Heartbeat(store, run.lease, options.clock());
        // this process's own pace: the sum of its keys' (the store enforces each key's across every worker)
        try (Submitter submitter = new Submitter(
                        run,
                        new RateLimiter(
                                run.keys.stream()
                                        .mapToInt(StudioStore.KeyQuota::requestsPerMinute)
                                        .sum(),
                                options.clock()),
                        () -> callbacks == null ? null : callbacks.url());
                Fetcher fetcher = new Fetcher(run, ffmpeg, options.fetchThreads(), signals::add)) {
            Watcher watcher = new Watcher(run, fetcher, callbacks != null);
            Reconciler reconciler = new Reconciler(run);
            lastContact = run.now();
            takeOver(reconciler);
            reconciler.recoverOpenTasks();
            admit(scope, regen, regenSeed, budget, plan);
            try {
                new Conductor(submitter, reconciler, watcher, fetcher, budget).loop();
            } finally {
                created = submitter.created();
            }
        } finally {
            if (callbacks != null) {
                callbacks.close();
            }
            heartbeat.close();
            try {
                store.releaseLeases(run.lease.worker());
            } catch (StudioException e) {
                LOG.warn(
                        "could not release this run's leases; they expire in {}: {}",
                        options.leaseTime(),
                        e.getMessage());
            }
        }
        return report(scope, created);
    }

    /** Where each shot starts in this run, then admission against the budget. */
    private void admit(
            Predicate<ShotKey> scope, ShotKey regen, Long regenSeed, Optional<BigDecimal> budget, Plan plan) {
        StudioStore store = run.store;
        ClipAdopter.adopt(run); // a state database that lost shots whose clips are here: take them back, or stop
        Map<ShotKey, SkipRecord> skips = new HashMap<>();
        store.skips().forEach(k -> skips.put(k.shot(), k));
        ShotRows rows = ShotRows.read(store);
        for (ShotPlan p : run.planByKey.values()) {
            ShotRun shot = new ShotRun(p);
            run.runs.put(p.key(), shot);
            shot.knownDelivered = rows.tasksOf(p.key()).stream()
                    .filter(t -> t.status() == TaskState.DELIVERED)
                    .map(TaskRecord::intentId)
                    .collect(Collectors.toSet());
            List<TakeRecord> takes = rows.takesOf(p.key());
            // the one rule (status and the board use it too) says where the shot stands
            ShotStateRule.Derived state = Clips.derive(
                    store,
                    run.outputDir,
                    p.identity(),
                    takes,
                    rows.tasksOf(p.key()),
                    rows.picked(p.key()),
                    skips.get(p.key()));
            Optional<TakeRecord> pending = takes.stream()
                    .filter(t -> t.pending() && t.identity().equals(p.identity()))
                    .reduce((a, b) -> b);
            if (p.key().equals(regen)) {
                int take = store.newTake(p.key(), p.identity(), regenSeed, run.now());
                shot.takeNo = take;
                shot.seedOverride = regenSeed;
                shot.pickWhenDelivered = true;
                store.event(
                        p.key(),
                        "regen",
                        "new take " + take + (regenSeed == null ? "" : " with seed " + regenSeed),
                        run.now());
            } else if (pending.isPresent() && scope.test(p.key())) {
                // a take made by an earlier run: in flight when it has an open task, else its create is still due
                shot.takeNo = pending.get().takeNo();
                shot.seedOverride = pending.get().seed();
                shot.pickWhenDelivered = pending.get().seed() != null;
                if (state.open() != null && shot.isTake(state.open().takeNo())) {
                    shot.phase = ShotRun.Phase.IN_FLIGHT;
                }
            } else if (state.clip() != null) {
                shot.phase = ShotRun.Phase.DELIVERED;
                shot.reused = true;
            } else if (!scope.test(p.key())) {
                shot.phase = ShotRun.Phase.OUT_OF_SCOPE;
            }
        }
        countDependants();
        // Admission against the budget: what still has to be sent, plus what is in flight, plus what was spent.
        long toSend = run.runs.values().stream()
                .filter(r -> r.phase == ShotRun.Phase.WAITING)
                .mapToLong(r -> Money.micros(r.plan.estimate().cny()))
                .sum();
        if (budget.isPresent()
                && store.spentCnyMicros() + store.inFlightEstimateMicros() + toSend > Money.micros(budget.get())) {
            throw new BudgetExceededException(plan);
        }
        long waiting = run.runs.values().stream()
                .filter(r -> r.phase == ShotRun.Phase.WAITING)
                .count();
        run.emit(
                RunEvent.Kind.STARTED,
                null,
                run.runs.values().stream().filter(r -> r.reused).count() + " reused, " + waiting + " to generate, "
                        + run.held(OPEN).size() + " tasks resumed",
                null);
        run.runs.values().stream()
                .filter(r -> r.reused && scope.test(r.plan.key()))
                .forEach(r -> run.emit(
                        RunEvent.Kind.REUSED, r.plan.key(), "verified clip exists for this exact request", null));
    }

    /**
     * Takes over the project's tasks whose holder's lease expired (a worker that died or lost the database), or whose
     * holder was a process of this machine that is gone: they are followed by their remote id, never created again;
     * an intent without one is reconciled against the account's task list first.
     */
    private void takeOver(Reconciler reconciler) {
        Heartbeat.expireGoneProcesses(run.store, run.now());
        for (TaskRecord task : run.store.takeOverExpired(run.lease, run.keyIds(), run.intentGrace(), 100, run.now())) {
            String detail = task.remoteId() == null
                    ? "an intent without a remote id: reconciling it against the account's task list"
                    : "following " + task.remoteId() + " by its id";
            run.store.event(task.shot(), "taken_over", detail, run.now());
            run.emit(
                    RunEvent.Kind.RESUMED,
                    task.shot(),
                    "taken over from a worker whose lease expired; " + detail,
                    null);
            if (task.status() == TaskState.INTENT || task.status() == TaskState.UNKNOWN) {
                reconciler.settle(task);
            }
        }
    }

    /** Records remote ids whose create succeeded while the database was out of reach (never lost, never twice). */
    private void recordUnrecorded() {
        if (run.unrecorded.isEmpty()) {
            return;
        }
        Set<String> known = run.store.knownRemoteIds();
        for (var it = run.unrecorded.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Optional<TaskRecord> task = run.store.task(entry.getKey());
            if (!known.contains(entry.getValue())
                    && task.isPresent()
                    && task.get().remoteId() == null
                    && task.get().status().isOpen()
                    && run.store.markSubmitted(entry.getKey(), entry.getValue(), run.now())) {
                run.store.event(
                        task.get().shot(),
                        "submitted",
                        entry.getValue() + " (recorded late: the database was out of reach)",
                        run.now());
            }
            it.remove(); // else a worker that took the intent over adopted the task already
        }
    }

    /** Shots others wait on are sent first: the longer the tail behind a shot, the earlier. */
    private void countDependants() {
        for (ShotRun shot : run.runs.values()) {
            Set<ShotKey> seen = new HashSet<>();
            List<ShotKey> todo = new ArrayList<>(shot.plan.dependencies());
            while (!todo.isEmpty()) {
                ShotKey dep = todo.remove(todo.size() - 1);
                ShotRun d = run.runs.get(dep);
                if (d != null && seen.add(dep)) {
                    d.dependants++;
                    todo.addAll(d.plan.dependencies());
                }
            }
        }
    }

    /** The rows of every shot of the project, read at once (one query each, not three per shot). */
    private record ShotRows(
            Map<ShotKey, List<TakeRecord>> takes, Map<ShotKey, List<TaskRecord>> tasks, Map<ShotKey, Integer> picks) {
        static ShotRows read(StudioStore store) {
            Map<ShotKey, List<TakeRecord>> takes = new HashMap<>();
            store.allTakes()
                    .forEach(t -> takes.computeIfAbsent(t.shot(), k -> new ArrayList<>())
                            .add(t));
            Map<ShotKey, List<TaskRecord>> tasks = new HashMap<>();
            store.tasks()
                    .forEach(t -> tasks.computeIfAbsent(t.shot(), k -> new ArrayList<>())
                            .add(t));
            return new ShotRows(takes, tasks, store.picks());
        }

        List<TakeRecord> takesOf(ShotKey shot) {
            return takes.getOrDefault(shot, List.of());
        }

        List<TaskRecord> tasksOf(ShotKey shot) {
            return tasks.getOrDefault(shot, List.of());
        }

        Optional<Integer> picked(ShotKey shot) {
            return Optional.ofNullable(picks.get(shot));
        }
    }

    private RunReport report(Predicate<ShotKey> scope, int created) {
        BigDecimal spent = Money.cny(run.store.spentCnyMicros());
        List<RunReport.ShotOutcome> outcomes = new ArrayList<>();
        ShotRows rows = ShotRows.read(run.store);
        for (ShotRun shot : run.runs.values()) {
            if (!scope.test(shot.plan.key())) {
                continue;
            }
            if (shot.phase == ShotRun.Phase.DELIVERED) {
                ShotKey key = shot.plan.key();
                TaskRecord clip = Clips.usable(
                                run.store,
                                run.outputDir,
                                shot.plan.identity(),
                                rows.takesOf(key),
                                rows.tasksOf(key),
                                rows.picked(key))
                        .orElseThrow();
                outcomes.add(new RunReport.ShotOutcome(
                        shot.plan.key(),
                        true,
                        shot.reused,
                        run.outputDir.resolve(clip.clipPath()),
                        clip.takeNo(),
                        null,
                        null));
            } else {
                outcomes.add(new RunReport.ShotOutcome(
                        shot.plan.key(), false, false, null, shot.takeNo, shot.reason, shot.message));
            }
        }
        RunReport report = new RunReport(outcomes, created, spent, budgetReached);
        run.emit(
                RunEvent.Kind.FINISHED,
                null,
                report.delivered() + " delivered (" + report.reused() + " reused), "
                        + (outcomes.size() - report.delivered()) + " failed, " + created + " created, "
                        + spent.toPlainString() + " CNY spent",
                null);
        return report;
    }

    /** The conductor loop and the steps it takes between rounds; runs on the caller's thread only. */
    private final class Conductor {
        private final Submitter submitter;
        private final Reconciler reconciler;
        private final Watcher watcher;
        private final Fetcher fetcher;
        private final Optional<BigDecimal> budget;
        private boolean roundNow;
        private boolean heldBack;
        /** The shared quota was full: no claim before then (or before a round brings news of this run's tasks). */
        private long quotaRetryAt;
        /** When expired leases are looked for next (a few times per lease, not at every turn). */
        private long nextTakeOver;

        private long nextRound;

        Conductor(
                Submitter submitter,
                Reconciler reconciler,
                Watcher watcher,
                Fetcher fetcher,
                Optional<BigDecimal> budget) {
            this.submitter = submitter;
            this.reconciler = reconciler;
            this.watcher = watcher;
            this.fetcher = fetcher;
            this.budget = budget;
        }

        void loop() {
            fetchSucceeded();
            nextRound = watcher.nextRoundAt(List.of());
            long outageSince = -1;
            while (true) {
                try {
                    if (!step()) {
                        break;
                    }
                    outageSince = -1;
                } catch (StudioException e) {
                    if (!(e.getCause() instanceof java.sql.SQLException)) {
                        throw e;
                    }
                    // The database is out of reach (a dropped connection, a restarting server): nothing is sent
                    // while it is, and the run goes on where it stood when it answers again; leases lost meanwhile
                    // are another worker's now, and this run follows those tasks from the store.
                    outageSince = outageSince < 0 ? run.now() : outageSince;
                    if (run.now() - outageSince
                            > run.options.databaseOutageLimit().toMillis()) {
                        throw new StudioException(
                                "the state database has been out of reach for " + run.options.databaseOutageLimit()
                                        + "; the run stops and resumes where it stood when started again: "
                                        + e.getMessage(),
                                e);
                    }
                    LOG.warn("the state database is out of reach; trying again: {}", e.getMessage());
                    await(run.options.pollMin().toMillis());
                    lastContact = run.now(); // silence from the database is not silence from the service
                }
            }
            if (budgetReached) {
                run.runs.values().stream()
                        .filter(r -> r.phase == ShotRun.Phase.WAITING)
                        .forEach(r -> run.fail(r, ReasonCode.BUDGET, "not submitted: the budget would be passed"));
            }
        }

        /** One turn of the loop; false when this run's work is done. */
        private boolean step() {
            recordUnrecorded();
            if (run.now() >= nextTakeOver) {
                takeOver(reconciler);
                nextTakeOver = run.now()
                        + Math.max(
                                run.options.pollMin().toMillis(),
                                run.options.leaseTime().toMillis() / 3);
            }
            takeSignals();
            failBlocked();
            heldBack = false;
            if (submitReady() > 0) {
                // the new tasks may push the next round later (to gather them), never earlier
                nextRound = Math.max(
                        nextRound, watcher.nextRoundAt(run.held(List.of(TaskState.QUEUED, TaskState.RUNNING))));
            }
            List<TaskRecord> open = run.store.tasksIn(OPEN);
            // this run's share of them, as run.held(OPEN) reads it (one query a turn rather than one per question)
            long read = run.now();
            List<TaskRecord> held = open.stream()
                    .filter(t -> run.holds(t) && t.leaseAlive(read))
                    .toList();
            followOthersTasks(open);
            if (followOutcomesRecordedElsewhere(open)) {
                return true; // a shot changed state: its dependants may be ready, or it may be sent again
            }
            boolean submittable =
                    !budgetReached && run.runs.values().stream().anyMatch(r -> r.phase == ShotRun.Phase.WAITING);
            // this run's work: the tasks it holds and the shots it follows (another run's tasks for shots out of
            // this run's scope are that run's to finish)
            boolean mine = !held.isEmpty()
                    || !run.unrecorded.isEmpty()
                    || run.runs.values().stream().anyMatch(r -> r.phase == ShotRun.Phase.IN_FLIGHT);
            if (!mine && !submittable && fetcher.idle()) {
                return false;
            }
            giveUpWithoutContact();
            long now = run.now();
            // a round polls, settles and fetches the tasks this run watches: with none (a worker following others'
            // tasks, or waiting for the shared quota) there is nothing to ask the service, and no round is due
            boolean watching = open.stream().anyMatch(run::watches);
            if (roundNow || (watching && now >= nextRound)) {
                roundNow = false;
                boolean changed = round(open);
                nextRound = watcher.nextRoundAt(watcher.stillInFlight());
                if (changed) {
                    return true;
                }
                // nothing moved (tasks still running): this turn's reads still hold, so wait for the next round rather
                // than reading every open task again (10 000 rows with that many in flight)
                now = run.now();
            }
            long reconcileAt = reconciler.nextDueAt(held);
            long wake = Math.min(watching ? nextRound : Long.MAX_VALUE, reconcileAt);
            // the rate limiter or a 429 holds a shot back, or another run's tasks are followed (a full shared quota is
            // looked at again at quotaRetryAt)
            if (heldBack || (submittable && !mine && quotaRetryAt <= now)) {
                wake = Math.min(wake, now + run.options.pollMin().toMillis());
            }
            if (quotaRetryAt > now) {
                wake = Math.min(wake, quotaRetryAt);
            }
            if (held.size() < open.size()) { // another run's tasks are followed through the store
                wake = Math.min(wake, now + run.options.pollMax().toMillis());
            }
            await(Math.max(1, wake - now));
            if (run.now() >= reconcileAt) {
                roundNow = true;
            }
            return true;
        }

        /**
         * Settles creates of unknown outcome, polls the tasks in flight among {@code open} (this turn's read) and
         * retries fetches that failed. Returns whether anything changed: a create settled or a task's state moved.
         */
        private boolean round(List<TaskRecord> open) {
            boolean settled = reconciler.settleDue();
            Watcher.Round polled = watcher.round(open);
            if (settled || polled.reached()) {
                lastContact = run.now();
            }
            fetchSucceeded();
            quotaRetryAt = 0; // news of this run's tasks: a slot may be free
            return settled || polled.changed();
        }

        /** Succeeded tasks not being fetched (an earlier run's, or a fetch that failed): read their links, fetch. */
        private void fetchSucceeded() {
            for (TaskRecord task : run.held(List.of(TaskState.SUCCEEDED))) {
                if (fetcher.busy(task.intentId())) {
                    continue;
                }
                try {
                    fetcher.fetch(task, run.clientOf(task).tasks().get(task.remoteId()));
                    lastContact = run.now();
                } catch (NotFoundException e) {
                    run.closeTask(task, ReasonCode.LOST_URL, e.code(), "the task is gone before its clip was saved");
                } catch (SeedanceException e) {
                    LOG.warn("reading {} failed, trying again next round: {}", task.remoteId(), e.getMessage());
                }
            }
        }

        private void await(long millis) {
            try {
                Object signal = signals.poll(millis, TimeUnit.MILLISECONDS);
                if (signal != null) {
                    take(signal);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StudioException("the run was interrupted; it resumes where it stopped when run again", e);
            }
        }

        private void takeSignals() {
            Object signal;
            while ((signal = signals.poll()) != null) {
                take(signal);
            }
        }

        private void take(Object signal) {
            if (signal instanceof Callback c) {
                run.store.event(null, "callback", c.summary(), run.now());
                roundNow = true;
            } else {
                settle((Fetcher.Fetched) signal);
            }
        }

        /** A fetch ended: the shot is delivered, fails with a reason, or its clip is fetched again later. */
        private void settle(Fetcher.Fetched fetched) {
            fetcher.settled(fetched);
            lastContact = run.now();
            TaskRecord task = fetched.task();
            if (fetched instanceof Fetcher.Fetched.Delivered d) {
                ShotRun shot = run.runs.get(task.shot());
                if (shot != null && shot.isTake(task.takeNo()) && shot.phase != ShotRun.Phase.DELIVERED) {
                    if (shot.pickWhenDelivered) {
                        run.store.pick(task.shot(), task.takeNo());
                    }
                    shot.phase = ShotRun.Phase.DELIVERED;
                    run.emit(
                            RunEvent.Kind.DELIVERED,
                            task.shot(),
                            RunContext.deliveredMessage(d.clip(), task.takeNo(), d.seconds(), d.width(), d.height()),
                            null);
                }
            } else if (fetched instanceof Fetcher.Fetched.RecordedElsewhere) {
                roundNow = true; // the shot follows what the other worker recorded (followOutcomesRecordedElsewhere)
            } else if (fetched instanceof Fetcher.Fetched.Expired e) {
                run.closeTask(
                        task,
                        ReasonCode.LOST_URL,
                        "expired",
                        "the result link expired before the clip was saved: " + e.message());
            } else if (fetched instanceof Fetcher.Fetched.BadLink b) {
                run.closeTask(
                        task,
                        ReasonCode.LOST_URL,
                        "invalid_link",
                        "the service answered a result link that cannot be fetched: " + b.message() + "; "
                                + ReasonCode.LOST_URL.remedy());
            } else {
                String message = ((Fetcher.Fetched.Failed) fetched).message();
                int attempts = downloadAttempts.merge(task.intentId(), 1, Integer::sum);
                LOG.warn(
                        "fetching {} failed (attempt {} of {}): {}",
                        task.remoteId(),
                        attempts,
                        DOWNLOAD_ATTEMPTS,
                        message);
                if (attempts >= DOWNLOAD_ATTEMPTS) {
                    run.closeTask(
                            task, ReasonCode.UNVERIFIED, "unverified", "after " + attempts + " downloads: " + message);
                }
            }
        }

        /** A shot whose dependency failed (or is out of scope and missing) can never start. */
        private void failBlocked() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (ShotRun shot : run.runs.values()) {
                    if (shot.phase != ShotRun.Phase.WAITING) {
                        continue;
                    }
                    for (ShotKey dep : shot.plan.dependencies()) {
                        ShotRun d = run.runs.get(dep);
                        if (d.phase == ShotRun.Phase.FAILED || d.phase == ShotRun.Phase.OUT_OF_SCOPE) {
                            run.fail(
                                    shot,
                                    ReasonCode.DEPENDENCY,
                                    dep + " was not delivered" + (d.reason == null ? "" : " (" + d.reason + ")"));
                            if (shot.takeNo != null) {
                                run.store.finishTake(
                                        shot.plan.key(),
                                        shot.takeNo,
                                        false,
                                        ReasonCode.DEPENDENCY.name(),
                                        null,
                                        run.now());
                            }
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }

        /**
         * Sends every ready shot the concurrency, the rate and the budget allow; chain heads first. Returns how many
         * tasks were created.
         */
        private int submitReady() {
            int before = submitter.created();
            if (budgetReached) {
                return 0;
            }
            List<ShotRun> ready = run.runs.values().stream()
                    .filter(r -> r.phase == ShotRun.Phase.WAITING)
                    .filter(r -> r.plan.dependencies().stream()
                            .allMatch(d -> run.runs.get(d).phase == ShotRun.Phase.DELIVERED))
                    .sorted(Comparator.comparingInt((ShotRun r) -> -r.dependants))
                    .toList();
            if (ready.isEmpty() || run.now() < quotaRetryAt) {
                return 0;
            }
            // this run's own slots, and the room the keys have left across every worker of the store: a batch asks
            // for no more than that (the claims still decide), and a full quota is seen with one read, no claim
            long inFlight = run.held(SLOT_HOLDERS).size();
            int slots = run.keys.stream()
                    .mapToInt(StudioStore.KeyQuota::maxInFlight)
                    .sum();
            if (inFlight >= slots) {
                return 0;
            }
            long room = Math.min(slots - inFlight, run.store.room(run.keys, run.now()));
            if (room == 0) {
                waitForQuota();
                return 0;
            }
            long batchEstimate = 0;
            List<ShotRun> batch = new ArrayList<>();
            for (ShotRun shot : ready) {
                if (batch.size() >= room) {
                    break;
                }
                long estimate = Money.micros(shot.plan.estimate().cny());
                if (budget.isPresent()
                        && run.store.spentCnyMicros() + run.store.inFlightEstimateMicros() + batchEstimate + estimate
                                > Money.micros(budget.get())) {
                    budgetReached = true;
                    String message = "budget of " + budget.get().toPlainString() + " CNY reached: "
                            + Money.cny(run.store.spentCnyMicros()).toPlainString() + " spent, "
                            + Money.cny(run.store.inFlightEstimateMicros() + batchEstimate)
                                    .toPlainString()
                            + " in flight; no new submissions";
                    run.store.event(null, "budget_reached", message, run.now());
                    run.emit(RunEvent.Kind.BUDGET_REACHED, null, message, ReasonCode.BUDGET);
                    break;
                }
                if (!submitter.mayCreate()) {
                    heldBack = true;
                    break;
                }
                batch.add(shot);
                batchEstimate += estimate;
            }
            if (batch.isEmpty()) {
                return 0;
            }
            boolean failed = false;
            for (Submitter.Sent sent : submitter.submit(batch)) {
                if (sent == Submitter.Sent.QUOTA_FULL) {
                    waitForQuota();
                    continue;
                }
                if (sent != Submitter.Sent.NOT_SENT && sent != Submitter.Sent.FENCED) {
                    lastContact = run.now(); // an answer, even a refusal, is contact
                }
                heldBack |= sent == Submitter.Sent.LATER
                        || sent == Submitter.Sent.NOT_SENT
                        || sent == Submitter.Sent.FENCED;
                failed |= sent == Submitter.Sent.FAILED;
            }
            if (failed && !heldBack && !budgetReached) {
                submitReady(); // a refused shot left its slot free: fill it now
            }
            return submitter.created() - before;
        }

        /** Other workers fill the account's quota: look again later, or when this run's tasks move. */
        private void waitForQuota() {
            quotaRetryAt = run.now()
                    + Math.max(
                            run.options.pollMin().toMillis(),
                            run.options.pollMax().toMillis() / 4);
        }

        /** No answer from the service for longer than {@code giveUpAfter}: stop, and say so in one line. */
        private void giveUpWithoutContact() {
            long silent = run.now() - lastContact;
            if (silent <= run.options.giveUpAfter().toMillis()) {
                return;
            }
            long notSent = run.runs.values().stream()
                    .filter(r -> r.phase == ShotRun.Phase.WAITING)
                    .count();
            long inFlight = run.runs.values().stream()
                    .filter(r -> r.phase == ShotRun.Phase.IN_FLIGHT)
                    .count();
            String message = "no answer from the service for " + silent / 1000 + " s (StudioOptions.giveUpAfter "
                    + run.options.giveUpAfter().toSeconds() + " s): gave up; " + notSent + " shots not sent, "
                    + inFlight + " in flight; run again to resume";
            run.store.event(null, "gave_up", message, run.now());
            throw new StudioException(message);
        }

        /**
         * Shots this run has still to send whose request another run of the project has in flight: followed as a claim
         * would follow them, without one (a full quota may keep this run from claiming for a while).
         */
        private void followOthersTasks(List<TaskRecord> open) {
            for (TaskRecord task : open) {
                ShotRun shot = run.runs.get(task.shot());
                if (shot != null
                        && shot.phase == ShotRun.Phase.WAITING
                        && !run.holds(task)
                        && task.identity().equals(shot.plan.identity())) {
                    shot.takeNo = task.takeNo();
                    shot.phase = ShotRun.Phase.IN_FLIGHT;
                    run.emit(RunEvent.Kind.RESUMED, task.shot(), RunContext.followingMessage(task), null);
                }
            }
        }

        /**
         * Shots of this run in flight whose take has no open task any more: another run of this project (another
         * process, or a run started from a listener, which waits for every open task of the project) delivered or
         * closed it, so this run never sees it end through its own polls. The shot follows what the store says:
         * delivered, failed, or (take still pending: the create did not happen) waiting to be sent again. Returns
         * whether any shot changed.
         */
        private boolean followOutcomesRecordedElsewhere(List<TaskRecord> open) {
            Set<String> openTakes = new HashSet<>();
            open.forEach(t -> openTakes.add(t.shot() + "#" + t.takeNo()));
            boolean changed = false;
            for (ShotRun shot : run.runs.values()) {
                if (shot.phase != ShotRun.Phase.IN_FLIGHT
                        || shot.takeNo == null
                        || openTakes.contains(shot.plan.key() + "#" + shot.takeNo)
                        || fetchedByThisRun(shot)) {
                    continue;
                }
                ShotKey key = shot.plan.key();
                Optional<TakeRecord> take = run.store.takes(key).stream()
                        .filter(t -> shot.isTake(t.takeNo()))
                        .findFirst();
                if (take.isPresent() && take.get().delivered()) {
                    TaskRecord done =
                            run.store.task(take.get().deliveredIntentId()).orElseThrow();
                    if (shot.pickWhenDelivered) {
                        run.store.pick(key, shot.takeNo);
                    }
                    shot.phase = ShotRun.Phase.DELIVERED;
                    run.emit(
                            RunEvent.Kind.DELIVERED,
                            key,
                            RunContext.deliveredMessage(
                                            done.clipPath(),
                                            done.takeNo(),
                                            done.clipSeconds() == null ? 0 : done.clipSeconds(),
                                            done.clipWidth() == null ? 0 : done.clipWidth(),
                                            done.clipHeight() == null ? 0 : done.clipHeight())
                                    + "; recorded by another run",
                            null);
                } else if (take.isPresent() && !take.get().pending()) {
                    List<TaskRecord> tasks = run.store.tasksOf(key, shot.takeNo);
                    String message =
                            tasks.isEmpty() ? null : tasks.get(tasks.size() - 1).errorMessage();
                    ReasonCode reason = take.get().reason() == null
                            ? ReasonCode.SERVICE_ERROR
                            : ShotStateRule.reason(take.get().reason());
                    run.fail(shot, reason, (message == null ? reason.name() : message) + " (recorded by another run)");
                } else {
                    shot.phase = ShotRun.Phase.WAITING;
                }
                changed = true;
            }
            return changed;
        }

        /** Whether this run's fetcher holds an outcome for the shot's take that the conductor has not taken yet. */
        private boolean fetchedByThisRun(ShotRun shot) {
            return run.store.tasksOf(shot.plan.key(), shot.takeNo).stream().anyMatch(t -> fetcher.busy(t.intentId()));
        }
    }
}
