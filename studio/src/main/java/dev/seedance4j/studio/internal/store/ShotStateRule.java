package dev.seedance4j.studio.internal.store;

import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.ShotState;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one place that says where a shot stands, from its rows in the store: the engine (when a run starts), status and
 * the board all derive a shot's state here.
 *
 * <ol>
 *   <li>A task of the current request that may still produce a clip wins: submitting (intent, or a create without
 *       an answer), queued, running, or fetching (succeeded, clip not kept yet).
 *   <li>Else a delivered take of the current request whose clip is intact: the picked one if it is such a take,
 *       else the newest. Delivered.
 *   <li>Else the newest take of the current request, if it failed: failed, with its reason.
 *   <li>Else not generated, with the reason it was not sent when the last run recorded one (budget, dependency, ...)
 *       after the newest take.
 * </ol>
 */
public final class ShotStateRule {

    private ShotStateRule() {}

    /**
     * A shot's derived state.
     *
     * @param clip the task whose clip the shot uses (delivered, intact), also while a new take is in flight
     * @param open the newest task that may still produce a clip
     * @param reason why it failed or was not sent, else null
     * @param message what happened, else null
     */
    public record Derived(ShotState state, ReasonCode reason, String message, TaskRecord clip, TaskRecord open) {}

    /**
     * Derives the state of a shot whose current request has {@code identity}.
     *
     * @param takes the shot's takes, in take order
     * @param tasks the shot's tasks, in creation order
     * @param picked the take chosen with pick, if any
     * @param skip why it was not sent in the last run that tried, or null
     * @param intact whether a delivered task's clip is still there as recorded
     */
    public static Derived derive(
            String identity,
            List<TakeRecord> takes,
            List<TaskRecord> tasks,
            Optional<Integer> picked,
            SkipRecord skip,
            Predicate<TaskRecord> intact) {
        TaskRecord clip = clip(identity, takes, tasks, picked, intact).orElse(null);
        TaskRecord open = tasks.stream()
                .filter(t -> t.status().isOpen() && t.identity().equals(identity))
                .reduce((a, b) -> b)
                .orElse(null);
        if (open != null) {
            ShotState state = switch (open.status()) {
                case INTENT, UNKNOWN -> ShotState.SUBMITTING;
                case QUEUED -> ShotState.QUEUED;
                case RUNNING -> ShotState.RUNNING;
                default -> ShotState.FETCHING;
            };
            return new Derived(state, null, null, clip, open);
        }
        if (clip != null) {
            return new Derived(ShotState.DELIVERED, null, null, clip, null);
        }
        Optional<TakeRecord> newest = takes.stream()
                .filter(t -> t.identity().equals(identity))
                .max(Comparator.comparingInt(TakeRecord::takeNo));
        if (newest.isPresent() && "failed".equals(newest.get().state())) {
            TakeRecord take = newest.get();
            String message = tasks.stream()
                    .filter(t -> t.takeNo() == take.takeNo() && t.errorMessage() != null)
                    .reduce((a, b) -> b)
                    .map(TaskRecord::errorMessage)
                    .orElse(null);
            boolean skippedSince = skip != null
                    && skip.identity().equals(identity)
                    && skip.atMillis() >= (take.finishedAt() == null ? take.createdAt() : take.finishedAt());
            if (!skippedSince) {
                return new Derived(ShotState.FAILED, reason(take.reason()), message, null, null);
            }
        }
        if (skip != null
                && skip.identity().equals(identity)
                && newest.map(t -> skip.atMillis() >= t.createdAt()).orElse(true)) {
            return new Derived(ShotState.NOT_GENERATED, reason(skip.reason()), skip.message(), null, null);
        }
        return new Derived(ShotState.NOT_GENERATED, null, null, null, null);
    }

    /**
     * The task whose clip a shot uses for {@code identity}: of the delivered takes of that request, the picked one
     * if it is among them, else the newest; present only when {@code intact} accepts it.
     */
    public static Optional<TaskRecord> clip(
            String identity,
            List<TakeRecord> takes,
            List<TaskRecord> tasks,
            Optional<Integer> picked,
            Predicate<TaskRecord> intact) {
        List<TakeRecord> delivered = takes.stream()
                .filter(t -> t.delivered() && t.identity().equals(identity))
                .toList();
        if (delivered.isEmpty()) {
            return Optional.empty();
        }
        TakeRecord take = delivered.stream()
                .filter(t -> picked.isPresent() && t.takeNo() == picked.get())
                .findFirst()
                .orElse(delivered.get(delivered.size() - 1));
        Map<String, TaskRecord> byIntent =
                tasks.stream().collect(Collectors.toMap(TaskRecord::intentId, Function.identity(), (a, b) -> a));
        return Optional.ofNullable(byIntent.get(take.deliveredIntentId())).filter(intact);
    }

    /** A reason as stored; codes that are not shot reasons (e.g. {@code NOT_CREATED}) read as a service error. */
    public static ReasonCode reason(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return ReasonCode.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return ReasonCode.SERVICE_ERROR;
        }
    }
}
