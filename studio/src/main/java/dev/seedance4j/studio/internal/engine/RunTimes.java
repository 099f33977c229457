package dev.seedance4j.studio.internal.engine;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How long tasks of one kind (model, resolution, duration) run, learnt from the tasks of this run: each finished
 * task gives a sample bracketed by the last poll that saw it open and the poll that saw it finished (the midpoint,
 * or the finishing age when it was never seen open). The estimate is the median of the recent samples, so one slow
 * task moves it little. Only the conductor thread uses it.
 */
final class RunTimes {
    private static final int SAMPLES = 16;

    private final Map<String, Deque<Long>> samples = new HashMap<>();

    static String kind(String model, String resolution, Object seconds) {
        return model + "|" + resolution + "|" + seconds;
    }

    void learn(String kind, long lastSeenOpenAge, long finishedAge) {
        long sample = lastSeenOpenAge < 0 ? finishedAge : (lastSeenOpenAge + finishedAge) / 2;
        Deque<Long> recent = samples.computeIfAbsent(kind, k -> new ArrayDeque<>());
        recent.addLast(Math.max(1, sample));
        if (recent.size() > SAMPLES) {
            recent.removeFirst();
        }
    }

    /** The expected run time of a task of {@code kind} in ms, once one such task has finished. */
    OptionalLong estimate(String kind) {
        Deque<Long> recent = samples.get(kind);
        if (recent == null || recent.isEmpty()) {
            return OptionalLong.empty();
        }
        long[] sorted = recent.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return OptionalLong.of(sorted[sorted.length / 2]);
    }
}
