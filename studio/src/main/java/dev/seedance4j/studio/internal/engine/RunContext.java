package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.RunEvent;
import dev.seedance4j.studio.RunListener;
import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioOptions;
import dev.seedance4j.studio.internal.plan.PlannedInput;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.plan.Source;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the stages of one run share: the durable store, the client, the options, the shots of this run and the
 * events it reports. The shots' {@link ShotRun}s are the conductor's: only methods called on its thread touch them.
 */
final class RunContext {
    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    final StudioStore store;
    final SeedanceClient client;
    final StudioOptions options;
    final Path outputDir;
    final Map<ShotKey, ShotPlan> planByKey = new LinkedHashMap<>();
    final Map<ShotKey, ShotRun> runs = new LinkedHashMap<>();
    /** This run's hold on the tasks it creates or takes over (other runs and workers on the store respect it). */
    final StudioStore.Lease lease;
    /** The account's keys this run may create with, the main one first, each with its limits. */
    final List<StudioStore.KeyQuota> keys = new ArrayList<>();
    /** The client of each key, by fingerprint: a task is polled and fetched with the key that created it. */
    private final Map<String, SeedanceClient> clients = new LinkedHashMap<>();
    /**
     * Remote ids of creates that succeeded while the database was out of reach, by intent id: paid, so recorded
     * before anything else once it answers (by the conductor; creates add to it from their threads).
     */
    final Map<String, String> unrecorded = new java.util.concurrent.ConcurrentHashMap<>();

    /** The shots a later shot of this run starts from (its last frame or its clip): their fetches go first. */
    final Set<ShotKey> startedFrom = new HashSet<>();

    private final RunListener listener;

    RunContext(
            List<ShotPlan> plans,
            StudioStore store,
            SeedanceClient client,
            StudioOptions options,
            Path outputDir,
            RunListener listener) {
        plans.forEach(p -> planByKey.put(p.key(), p));
        for (ShotPlan p : plans) {
            for (PlannedInput input : p.inputs()) {
                if (input.source() instanceof Source.LastFrameOf l) {
                    startedFrom.add(l.shot());
                } else if (input.source() instanceof Source.ClipOf c) {
                    startedFrom.add(c.shot());
                }
            }
        }
        this.store = store;
        this.client = client;
        this.options = options;
        this.outputDir = outputDir;
        this.listener = listener;
        this.lease = Heartbeat.newLease(options.leaseTime());
        keys.add(new StudioStore.KeyQuota(
                options.quotaKey(), options.quotaKeyLabel(), options.concurrency(), options.requestsPerMinute()));
        clients.put(options.quotaKey(), client);
        for (dev.seedance4j.studio.PooledKey k : options.pooledKeys()) {
            keys.add(new StudioStore.KeyQuota(k.keyId(), k.label(), k.maxInFlight(), k.requestsPerMinute()));
            clients.put(k.keyId(), k.client());
        }
    }

    /** The client of the key {@code task} was created with (the main one for tasks from before team mode). */
    SeedanceClient clientOf(TaskRecord task) {
        return clientOf(task.keyId());
    }

    SeedanceClient clientOf(String keyId) {
        return keyId == null ? client : clients.getOrDefault(keyId, client);
    }

    /** The fingerprints of the keys this run has. */
    Collection<String> keyIds() {
        return clients.keySet();
    }

    /**
     * Whether this run polls {@code task}: it holds it, or another run of this process does (a run started from that
     * run's listener: the other cannot poll while the listener runs, and a task it holds counts against the quota until
     * someone sees it end). Only the holder fetches a result.
     */
    boolean watches(TaskRecord task) {
        return task.leaseOwner() != null
                && (task.leaseOwner().equals(lease.worker())
                        || (task.leaseOwner().startsWith(Heartbeat.PROCESS) && task.leaseAlive(now())));
    }

