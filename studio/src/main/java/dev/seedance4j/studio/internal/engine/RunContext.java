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
import java.nio.file.Path;
import java.time.Instant;
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
    /** The shots a later shot of this run starts from: only they ask the service for their last frame. */
    final Set<ShotKey> lastFrameWanted = new HashSet<>();

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
                    lastFrameWanted.add(l.shot());
                }
            }
        }
        this.store = store;
        this.client = client;
        this.options = options;
        this.outputDir = outputDir;
        this.listener = listener;
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

    static String deliveredMessage(String clip, int takeNo, double seconds, int width, int height) {
        return clip + " (take " + takeNo + ", " + String.format(Locale.ROOT, "%.2f", seconds) + " s, " + width + "x"
                + height + ")";
    }
}
