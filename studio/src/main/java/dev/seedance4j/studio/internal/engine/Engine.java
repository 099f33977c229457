package dev.seedance4j.studio.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.client.ApiException;
import dev.seedance4j.client.AuthenticationException;
import dev.seedance4j.client.BadRequestException;
import dev.seedance4j.client.ContentModerationException;
import dev.seedance4j.client.CreateOutcomeUnknownException;
import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.ListTasksQuery;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.PermissionDeniedException;
import dev.seedance4j.client.QuotaExceededException;
import dev.seedance4j.client.RateLimitException;
import dev.seedance4j.client.ResultExpiredException;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.Task;
import dev.seedance4j.client.TaskPage;
import dev.seedance4j.client.TaskStatus;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.FfmpegException;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.studio.BudgetExceededException;
import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.RunEvent;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.RunReport;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.StudioOptions;
import dev.seedance4j.studio.VideoPublisher;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.plan.Source;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TakeRecord;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a compiled project to the end: submits what is missing, follows every task, fetches and verifies every
 * result, and never sends the same thing twice. One thread does everything, so its state needs no locks; the
 * store holds everything that must survive a crash.
 *
 * <p>The order of durable writes is what makes a crash at any instant safe: a take before its first intent, an
 * intent before its create call, the remote id right after, a clip moved into place before it is recorded as
 * delivered. On start, intents without a remote id are reconciled against the account's task list, known remote
 * tasks are resumed by id, and succeeded tasks not yet fetched are fetched.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int PAGE = 100;
    private static final int DOWNLOAD_ATTEMPTS = 3;
    private static final Duration URL_MARGIN = Duration.ofMinutes(30);
    private static final Set<TaskState> OPEN =
            Set.of(TaskState.INTENT, TaskState.UNKNOWN, TaskState.QUEUED, TaskState.RUNNING, TaskState.SUCCEEDED);

    private final List<ShotPlan> plans;
    private final Map<ShotKey, ShotPlan> planByKey = new LinkedHashMap<>();
    private final StudioStore store;
    private final SeedanceClient client;
    private final StudioOptions options;
    private final Path outputDir;
    private final Ffmpeg ffmpeg;
    private final RunListener listener;
    private final RateLimiter limiter;
    private final Map<ShotKey, ShotRun> runs = new LinkedHashMap<>();
    private final Map<String, Integer> downloadAttempts = new HashMap<>();
    private final Map<Path, Media> inlineCache = new HashMap<>();
    private int created;
    private boolean budgetReached;
    private CallbackReceiver callbacks;
    private boolean quotaFull;
    /** This run's hold on the tasks it creates or takes over (team mode: other workers respect it). */
    private final StudioStore.Lease lease;

    private final List<StudioStore.KeyQuota> keys = new ArrayList<>();
    /** The client of each key of the pool, by fingerprint: a task is polled and fetched with the key that created it. */
    private final Map<String, SeedanceClient> clients = new LinkedHashMap<>();
    /** Remote ids of creates that succeeded while the database was out of reach: recorded before anything else. */
    private final Map<String, String> unrecorded = new LinkedHashMap<>();

    public Engine(
            List<ShotPlan> plans,
            StudioStore store,
            SeedanceClient client,
            StudioOptions options,
            Path outputDir,
            Ffmpeg ffmpeg,
            RunListener listener) {
        this.plans = plans;
        plans.forEach(p -> planByKey.put(p.key(), p));
        this.store = store;
        this.client = client;
        this.options = options;
        this.outputDir = outputDir;
        this.ffmpeg = ffmpeg;
        this.listener = listener;
        this.lease = new StudioStore.Lease(workerId(), options.leaseTime().toMillis());
        keys.add(new StudioStore.KeyQuota(
                options.quotaKey(), options.quotaKey(), options.concurrency(), options.requestsPerMinute()));
        clients.put(options.quotaKey(), client);
        for (dev.seedance4j.studio.PooledKey k : options.pooledKeys()) {
            keys.add(new StudioStore.KeyQuota(k.keyId(), k.label(), k.maxInFlight(), k.requestsPerMinute()));
            clients.put(k.keyId(), k.client());
        }
        // this process's own pace: the sum of its keys' (the store enforces each key's across every worker)
        this.limiter = new RateLimiter(
                keys.stream().mapToInt(StudioStore.KeyQuota::requestsPerMinute).sum(), options.clock());
    }

    /** The client of the key {@code task} was created with (the main one for tasks from before team mode). */
    private SeedanceClient clientOf(TaskRecord task) {
        return clientOf(task.keyId());
    }

    private SeedanceClient clientOf(String keyId) {
        return keyId == null ? client : clients.getOrDefault(keyId, client);
    }

    /** A name for this run as a lease holder: host, process and a random part (two runs in one process differ). */
    private static String workerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The worker id this run holds its leases under (shown by status as who holds what). */
    public String worker() {
        return lease.worker();
    }

    /** What a shot is doing in this run. */
    private enum State {
        WAITING,
        IN_FLIGHT,
        DELIVERED,
        FAILED,
        OUT_OF_SCOPE
    }

    private static final class ShotRun {
        final ShotPlan plan;
        State state = State.WAITING;
        boolean reused;
        Integer takeNo;
        Long seedOverride;
        boolean pickWhenDelivered;
        int rerolls;
        ReasonCode reason;
        String message;

        ShotRun(ShotPlan plan) {
            this.plan = plan;
        }
    }

    /**
     * Runs the shots in {@code scope} (their dependencies must be delivered or in scope too).
     *
     * @param regen when non-null, a new take of that one shot is forced (with {@code regenSeed} if given)
     * @param budget checked at admission and before every submission
     */
    public RunReport run(
            Predicate<ShotKey> scope, ShotKey regen, Long regenSeed, Optional<BigDecimal> budget, Plan plan) {
        Heartbeat heartbeat = new Heartbeat(store, lease, options.clock());
        try {
            return runHoldingLeases(scope, regen, regenSeed, budget, plan);
        } finally {
            heartbeat.close();
            try {
                store.releaseLeases(lease.worker());
            } catch (StudioException e) {
                LOG.warn(
                        "could not release this run's leases; they expire in {}: {}",
                        options.leaseTime(),
                        e.getMessage());
            }
        }
    }

    private RunReport runHoldingLeases(
            Predicate<ShotKey> scope, ShotKey regen, Long regenSeed, Optional<BigDecimal> budget, Plan plan) {
        takeOver();
        for (ShotPlan p : plans) {
            ShotRun run = new ShotRun(p);
            runs.put(p.key(), run);
            List<TakeRecord> takes = store.takes(p.key());
            Optional<TakeRecord> pending = takes.stream()
                    .filter(t -> t.pending() && t.identity().equals(p.identity()))
                    .reduce((a, b) -> b);
            Optional<TaskRecord> usable = usableClip(p);
            if (p.key().equals(regen)) {
                int take = store.newTake(p.key(), p.identity(), regenSeed, now());
                run.takeNo = take;
                run.seedOverride = regenSeed;
                run.pickWhenDelivered = true;
                store.event(
                        p.key(),
                        "regen",
                        "new take " + take + (regenSeed == null ? "" : " with seed " + regenSeed),
                        now());
            } else if (pending.isPresent() && scope.test(p.key())) {
                run.takeNo = pending.get().takeNo();
                run.seedOverride = pending.get().seed();
                run.pickWhenDelivered = pending.get().seed() != null;
                openTaskOf(p.key(), run.takeNo).ifPresent(t -> run.state = State.IN_FLIGHT);
            } else if (usable.isPresent()) {
                run.state = State.DELIVERED;
                run.reused = true;
            } else if (!scope.test(p.key())) {
                run.state = State.OUT_OF_SCOPE;
            }
        }
        // Admission against the budget: what still has to be sent, plus what is in flight, plus what was spent.
        long toSend = runs.values().stream()
                .filter(r -> r.state == State.WAITING)
                .mapToLong(r -> Money.micros(r.plan.estimate().cny()))
                .sum();
        if (budget.isPresent()
                && store.spentCnyMicros() + store.inFlightEstimateMicros() + toSend > Money.micros(budget.get())) {
            throw new BudgetExceededException(plan);
        }
        long waiting =
                runs.values().stream().filter(r -> r.state == State.WAITING).count();
        emit(
                RunEvent.Kind.STARTED,
                null,
                runs.values().stream().filter(r -> r.reused).count() + " reused, " + waiting + " to generate, "
                        + store.heldTasks(lease.worker(), OPEN, now()).size() + " tasks resumed",
                null);
        runs.values().stream()
                .filter(r -> r.reused && scope.test(r.plan.key()))
                .forEach(r ->
                        emit(RunEvent.Kind.REUSED, r.plan.key(), "verified clip exists for this exact request", null));

        if (options.callbackListen().isPresent()) {
            callbacks = new CallbackReceiver(
                    options.callbackListen().get(), options.callbackUrl().orElse(null));
        }
        try {
            loop(budget);
        } finally {
            if (callbacks != null) {
                callbacks.close();
            }
        }

        BigDecimal spent = Money.cny(store.spentCnyMicros());
        List<RunReport.ShotOutcome> outcomes = new ArrayList<>();
        for (ShotRun run : runs.values()) {
            if (!scope.test(run.plan.key())) {
                continue;
            }
            if (run.state == State.DELIVERED) {
                TaskRecord clip = usableClip(run.plan).orElseThrow();
                outcomes.add(new RunReport.ShotOutcome(
                        run.plan.key(),
                        true,
                        run.reused,
                        outputDir.resolve(clip.clipPath()),
                        clip.takeNo(),
                        null,
                        null));
            } else {
                outcomes.add(new RunReport.ShotOutcome(
                        run.plan.key(), false, false, null, run.takeNo, run.reason, run.message));
            }
        }
        RunReport report = new RunReport(outcomes, created, spent, budgetReached);
        emit(
                RunEvent.Kind.FINISHED,
                null,
                report.delivered() + " delivered (" + report.reused() + " reused), "
                        + (outcomes.size() - report.delivered()) + " failed, " + created + " created, "
                        + spent.toPlainString()
                        + " CNY spent",
                null);
        return report;
    }

    // ---- the loop ----

    private void loop(Optional<BigDecimal> budget) {
        long outageSince = -1;
        while (true) {
            try {
                recordUnrecorded();
                takeOver();
                fetchSucceeded();
                failBlocked();
                submitReady(budget);
                // every open task of the project, whoever holds it: this run ends when the project's work is done
                List<TaskRecord> openTasks = store.tasksIn(OPEN);
                if (followOutcomesRecordedElsewhere(openTasks)) {
                    continue; // a shot changed state: its dependants may be ready, or it may be sent again
                }
                boolean open = !openTasks.isEmpty() || !unrecorded.isEmpty();
                boolean submittable = !budgetReached && runs.values().stream().anyMatch(r -> r.state == State.WAITING);
                if (!open && !submittable) {
                    break;
                }
                waitForNews();
                poll();
                outageSince = -1;
            } catch (StudioException e) {
                if (!(e.getCause() instanceof java.sql.SQLException)) {
                    throw e;
                }
                // The database is out of reach (a dropped connection, a restarting server): nothing is sent while
                // it is, and the run goes on where it stood when it answers again; leases lost meanwhile are
                // someone else's now, and this run follows those tasks from the store.
                if (outageSince < 0) {
                    outageSince = now();
                }
                if (now() - outageSince > options.databaseOutageLimit().toMillis()) {
                    throw new StudioException(
                            "the state database has been out of reach for " + options.databaseOutageLimit()
                                    + "; the run stops and resumes where it stood when started again: "
                                    + e.getMessage(),
                            e);
                }
                LOG.warn("the state database is out of reach; trying again: {}", e.getMessage());
                sleep(options.pollMin());
            }
        }
        if (budgetReached) {
            runs.values().stream()
                    .filter(r -> r.state == State.WAITING)
                    .forEach(r -> fail(r, ReasonCode.BUDGET, "not submitted: the budget would be passed"));
        }
    }

    /** A shot whose dependency failed (or is out of scope and missing) can never start. */
    private void failBlocked() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ShotRun run : runs.values()) {
                if (run.state != State.WAITING) {
                    continue;
                }
                for (ShotKey dep : run.plan.dependencies()) {
                    ShotRun d = runs.get(dep);
                    if (d.state == State.FAILED || d.state == State.OUT_OF_SCOPE) {
                        fail(
                                run,
                                ReasonCode.DEPENDENCY,
                                dep + " was not delivered" + (d.reason == null ? "" : " (" + d.reason + ")"));
                        if (run.takeNo != null) {
                            store.finishTake(
                                    run.plan.key(), run.takeNo, false, ReasonCode.DEPENDENCY.name(), null, now());
                        }
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private void submitReady(Optional<BigDecimal> budget) {
        for (ShotRun run : runs.values()) {
            if (run.state != State.WAITING || budgetReached) {
                continue;
            }
            if (!run.plan.dependencies().stream().allMatch(d -> runs.get(d).state == State.DELIVERED)) {
                continue;
            }
            if (inFlightCount() >= options.concurrency()) {
                return;
            }
            long estimate = Money.micros(run.plan.estimate().cny());
            if (budget.isPresent()
                    && store.spentCnyMicros() + store.inFlightEstimateMicros() + estimate
                            > Money.micros(budget.get())) {
                budgetReached = true;
                String message = "budget of " + budget.get().toPlainString() + " CNY reached: "
                        + Money.cny(store.spentCnyMicros()).toPlainString() + " spent, "
                        + Money.cny(store.inFlightEstimateMicros()).toPlainString()
                        + " in flight; no new submissions";
                store.event(null, "budget_reached", message, now());
                emit(RunEvent.Kind.BUDGET_REACHED, null, message, ReasonCode.BUDGET);
                return;
            }
            if (!limiter.tryAcquire()) {
                return;
            }
            submit(run);
            if (quotaFull) {
                quotaFull = false;
                return; // every key is at its limit across the workers: try again next round
            }
        }
    }

    private long inFlightCount() {
        return store.heldTasks(
                        lease.worker(),
                        List.of(TaskState.INTENT, TaskState.UNKNOWN, TaskState.QUEUED, TaskState.RUNNING),
                        now())
                .size();
    }

    /** Records remote ids whose create succeeded while the database was out of reach (never lost, never twice). */
    private void recordUnrecorded() {
        if (unrecorded.isEmpty()) {
            return;
        }
        java.util.Set<String> known = store.knownRemoteIds();
        for (var it = unrecorded.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            Optional<TaskRecord> task = store.task(entry.getKey());
            if (!known.contains(entry.getValue())
                    && task.isPresent()
                    && task.get().remoteId() == null
                    && task.get().status().isOpen()) {
                store.markSubmitted(entry.getKey(), entry.getValue(), now());
                store.event(
                        task.get().shot(),
                        "submitted",
                        entry.getValue() + " (recorded late: the database was out of reach)",
                        now());
            }
            it.remove(); // else a worker that took the intent over adopted the task already
        }
    }

    /**
     * Takes over the project's tasks whose holder's lease expired (a worker that died or lost the database): they are
     * followed by their remote id, never created again; an intent without one is reconciled against the account's
     * task list first (by {@link #poll}).
     */
    private void takeOver() {
        for (TaskRecord task : store.takeOverExpired(
                lease, clients.keySet(), options.reconcileAfter().toMillis(), 100, now())) {
            String detail = task.remoteId() == null
                    ? "an intent without a remote id: reconciling it against the account's task list"
                    : "following " + task.remoteId() + " by its id";
            store.event(task.shot(), "taken_over", detail, now());
            emit(RunEvent.Kind.RESUMED, task.shot(), "taken over from a worker whose lease expired; " + detail, null);
            if (task.status() == TaskState.INTENT || task.status() == TaskState.UNKNOWN) {
                try {
                    reconcile(task);
                } catch (SeedanceException e) {
                    LOG.warn("reconciliation of {} postponed: {}", task.shot(), e.getMessage());
                }
            }
        }
    }

    // ---- submit ----

    private void submit(ShotRun run) {
        ShotPlan plan = run.plan;
        CreateTaskRequest request;
        try {
            request = plan.toRequest(
                    this::resolve,
                    run.seedOverride,
                    options.executionExpiresAfter().orElse(null),
                    callbacks == null ? null : callbacks.url().toString());
        } catch (SeedanceException | StudioException e) {
            fail(run, ReasonCode.INVALID, "cannot build the request: " + e.getMessage());
            return;
        }
        String intentId = UUID.randomUUID().toString();
        // Claiming the shot, checking the account's quota and writing the intent is one transaction that every
        // other run and worker on this store respects.
        StudioStore.Claim claim = store.claimIntent(
                new StudioStore.IntentSpec(
                        intentId,
                        plan.key(),
                        run.takeNo,
                        null,
                        plan.identity(),
                        plan.model().id(),
                        request.seed(),
                        RequestJson.describe(request),
                        plan.estimate().tokens(),
                        Money.micros(plan.estimate().cny())),
                lease,
                keys,
                now());
        if (claim.quotaFull()) {
            quotaFull = true;
            return;
        }
        run.takeNo = claim.takeNo();
        run.state = State.IN_FLIGHT;
        if (claim.alreadyOpen() != null) {
            String remote = claim.alreadyOpen().remoteId();
            emit(
                    RunEvent.Kind.RESUMED,
                    plan.key(),
                    "another run of this project is generating it (" + (remote == null ? "create in progress" : remote)
                            + "); following that task, nothing sent",
                    null);
            return;
        }
        TaskRecord intent = store.task(intentId).orElseThrow();
        try {
            String remoteId = clientOf(claim.keyId()).tasks().create(request);
            try {
                store.markSubmitted(intentId, remoteId, now());
            } catch (StudioException e) {
                unrecorded.put(intentId, remoteId); // paid: keep it until the database answers again
                created++;
                throw e;
            }
            created++;
            limiter.succeeded();
            store.event(plan.key(), "submitted", remoteId + " (take " + run.takeNo + ")", now());
            emit(RunEvent.Kind.SUBMITTED, plan.key(), remoteId + " (take " + run.takeNo + ")", null);
        } catch (CreateOutcomeUnknownException e) {
            store.markUnknown(intentId, e.getMessage(), now());
            store.event(plan.key(), "create_unknown", e.getMessage(), now());
            LOG.warn(
                    "create for {} has an unknown outcome; will reconcile against the task list: {}",
                    plan.key(),
                    e.getMessage());
        } catch (RateLimitException | QuotaExceededException e) {
            Duration wait = limiter.backOff(
                    e instanceof RateLimitException r ? r.retryAfter().orElse(null) : null);
            store.fail(intent, "NOT_CREATED", ((ApiException) e).code(), e.getMessage(), false, now());
            run.state = State.WAITING;
            emit(
                    RunEvent.Kind.RATE_LIMITED,
                    plan.key(),
                    "429 " + ((ApiException) e).code() + "; submissions pause for " + wait.toMillis() + " ms",
                    null);
        } catch (AuthenticationException | PermissionDeniedException e) {
            store.fail(intent, "NOT_CREATED", e.code(), e.getMessage(), false, now());
            run.state = State.WAITING;
            throw new StudioException(
                    "the service refused the account (" + e.code() + "): " + e.serverMessage()
                            + "; nothing more is sent",
                    e);
        } catch (ContentModerationException e) {
            ReasonCode reason = e.code().contains("PrivacyInformation") ? ReasonCode.REAL_FACE : ReasonCode.MODERATION;
            store.fail(intent, reason.name(), e.code(), e.serverMessage(), true, now());
            fail(run, reason, e.code() + ": " + e.serverMessage() + "; " + reason.remedy());
        } catch (BadRequestException | NotFoundException | ValidationException e) {
            String code = e instanceof ApiException a ? a.code() : "ValidationException";
            store.fail(intent, ReasonCode.INVALID.name(), code, e.getMessage(), true, now());
            fail(run, ReasonCode.INVALID, e.getMessage());
        } catch (SeedanceException e) {
            // Anything else may have reached the service: treat the outcome as unknown and reconcile.
            store.markUnknown(intentId, e.getMessage(), now());
            store.event(plan.key(), "create_unknown", e.getMessage(), now());
        }
    }

    /** What the service receives for each input, resolved at the moment of sending. */
    private Media resolve(Source source) {
        if (source instanceof Source.LocalFile f) {
            return inlineCache.computeIfAbsent(f.path(), p -> Media.file(f.checkedPath()));
        }
        if (source instanceof Source.Remote r) {
            return Media.url(r.url());
        }
        if (source instanceof Source.LocalVideo v) {
            VideoPublisher publisher = options.videoPublisher()
                    .orElseThrow(() -> new StudioException("local video " + v.path()
                            + " needs a VideoPublisher (StudioOptions.videoPublisher) to get a URL"));
            return Media.url(publisher.publish(v.checkedPath(), Duration.ofHours(24)))
                    .withDuration(Duration.ofMillis(Math.round(v.seconds() * 1000)));
        }
        if (source instanceof Source.LastFrameOf l) {
            TaskRecord dep = usableClip(planByKey.get(l.shot())).orElseThrow();
            return Media.file(outputDir.resolve(dep.lastFramePath()));
        }
        Source.ClipOf c = (Source.ClipOf) source;
        TaskRecord dep = usableClip(planByKey.get(c.shot())).orElseThrow();
        Duration length = Duration.ofMillis(Math.round(dep.clipSeconds() * 1000));
        if (dep.videoUrl() != null
                && dep.urlExpiresAt() != null
                && dep.urlExpiresAt() > options.clock().millis() + URL_MARGIN.toMillis()) {
            return Media.url(dep.videoUrl()).withDuration(length);
        }
        VideoPublisher publisher = options.videoPublisher()
                .orElseThrow(() -> new StudioException("the result link of " + c.shot()
                        + " has expired; republishing its clip needs a VideoPublisher"));
        return Media.url(publisher.publish(outputDir.resolve(dep.clipPath()), Duration.ofHours(24)))
                .withDuration(length);
    }

    // ---- recovery and reconciliation ----

    private void recoverOpenTasks() {
        for (TaskRecord task : store.heldTasks(lease.worker(), OPEN, now())) {
            switch (task.status()) {
                case INTENT, UNKNOWN -> {
                    try {
                        reconcile(task);
                    } catch (SeedanceException e) {
                        // the loop tries again (poll reconciles open intents) before anything new is sent for this shot
                        LOG.warn("reconciliation of {} postponed: {}", task.shot(), e.getMessage());
                    }
                }
                case QUEUED, RUNNING -> {
                    store.event(task.shot(), "resumed", task.remoteId(), now());
                    emit(
                            RunEvent.Kind.RESUMED,
                            task.shot(),
                            "following " + task.remoteId() + " from an earlier run",
                            null);
                }
                default -> {} // SUCCEEDED: fetched by the loop
            }
        }
    }

    /**
     * A create whose outcome is unknown: look for a task of the same model created in the window around the intent,
     * not yet known to the store, whose returned parameters match the request. Found: adopt it. Not found: the
     * intent is closed as not created, and the shot may be sent again.
     */
    private void reconcile(TaskRecord task) {
        Instant from = Instant.ofEpochMilli(task.createdAt()).minus(options.clockSkew());
        Instant to = Instant.now(options.clock()).plus(options.clockSkew());
        Set<String> known = store.knownRemoteIds();
        JsonNode request = RequestJson.parse(task.requestJson());
        List<Task> candidates = new ArrayList<>();
        int seen = 0;
        for (Task remote : clientOf(task)
                .tasks()
                .listAll(ListTasksQuery.builder()
                        .model(task.model())
                        .pageSize(PAGE)
                        .build())) {
            if (++seen > 5_000) {
                break;
            }
            if (remote.createdAt() == null || known.contains(remote.id())) {
                continue;
            }
            if (!remote.createdAt().isBefore(from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    && !remote.createdAt().isAfter(to)
                    && matches(request, remote)) {
                candidates.add(remote);
            }
        }
        String decision;
        if (candidates.isEmpty()) {
            store.fail(
                    task,
                    "NOT_CREATED",
                    null,
                    "reconciled: no task of " + task.model() + " created between " + from + " and " + to
                            + " matches; safe to send again",
                    false,
                    now());
            decision = "no matching task in the account: the create did not happen; the shot may be sent again";
        } else {
            Instant intentAt = Instant.ofEpochMilli(task.createdAt());
            Task chosen = candidates.stream()
                    .min((a, b) -> Long.compare(
                            Math.abs(Duration.between(intentAt, a.createdAt()).toMillis()),
                            Math.abs(Duration.between(intentAt, b.createdAt()).toMillis())))
                    .orElseThrow();
            store.markSubmitted(task.intentId(), chosen.id(), now());
            decision = "adopted " + chosen.id() + " (created " + chosen.createdAt() + ", " + candidates.size()
                    + " matching candidate" + (candidates.size() == 1 ? "" : "s") + "); nothing resent";
        }
        LOG.info("reconciled {} ({}): {}", task.shot(), task.intentId(), decision);
        store.event(task.shot(), "reconciled", decision, now());
        emit(RunEvent.Kind.RECONCILED, task.shot(), decision, null);
        ShotRun run = runs.get(task.shot());
        if (run != null && candidates.isEmpty() && run.state == State.IN_FLIGHT) {
            run.state = State.WAITING;
        }
    }

    private static boolean matches(JsonNode request, Task remote) {
        return same(
                        request,
                        "duration",
                        remote.duration() == null ? null : remote.duration().longValue())
                && same(request, "seed", remote.seed())
                && sameText(
                        request,
                        "resolution",
                        remote.resolution() == null ? null : remote.resolution().value())
                && (isAdaptive(request)
                        || sameText(
                                request,
                                "ratio",
                                remote.ratio() == null ? null : remote.ratio().value()))
                && (remote.generateAudio() == null
                        || !request.has("generate_audio")
                        || request.get("generate_audio").asBoolean() == remote.generateAudio());
    }

    private static boolean isAdaptive(JsonNode request) {
        return !request.has("ratio") || "adaptive".equals(request.get("ratio").asText());
    }

    private static boolean same(JsonNode request, String field, Long remote) {
        return remote == null || !request.has(field) || request.get(field).asLong() == remote;
    }

    private static boolean sameText(JsonNode request, String field, String remote) {
        return remote == null
                || !request.has(field)
                || request.get(field).asText().equals(remote);
    }

    // ---- watch ----

    private Duration pollInterval() {
        long now = options.clock().millis();
        long youngest =
                store
                        .tasksIn(List.of(TaskState.QUEUED, TaskState.RUNNING, TaskState.UNKNOWN, TaskState.INTENT))
                        .stream()
                        .mapToLong(t -> now - t.createdAt())
                        .min()
                        .orElse(0);
        long wait = Math.max(
                options.pollMin().toMillis(), Math.min(options.pollMax().toMillis(), youngest / 4));
        return Duration.ofMillis(wait);
    }

    /** One list call per page of in-flight tasks (filter.task_ids); a task missing from the list is read by id. */
    private void poll() {
        List<TaskRecord> unknown = store.heldTasks(lease.worker(), List.of(TaskState.UNKNOWN, TaskState.INTENT), now());
        for (TaskRecord task : unknown) {
            if (options.clock().millis() - task.createdAt()
                    >= options.reconcileAfter().toMillis()) {
                try {
                    reconcile(task);
                } catch (SeedanceException e) {
                    LOG.warn("reconciliation of {} postponed: {}", task.shot(), e.getMessage());
                }
            }
        }
        Map<String, List<TaskRecord>> byKey = new LinkedHashMap<>();
        for (TaskRecord t : store.heldTasks(lease.worker(), List.of(TaskState.QUEUED, TaskState.RUNNING), now())) {
            byKey.computeIfAbsent(t.keyId() == null ? options.quotaKey() : t.keyId(), k -> new ArrayList<>())
                    .add(t);
        }
        for (Map.Entry<String, List<TaskRecord>> entry : byKey.entrySet()) {
            if (!poll(clientOf(entry.getKey()), entry.getValue())) {
                return;
            }
        }
    }

    /** Polls {@code inFlight} (tasks of one key) with that key's client; false when the service did not answer. */
    private boolean poll(SeedanceClient keyClient, List<TaskRecord> inFlight) {
        for (int i = 0; i < inFlight.size(); i += PAGE) {
            List<TaskRecord> chunk = inFlight.subList(i, Math.min(inFlight.size(), i + PAGE));
            Map<String, TaskRecord> byRemote = new LinkedHashMap<>();
            chunk.forEach(t -> byRemote.put(t.remoteId(), t));
            TaskPage page;
            try {
                page = keyClient
                        .tasks()
                        .list(ListTasksQuery.builder()
                                .taskIds(List.copyOf(byRemote.keySet()))
                                .pageSize(PAGE)
                                .build());
            } catch (SeedanceException e) {
                LOG.warn("polling failed, trying again next round: {}", e.getMessage());
                return false;
            }
            for (Task remote : page.items()) {
                TaskRecord local = byRemote.remove(remote.id());
                if (local != null) {
                    update(local, remote);
                }
            }
            for (TaskRecord missing : byRemote.values()) {
                try {
                    update(missing, keyClient.tasks().get(missing.remoteId()));
                } catch (NotFoundException e) {
                    closeTask(
                            missing,
                            ReasonCode.LOST_TASK,
                            e.code(),
                            "the service no longer knows " + missing.remoteId());
                } catch (SeedanceException e) {
                    LOG.warn("reading {} failed, trying again next round: {}", missing.remoteId(), e.getMessage());
                }
            }
        }
        return true;
    }

    private void update(TaskRecord local, Task remote) {
        TaskStatus status = remote.status();
        if (TaskStatus.QUEUED.equals(status) || TaskStatus.RUNNING.equals(status)) {
            store.markRunning(
                    local.intentId(), TaskStatus.RUNNING.equals(status) ? TaskState.RUNNING : TaskState.QUEUED, now());
        } else if (TaskStatus.SUCCEEDED.equals(status)) {
            Long billedTokens = remote.usage() == null ? null : remote.usage().completionTokens();
            Long billedMicros = billedTokens == null || local.estimatedTokens() == 0
                    ? null
                    : Math.round((double) local.estimatedCnyMicros() * billedTokens / local.estimatedTokens());
            store.markSucceeded(
                    local.intentId(),
                    remote.videoUrl(),
                    remote.lastFrameUrl(),
                    urlExpiry(remote),
                    billedTokens,
                    billedMicros,
                    now());
            TaskRecord succeeded = store.task(local.intentId()).orElseThrow();
            if (succeeded.status() == TaskState.SUCCEEDED) { // else another run recorded it since this page was read
                fetch(succeeded, remote);
            }
        } else if (TaskStatus.FAILED.equals(status)) {
            String code = remote.error() == null ? "" : remote.error().code();
            String message = remote.error() == null ? "failed" : remote.error().message();
            ReasonCode reason = code.contains("PrivacyInformation")
                    ? ReasonCode.REAL_FACE
                    : code.contains("SensitiveContent") ? ReasonCode.MODERATION : ReasonCode.SERVICE_ERROR;
            ShotRun run = runs.get(local.shot());
            boolean output = code.startsWith("Output");
            if (reason == ReasonCode.MODERATION
                    && output
                    && run != null
                    && run.takeNo != null
                    && run.takeNo == local.takeNo()
                    && run.rerolls < options.maxRerolls()) {
                run.rerolls++;
                run.seedOverride = ThreadLocalRandom.current().nextLong(0, 1L << 31);
                store.fail(local, reason.name(), code, message, false, now());
                run.state = State.WAITING;
                store.event(local.shot(), "rerolled", code + "; trying seed " + run.seedOverride, now());
                emit(
                        RunEvent.Kind.REROLLED,
                        local.shot(),
                        code + "; re-roll " + run.rerolls + " of " + options.maxRerolls() + " with seed "
                                + run.seedOverride,
                        null);
            } else {
                closeTask(
                        local,
                        reason,
                        code,
                        code + ": " + message + (reason == ReasonCode.SERVICE_ERROR ? "" : "; " + reason.remedy()));
            }
        } else if (TaskStatus.EXPIRED.equals(status)) {
            closeTask(local, ReasonCode.EXPIRED, "expired", "not finished within execution_expires_after");
        } else if (TaskStatus.CANCELLED.equals(status)) {
            closeTask(local, ReasonCode.CANCELLED, "cancelled", "the task was cancelled");
        }
    }

    /** A task that ended without a clip: the task and its take fail, and the shot if this was its current take. */
    private void closeTask(TaskRecord task, ReasonCode reason, String code, String message) {
        store.fail(task, reason.name(), code, message, true, now());
        ShotRun run = runs.get(task.shot());
        if (run != null && run.takeNo != null && run.takeNo == task.takeNo() && run.state == State.IN_FLIGHT) {
            fail(run, reason, message);
        } else {
            store.event(task.shot(), "failed", reason + ": " + message, now());
        }
    }

    /** Result links carry their expiry (X-Tos-Date + X-Tos-Expires, as the service signs them); else 24 h. */
    static Long urlExpiry(Task remote) {
        if (remote.videoUrl() == null) {
            return null;
        }
        Map<String, String> query = new HashMap<>();
        String raw = URI.create(remote.videoUrl()).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            pair.substring(0, eq).toLowerCase(java.util.Locale.ROOT),
                            java.net.URLDecoder.decode(
                                    pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        try {
            if (query.containsKey("x-tos-date") && query.containsKey("x-tos-expires")) {
                Instant signed = LocalDateTime.parse(
                                query.get("x-tos-date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                        .toInstant(ZoneOffset.UTC);
                return signed.plusSeconds(Long.parseLong(query.get("x-tos-expires")))
                        .toEpochMilli();
            }
        } catch (RuntimeException e) {
            LOG.debug("unreadable expiry in a result link, assuming 24 h: {}", e.getMessage());
        }
        Instant base = remote.updatedAt() != null ? remote.updatedAt() : Instant.now();
        return base.plus(Duration.ofHours(24)).toEpochMilli();
    }

    // ---- fetch ----

    private void fetchSucceeded() {
        for (TaskRecord task : store.heldTasks(lease.worker(), List.of(TaskState.SUCCEEDED), now())) {
            try {
                fetch(task, clientOf(task).tasks().get(task.remoteId()));
            } catch (NotFoundException e) {
                closeTask(task, ReasonCode.LOST_URL, e.code(), "the task is gone before its clip was saved");
            } catch (SeedanceException e) {
                LOG.warn("reading {} failed, trying again next round: {}", task.remoteId(), e.getMessage());
            }
        }
    }

    /** Downloads, verifies (duration, size, streams) and keeps the clip and its last frame. */
    private void fetch(TaskRecord task, Task remote) {
        ShotPlan plan = planByKey.get(task.shot());
        Path dir = outputDir.resolve("clips").resolve(task.shot().episode());
        // one part file per fetch: a worker that took the task over never writes into another's download
        Path part = dir.resolve(task.shot().shot() + "-" + task.intentId() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".part.mp4");
        try {
            Files.createDirectories(dir);
            clientOf(task).download(remote, part);
            MediaInfo info = ffmpeg.probe(part);
            String problem = verify(info, task, remote, plan);
            if (problem != null) {
                throw new IOException("the downloaded clip does not match the request: " + problem);
            }
            String sha = Hashing.sha256(part);
            String name = task.shot().shot() + "-" + sha.substring(0, 8);
            Path clip = dir.resolve(name + ".mp4");
            Path frame = dir.resolve(name + ".png");
            if (remote.lastFrameUrl() != null) {
                clientOf(task).downloadLastFrame(remote, frame);
            } else {
                ffmpeg.extractLastFrame(part, frame);
            }
            Files.move(part, clip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            int width = info.video().map(v -> v.width()).orElse(0);
            int height = info.video().map(v -> v.height()).orElse(0);
            long[] stat = Clips.stat(clip);
            boolean recorded = store.deliver(
                    task,
                    new StudioStore.Delivery(
                            outputDir.relativize(clip).toString(),
                            sha,
                            outputDir.relativize(frame).toString(),
                            Hashing.sha256(frame),
                            info.durationSeconds(),
                            width,
                            height,
                            stat[0],
                            stat[1]),
                    now());
            if (!recorded) {
                return; // another worker recorded this result first; the shot follows what it recorded
            }
            store.event(task.shot(), "delivered", outputDir.relativize(clip) + " (take " + task.takeNo() + ")", now());
            ShotRun run = runs.get(task.shot());
            if (run != null && run.takeNo != null && run.takeNo == task.takeNo()) {
                if (run.pickWhenDelivered) {
                    store.pick(task.shot(), task.takeNo());
                }
                run.state = State.DELIVERED;
                emit(
                        RunEvent.Kind.DELIVERED,
                        task.shot(),
                        deliveredMessage(
                                outputDir.relativize(clip).toString(),
                                task.takeNo(),
                                info.durationSeconds(),
                                width,
                                height),
                        null);
            }
        } catch (ResultExpiredException e) {
            deleteQuietly(part);
            closeTask(
                    task,
                    ReasonCode.LOST_URL,
                    "expired",
                    "the result link expired before the clip was saved: " + e.getMessage());
        } catch (IOException | SeedanceException | FfmpegException e) {
            deleteQuietly(part);
            int attempts = downloadAttempts.merge(task.intentId(), 1, Integer::sum);
            LOG.warn(
                    "fetching {} failed (attempt {} of {}): {}",
                    task.remoteId(),
                    attempts,
                    DOWNLOAD_ATTEMPTS,
                    e.getMessage());
            if (attempts >= DOWNLOAD_ATTEMPTS) {
                closeTask(
                        task,
                        ReasonCode.UNVERIFIED,
                        "unverified",
                        "after " + attempts + " downloads: " + e.getMessage());
            }
        }
    }

    private static String deliveredMessage(String clip, int takeNo, double seconds, int width, int height) {
        return clip + " (take " + takeNo + ", " + String.format(java.util.Locale.ROOT, "%.2f", seconds) + " s, " + width
                + "x" + height + ")";
    }

    /**
     * Shots of this run in flight whose take has no open task any more: another run of this project (another process,
     * or a run started from a listener, which waits for every open task of the project) delivered or closed it, so
     * this run never sees it end through its own polls. The shot follows what the store says: delivered, failed, or
     * (take still pending: the create did not happen) waiting to be sent again. Returns whether any shot changed.
     */
    private boolean followOutcomesRecordedElsewhere(List<TaskRecord> open) {
        Set<String> openTakes = new HashSet<>();
        open.forEach(t -> openTakes.add(t.shot() + "#" + t.takeNo()));
        boolean changed = false;
        for (ShotRun run : runs.values()) {
            if (run.state != State.IN_FLIGHT
                    || run.takeNo == null
                    || openTakes.contains(run.plan.key() + "#" + run.takeNo)) {
                continue;
            }
            ShotKey key = run.plan.key();
            Optional<TakeRecord> take = store.takes(key).stream()
                    .filter(t -> t.takeNo() == run.takeNo)
                    .findFirst();
            if (take.isPresent() && take.get().delivered()) {
                TaskRecord done = store.task(take.get().deliveredIntentId()).orElseThrow();
                if (run.pickWhenDelivered) {
                    store.pick(key, run.takeNo);
                }
                run.state = State.DELIVERED;
                emit(
                        RunEvent.Kind.DELIVERED,
                        key,
                        deliveredMessage(
                                        done.clipPath(),
                                        done.takeNo(),
                                        done.clipSeconds() == null ? 0 : done.clipSeconds(),
                                        done.clipWidth() == null ? 0 : done.clipWidth(),
                                        done.clipHeight() == null ? 0 : done.clipHeight())
                                + "; recorded by another run",
                        null);
            } else if (take.isPresent() && !take.get().pending()) {
                List<TaskRecord> tasks = store.tasksOf(key, run.takeNo);
                String message =
                        tasks.isEmpty() ? null : tasks.get(tasks.size() - 1).errorMessage();
                ReasonCode reason = reasonOf(take.get().reason());
                fail(run, reason, (message == null ? reason.name() : message) + " (recorded by another run)");
            } else {
                run.state = State.WAITING;
            }
            changed = true;
        }
        return changed;
    }

    private static ReasonCode reasonOf(String stored) {
        try {
            return stored == null ? ReasonCode.SERVICE_ERROR : ReasonCode.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return ReasonCode.SERVICE_ERROR;
        }
    }

    private static String verify(MediaInfo info, TaskRecord task, Task remote, ShotPlan plan) {
        if (info.video().isEmpty()) {
            return "no video stream";
        }
        Integer seconds = remote.duration() != null ? remote.duration() : plan == null ? null : plan.seconds();
        if (seconds != null && seconds > 0 && Math.abs(info.durationSeconds() - seconds) > 0.6) {
            return "lasts " + info.durationSeconds() + " s instead of " + seconds + " s";
        }
        if (plan != null
                && plan.ratio() != null
                && !"adaptive".equals(plan.ratio().value())) {
            var size = plan.estimate().size();
            var video = info.video().get();
            if (video.width() != size.width() || video.height() != size.height()) {
                return video.width() + "x" + video.height() + " instead of " + size;
            }
        }
        JsonNode request = RequestJson.parse(task.requestJson());
        boolean audioWanted = remote.generateAudio() != null
                ? remote.generateAudio()
                : !request.has("generate_audio")
                        || request.get("generate_audio").asBoolean();
        boolean audioModel = Model.SEEDANCE_2_0.equals(Model.of(task.model()))
                || Model.SEEDANCE_2_0_FAST.equals(Model.of(task.model()))
                || Model.SEEDANCE_1_5_PRO.equals(Model.of(task.model()));
        if (audioModel && audioWanted != info.audio().isPresent()) {
            return audioWanted
                    ? "no audio stream although generate_audio"
                    : "an audio stream although no audio was asked";
        }
        return null;
    }

    private Optional<TaskRecord> usableClip(ShotPlan plan) {
        return Clips.usable(store, outputDir, plan.key(), plan.identity());
    }

    private Optional<TaskRecord> openTaskOf(ShotKey shot, int takeNo) {
        return store.tasksOf(shot, takeNo).stream()
                .filter(t -> t.status().isOpen())
                .findFirst();
    }

    // ---- helpers ----

    private void fail(ShotRun run, ReasonCode reason, String message) {
        run.state = State.FAILED;
        run.reason = reason;
        run.message = message;
        boolean takeFailed = run.takeNo != null
                && store.takes(run.plan.key()).stream()
                        .anyMatch(t -> t.takeNo() == run.takeNo && "failed".equals(t.state()));
        if (!takeFailed) { // nothing was made: keep why, for status and the board
            store.skip(run.plan.key(), run.plan.identity(), reason.name(), message, now());
        }
        store.event(run.plan.key(), "failed", reason + ": " + message, now());
        emit(RunEvent.Kind.FAILED, run.plan.key(), message, reason);
    }

    private void emit(RunEvent.Kind kind, ShotKey shot, String message, ReasonCode reason) {
        RunEvent event = new RunEvent(Instant.now(options.clock()), kind, shot, message, reason);
        LOG.debug("{}", event);
        listener.onEvent(event);
    }

    private long now() {
        return options.clock().millis();
    }

    /** Sleeps until the next poll is due, or until a callback says something changed. */
    private void waitForNews() {
        try {
            if (callbacks == null) {
                Thread.sleep(pollInterval().toMillis());
            } else {
                for (String callback : callbacks.await(options.pollMax())) {
                    store.event(null, "callback", callback, now());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("the run was interrupted; it resumes where it stopped when run again", e);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("the run was interrupted; it resumes where it stopped when run again", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", file, e.getMessage());
        }
    }
}