    /** Whether this run holds {@code task} (it alone creates, reconciles and fetches it). */
    boolean holds(TaskRecord task) {
        return lease.worker().equals(task.leaseOwner());
    }

    /**
     * The fence a create passes right before it is sent (asked by the client after its own queue): this run must
     * still hold the intent with at least {@link #fenceMargin()} of its lease left. A run that stalled past that
     * (a long GC pause, a starved CPU, a database out of reach) sends nothing; the intent stays for whoever holds it
     * to reconcile, so a worker that took it over meanwhile never sees it created twice.
     */
    boolean maySend(String intentId) {
        return store.holds(intentId, lease.worker(), now() + fenceMargin());
    }

    /** Half a lease: what a create must have left of its lease when it is sent. */
    long fenceMargin() {
        return lease.millis() / 2;
    }

    /**
     * How long after its lease ended another worker's intent may still be landing: a create let through its fence
     * with {@link #fenceMargin()} left, and then as long as one attempt of an HTTP request may last (the longest
     * request timeout of this run's clients). An intent is reconciled as "never created" only after that.
     */
    long intentGrace() {
        long requestTimeout = clients.values().stream()
                .mapToLong(c -> c.requestTimeout().toMillis())
                .max()
                .orElse(0);
        return fenceMargin() + requestTimeout;
    }

    /** This project's tasks in {@code states} that this run holds. */
    List<TaskRecord> held(Collection<TaskState> states) {
        return store.heldTasks(lease.worker(), states, now());
    }

    long now() {
        return options.clock().millis();
    }

    void emit(RunEvent.Kind kind, ShotKey shot, String message, ReasonCode reason) {
        RunEvent event = new RunEvent(Instant.now(options.clock()), kind, shot, message, reason);
        LOG.debug("{}", event);
        listener.onEvent(event);
    }

    /** The shot ends failed in this run; why is kept for status and the board when no take recorded it. */
    void fail(ShotRun run, ReasonCode reason, String message) {
        run.phase = ShotRun.Phase.FAILED;
        run.reason = reason;
        run.message = message;
        boolean takeFailed = run.takeNo != null
                && store.takes(run.plan.key()).stream()
                        .anyMatch(t -> run.isTake(t.takeNo()) && "failed".equals(t.state()));
        if (!takeFailed) { // nothing was made: keep why, for status and the board
            store.skip(run.plan.key(), run.plan.identity(), reason.name(), message, now());
        }
        store.event(run.plan.key(), "failed", reason + ": " + message, now());
        emit(RunEvent.Kind.FAILED, run.plan.key(), message, reason);
    }

    /** A task that ended without a clip: the task and its take fail, and the shot if this was its current take. */
    void closeTask(TaskRecord task, ReasonCode reason, String code, String message) {
        store.fail(task, reason.name(), code, message, true, now());
        ShotRun run = runs.get(task.shot());
        if (run != null && run.isTake(task.takeNo()) && run.phase == ShotRun.Phase.IN_FLIGHT) {
            fail(run, reason, message);
        } else {
            store.event(task.shot(), "failed", reason + ": " + message, now());
        }
    }

    Optional<TaskRecord> usableClip(ShotPlan plan) {
        return Clips.usable(store, outputDir, plan.key(), plan.identity());
    }

    /** What a run says when it follows {@code task} of another run rather than send the shot itself. */
    static String followingMessage(TaskRecord task) {
        if (task.status() == TaskState.DELIVERED) {
            return "another run of this project delivered it (" + task.remoteId() + ") since this run started;"
                    + " nothing sent";
        }
        return "another run of this project is generating it ("
                + (task.remoteId() == null ? "create in progress" : task.remoteId())
                + "); following that task, nothing sent";
    }

    static String deliveredMessage(String clip, int takeNo, double seconds, int width, int height) {
        return clip + " (take " + takeNo + ", " + String.format(Locale.ROOT, "%.2f", seconds) + " s, " + width + "x"
                + height + ")";
    }
}
