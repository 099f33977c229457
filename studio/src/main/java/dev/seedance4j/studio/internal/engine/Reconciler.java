package dev.seedance4j.studio.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.client.ListTasksQuery;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.Task;
import dev.seedance4j.client.Tasks;
import dev.seedance4j.studio.RunEvent;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles creates whose outcome is unknown (an intent without a remote id after a crash, a create that got no
 * answer): a task of the same model created in the window around the intent, not yet known to the store, whose
 * returned parameters match the request, is adopted; when none matches, the intent is closed as not created and the
 * shot may be sent again.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int PAGE = 100;
    private static final int MOST_LISTED = 5_000;

    private final RunContext run;
    /** Intents whose candidates had not finished: when they are looked at again (local ms). */
    private final Map<String, Long> postponed = new HashMap<>();

    Reconciler(RunContext run) {
        this.run = run;
    }

    /** At the start of a run: settle what an earlier run left open, and say which tasks are followed. */
    void recoverOpenTasks() {
        for (TaskRecord task : run.held(Engine.OPEN)) {
            switch (task.status()) {
                case INTENT, UNKNOWN -> settle(task);
                case QUEUED, RUNNING -> {
                    run.store.event(task.shot(), "resumed", task.remoteId(), run.now());
                    run.emit(
                            RunEvent.Kind.RESUMED,
                            task.shot(),
                            "following " + task.remoteId() + " from an earlier run",
                            null);
                }
                default -> {} // SUCCEEDED: the fetcher takes it
            }
        }
    }

    /**
     * Settles every open intent older than {@code reconcileAfter}; returns whether the service answered at least one
     * of the lists (false also when there was nothing to settle).
     */
    boolean settleDue() {
        boolean reached = false;
        for (TaskRecord task : run.held(List.of(TaskState.UNKNOWN, TaskState.INTENT))) {
            if (run.now() >= dueAt(task)) {
                reached |= settle(task);
            }
        }
        return reached;
    }

    /**
     * When the next open intent among {@code held} (this run's open tasks) is due to be settled, or {@code
     * Long.MAX_VALUE} when none is open.
     */
    long nextDueAt(List<TaskRecord> held) {
        return held.stream()
                .filter(t -> t.status() == TaskState.UNKNOWN || t.status() == TaskState.INTENT)
                .mapToLong(this::dueAt)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    private long dueAt(TaskRecord task) {
        return Math.max(
                task.createdAt() + run.options.reconcileAfter().toMillis(),
                postponed.getOrDefault(task.intentId(), 0L));
    }

    boolean settle(TaskRecord task) {
        try {
            reconcile(task);
            return true;
        } catch (SeedanceException e) {
            // tried again next round, before anything new is sent for this shot
            LOG.warn("reconciliation of {} postponed: {}", task.shot(), e.getMessage());
            return false;
        }
    }

    private void reconcile(TaskRecord task) {
        Instant from = Instant.ofEpochMilli(task.createdAt()).minus(run.options.clockSkew());
        Instant to = Instant.now(run.options.clock()).plus(run.options.clockSkew());
        // known to any project or worker of the store: a task another one follows is never adopted
        Set<String> known = run.store.knownRemoteIds();
        JsonNode request = RequestJson.parse(task.requestJson());
        List<Task> candidates = new ArrayList<>();
        int seen = 0;
        for (Task remote : run.clientOf(task)
                .tasks()
                .listAll(ListTasksQuery.builder()
                        .model(task.model())
                        .pageSize(PAGE)
                        .build())) {
            if (++seen > MOST_LISTED) {
                break;
            }
            if (remote.createdAt() == null || known.contains(remote.id()) || !Tasks.isTaskId(remote.id())) {
                continue;
            }
            if (!remote.createdAt().isBefore(from.truncatedTo(ChronoUnit.SECONDS))
                    && !remote.createdAt().isAfter(to)
                    && matches(request, remote)) {
                candidates.add(remote);
            }
        }
        // Other intents of the project still unsettled may have made these tasks: a queued or running task shows no
        // parameters, so which intent made it can only be told once it has finished (its parameters and billed
        // tokens are then known); until then nothing is decided for this intent.
        List<TaskRecord> rivals = run.store.tasksIn(List.of(TaskState.INTENT, TaskState.UNKNOWN)).stream()
                .filter(r -> !r.intentId().equals(task.intentId()) && r.model().equals(task.model()))
                .toList();
        List<Task> contested = candidates.stream()
                .filter(c -> rivals.stream().anyMatch(r -> mayHaveMade(r, c, to)))
                .toList();
        if (contested.stream().anyMatch(c -> !c.status().isTerminal())) {
            postponed.put(task.intentId(), run.now() + run.options.pollMax().toMillis());
            LOG.info(
                    "reconciliation of {} ({}) waits: {} of its candidate tasks could be another unsettled intent's"
                            + " and have not finished",
                    task.shot(),
                    task.intentId(),
                    contested.size());
            return;
        }
        postponed.remove(task.intentId());
        // a candidate another intent fits better (its billed tokens nearer that intent's estimate) is that one's
        candidates.removeIf(c -> contested.contains(c)
                && rivals.stream().anyMatch(r -> mayHaveMade(r, c, to) && misfit(r, c) < misfit(task, c)));
        String decision;
        boolean settled;
        if (candidates.isEmpty()) {
            settled = run.store.markNotCreated(
                    task.intentId(),
                    "reconciled: no task of " + task.model() + " created between " + from + " and " + to
                            + " matches; safe to send again",
                    run.now());
            decision = "no matching task in the account: the create did not happen; the shot may be sent again";
        } else {
            Instant intentAt = Instant.ofEpochMilli(task.createdAt());
            Task chosen = candidates.stream()
                    .min(Comparator.comparingLong((Task c) -> misfit(task, c))
                            .thenComparingLong(c -> Math.abs(
                                    Duration.between(intentAt, c.createdAt()).toMillis())))
                    .orElseThrow();
            settled = run.store.markSubmitted(task.intentId(), chosen.id(), run.now());
            decision = "adopted " + chosen.id() + " (created " + chosen.createdAt() + ", " + candidates.size()
                    + " matching candidate" + (candidates.size() == 1 ? "" : "s") + "); nothing resent";
        }
        if (!settled) {
            // its holder recorded the create's task (or another worker settled it) while the list was read
            LOG.info("{} ({}) was settled meanwhile; nothing decided here", task.shot(), task.intentId());
            return;
        }
        LOG.info("reconciled {} ({}): {}", task.shot(), task.intentId(), decision);
        run.store.event(task.shot(), "reconciled", decision, run.now());
        run.emit(RunEvent.Kind.RECONCILED, task.shot(), decision, null);
        ShotRun shot = run.runs.get(task.shot());
        if (shot != null && candidates.isEmpty() && shot.phase == ShotRun.Phase.IN_FLIGHT) {
            shot.phase = ShotRun.Phase.WAITING;
        }
    }

    /** Whether the unsettled intent {@code intent} could have created {@code remote}. */
    private boolean mayHaveMade(TaskRecord intent, Task remote, Instant to) {
        Instant from = Instant.ofEpochMilli(intent.createdAt())
                .minus(run.options.clockSkew())
                .truncatedTo(ChronoUnit.SECONDS);
        return !remote.createdAt().isBefore(from)
                && !remote.createdAt().isAfter(to)
                && matches(RequestJson.parse(intent.requestJson()), remote);
    }

    /**
     * How far the tokens {@code remote} was billed are from what {@code intent} was estimated to cost (0 while not
     * billed): a finished task's bill tells an edit of a video from a shot without video input.
     */
    private static long misfit(TaskRecord intent, Task remote) {
        return remote.usage() == null ? 0 : Math.abs(remote.usage().completionTokens() - intent.estimatedTokens());
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
}
