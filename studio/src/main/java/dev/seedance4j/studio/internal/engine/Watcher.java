package dev.seedance4j.studio.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.client.ListTasksQuery;
import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.Task;
import dev.seedance4j.client.TaskPage;
import dev.seedance4j.client.TaskStatus;
import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.RunEvent;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the tasks in flight: one list call per round for up to 100 of them ({@code filter.task_ids}), a task
 * missing from the list read by id. When the next round is due follows the work ({@link RoundSchedule}): the run
 * times learnt for each kind ({@link RunTimes}) say when tasks are expected to finish, and a task that outlives the
 * run time its kind is counted on to take is looked at again after steps growing from a twentieth of the typical run
 * time. Nothing else (a fetch finishing, a submission) brings a round forward. With callbacks, a callback starts a
 * round and polling is only a sweeper every {@code pollMax}.
 */
final class Watcher {
    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    private static final int PAGE = RoundSchedule.PAGE;
    /** A task that outlived its kind's expected run time is looked at again after this share of the typical one... */
    private static final double OVERDUE_STEP = 0.05;
    /** ...growing by half each time, up to this share. */
    private static final double OVERDUE_STEP_MAX = 0.25;

    private final RunContext run;
    private final Fetcher fetcher;
    private final RunTimes runTimes = new RunTimes();
    private final boolean callbacks;
    /** Per open task (intent id): its kind (model, resolution, duration). */
    private final Map<String, String> kinds = new HashMap<>();
    /** Per open task: its age when a round last saw it open (ms). */
    private final Map<String, Long> lastSeenOpen = new HashMap<>();
    /** Per open task that outlived its kind's expected run time: when to look at it again (local ms)... */
    private final Map<String, Long> overdueAt = new HashMap<>();
    /** ...and how many times it was found open past that. */
    private final Map<String, Integer> overdueTimes = new HashMap<>();

    private long lastRound = Long.MIN_VALUE;
    /** The tasks the last round left in flight, for the next round's time without reading them again. */
    private List<TaskRecord> stillInFlight = List.of();
    /** Status changes of the round in progress, written together at its end. */
    private final Map<String, TaskState> started = new LinkedHashMap<>();
    /** The tasks the round in progress found still queued or running. */
    private final Set<String> seenOpen = new HashSet<>();
    /** Whether the round in progress changed any task's state. */
    private boolean changed;

    Watcher(RunContext run, Fetcher fetcher, boolean callbacks) {
        this.run = run;
        this.fetcher = fetcher;
        this.callbacks = callbacks;
    }

    /** When the next round should start (local ms), given the tasks now in flight. */
    long nextRoundAt(List<TaskRecord> inFlight) {
        long now = run.now();
        long since = lastRound == Long.MIN_VALUE ? now : lastRound;
        if (callbacks) {
            return since + run.options.pollMax().toMillis();
        }
        List<RoundSchedule.Task> tasks = new java.util.ArrayList<>(inFlight.size());
        for (TaskRecord t : inFlight) {
            tasks.add(new RoundSchedule.Task(
                    started(t),
                    lastSeenOpen.getOrDefault(t.intentId(), -1L),
                    overdueAt.getOrDefault(t.intentId(), now),
                    runTimes.samples(kindOf(t))));
        }
        long next = RoundSchedule.next(
                tasks,
                now,
                since,
                run.options.pollMin().toMillis(),
                run.options.pollMax().toMillis());
        LOG.debug("next round in {} ms for {} tasks in flight", next - now, inFlight.size());
        return next;
    }

    /** What a round did: whether the service answered at least one call, and whether any task's state changed. */
    record Round(boolean reached, boolean changed) {}

    /**
     * One round over every task in flight among {@code projectOpen}, the conductor's read of the project's open tasks in this
     * turn (a task another run moved on since is recorded as that run left it). The service reached is false also
     * when nothing was asked. Finished tasks are recorded; succeeded ones go to the fetcher.
     */
    Round round(List<TaskRecord> projectOpen) {
        lastRound = run.now();
        changed = false;
        List<TaskRecord> inFlight = projectOpen.stream()
                .filter(t -> (t.status() == TaskState.QUEUED || t.status() == TaskState.RUNNING) && run.watches(t))
                .toList();
        Set<String> open = new HashSet<>();
        inFlight.forEach(t -> open.add(t.intentId()));
        kinds.keySet().retainAll(open);
        lastSeenOpen.keySet().retainAll(open);
        overdueAt.keySet().retainAll(open);
        overdueTimes.keySet().retainAll(open);
        boolean reached = false;
        seenOpen.clear();
        // one list call per page of one key's tasks, with that key's client
        Map<String, List<TaskRecord>> byKey = new LinkedHashMap<>();
        inFlight.forEach(t -> byKey.computeIfAbsent(String.valueOf(t.keyId()), k -> new java.util.ArrayList<>())
                .add(t));
        for (List<TaskRecord> ofKey : byKey.values()) {
            if (!roundOf(ofKey)) {
                return new Round(reached, changed);
            }
            reached = true;
        }
        stillInFlight =
                inFlight.stream().filter(t -> seenOpen.contains(t.intentId())).toList();
        LOG.debug("round: {} tasks in flight, {} still open", inFlight.size(), stillInFlight.size());
        return new Round(reached, changed);
    }

    /** Polls one key's tasks; false when the service did not answer. */
    private boolean roundOf(List<TaskRecord> inFlight) {
        dev.seedance4j.client.SeedanceClient client = run.clientOf(inFlight.get(0));
        for (int i = 0; i < inFlight.size(); i += PAGE) {
            List<TaskRecord> chunk = inFlight.subList(i, Math.min(inFlight.size(), i + PAGE));
            Map<String, TaskRecord> byRemote = new LinkedHashMap<>();
            chunk.forEach(t -> byRemote.put(t.remoteId(), t));
            TaskPage page;
            try {
                page = client.tasks()
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
            changed |= !started.isEmpty();
            run.store.markRunning(started, run.now());
            started.clear();
            for (TaskRecord missing : byRemote.values()) {
                changed = true; // read by id: it may have ended, or be gone
                try {
                    update(missing, client.tasks().get(missing.remoteId()));
                } catch (NotFoundException e) {
                    run.closeTask(
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

    /** The tasks the last round saw still queued or running (with the state they had before it). */
    List<TaskRecord> stillInFlight() {
        return stillInFlight;
    }

    /**
     * When the service started counting the task's run time: when its create was answered (its remote id recorded),
     * not when its intent was written (a create that waits for a batch's other claims, or is slow to answer, would
     * add its wait to the run time of its kind).
     */
    private static long started(TaskRecord t) {
        return t.submittedAt() != null ? t.submittedAt() : t.createdAt();
    }

    private String kindOf(TaskRecord t) {
        return kinds.computeIfAbsent(t.intentId(), id -> {
            JsonNode request = RequestJson.parse(t.requestJson());
            return RunTimes.kind(
                    t.model(),
                    request.path("resolution").asText("default"),
                    request.path("duration").asText("default"));
        });
    }

    private void update(TaskRecord local, Task remote) {
        TaskStatus status = remote.status();
        long now = run.now();
        long age = now - started(local);
        if (TaskStatus.QUEUED.equals(status) || TaskStatus.RUNNING.equals(status)) {
            TaskState state = TaskStatus.RUNNING.equals(status) ? TaskState.RUNNING : TaskState.QUEUED;
            if (local.status() != state) { // a write only when something changed, all of a page at once
                started.put(local.intentId(), state);
            }
            lastSeenOpen.put(local.intentId(), age);
            seenOpen.add(local.intentId());
            long[] runTimes = this.runTimes.samples(kindOf(local));
            if (runTimes.length > 0 && age >= RunTimes.expectedBy(runTimes)) {
                // later than its kind is counted on to take: look again soon, then less and less often
                int times = overdueTimes.merge(local.intentId(), 1, Integer::sum);
                long typical = runTimes[runTimes.length / 2];
                long step = Math.round(typical * Math.min(OVERDUE_STEP_MAX, OVERDUE_STEP * Math.pow(1.5, times - 1)));
                overdueAt.put(
                        local.intentId(), now + Math.max(run.options.pollMin().toMillis(), step));
            }
            return;
        }
        changed = true;
        if (TaskStatus.SUCCEEDED.equals(status)) {
            runTimes.learn(kindOf(local), lastSeenOpen.getOrDefault(local.intentId(), -1L), age);
            Long billedTokens = remote.usage() == null ? null : remote.usage().completionTokens();
            Long billedMicros = billedTokens == null || local.estimatedTokens() == 0
                    ? null
                    : Math.round((double) local.estimatedCnyMicros() * billedTokens / local.estimatedTokens());
            run.store.markSucceeded(
                    local.intentId(),
                    remote.videoUrl(),
                    remote.lastFrameUrl(),
                    urlExpiry(remote),
                    billedTokens,
                    billedMicros,
                    now);
            TaskRecord succeeded = run.store.task(local.intentId()).orElseThrow();
            // else another run recorded it since this page was read; a task another run holds is that run's to fetch
            if (succeeded.status() == TaskState.SUCCEEDED && run.holds(succeeded)) {
                fetcher.fetch(succeeded, remote);
            }
        } else if (TaskStatus.FAILED.equals(status)) {
            failed(local, remote);
        } else if (TaskStatus.EXPIRED.equals(status)) {
            run.closeTask(local, ReasonCode.EXPIRED, "expired", "not finished within execution_expires_after");
        } else if (TaskStatus.CANCELLED.equals(status)) {
            run.closeTask(local, ReasonCode.CANCELLED, "cancelled", "the task was cancelled");
        }
    }

    private void failed(TaskRecord local, Task remote) {
        String code = remote.error() == null ? "" : remote.error().code();
        String message = remote.error() == null ? "failed" : remote.error().message();
        ReasonCode reason = ErrorClassifier.ofTaskError(code);
        ShotRun shot = run.runs.get(local.shot());
        if (ErrorClassifier.rerollable(reason, code)
                && shot != null
                && shot.isTake(local.takeNo())
                && shot.rerolls < run.options.maxRerolls()) {
            shot.rerolls++;
            shot.seedOverride = ThreadLocalRandom.current().nextLong(0, 1L << 31);
            run.store.fail(local, reason.name(), code, message, false, run.now());
            shot.phase = ShotRun.Phase.WAITING;
            run.store.event(local.shot(), "rerolled", code + "; trying seed " + shot.seedOverride, run.now());
            run.emit(
                    RunEvent.Kind.REROLLED,
                    local.shot(),
                    code + "; re-roll " + shot.rerolls + " of " + run.options.maxRerolls() + " with seed "
                            + shot.seedOverride,
                    null);
        } else {
            run.closeTask(local, reason, code, ErrorClassifier.taskFailure(reason, code, message));
        }
    }

    /**
     * Result links carry their expiry (X-Tos-Date + X-Tos-Expires, as the service signs them); else 24 h. A link that
     * is not a URL at all gets the 24 h too: the fetcher refuses it with a reason.
     */
    static Long urlExpiry(Task remote) {
        if (remote.videoUrl() == null) {
            return null;
        }
        Map<String, String> query = new HashMap<>();
        try {
            String raw = URI.create(remote.videoUrl()).getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(
                                pair.substring(0, eq).toLowerCase(Locale.ROOT),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            if (query.containsKey("x-tos-date") && query.containsKey("x-tos-expires")) {
                Instant signed = LocalDateTime.parse(
                                query.get("x-tos-date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                        .toInstant(ZoneOffset.UTC);
                return signed.plusSeconds(Long.parseLong(query.get("x-tos-expires")))
                        .toEpochMilli();
            }
        } catch (RuntimeException e) {
            LOG.debug("unreadable result link or expiry, assuming 24 h: {}", e.getMessage());
        }
        Instant base = remote.updatedAt() != null ? remote.updatedAt() : Instant.now();
        return base.plus(Duration.ofHours(24)).toEpochMilli();
    }
}
