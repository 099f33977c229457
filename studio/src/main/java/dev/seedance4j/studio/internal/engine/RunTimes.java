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
 * or a little less than the finishing age when it was not seen open shortly before). The estimate is the lower
 * quartile of the recent samples: when run times vary, most tasks are looked at soon after they finish (those that run
 * longer are looked at again in short steps), and one slow task moves it little. Only the conductor thread uses it.
 */
final class RunTimes {
    private static final int SAMPLES = 16;

    private final Map<String, Deque<Long>> samples = new HashMap<>();

    static String kind(String model, String resolution, Object seconds) {
        return model + "|" + resolution + "|" + seconds;
    }

    void learn(String kind, long lastSeenOpenAge, long finishedAge) {
        // A task seen open shortly before it was seen finished brackets its run time: take the middle. One seen only
        // finished may have finished a while before: take a little less, so that the estimate does not creep up with
        // the polls' own lateness (if it becomes too short, the next task is seen open, and bracketed).
        long sample =
                lastSeenOpenAge >= finishedAge * 4 / 5 ? (lastSeenOpenAge + finishedAge) / 2 : finishedAge * 97 / 100;
        Deque<Long> recent = samples.computeIfAbsent(kind, k -> new ArrayDeque<>());
        recent.addLast(Math.max(1, sample));
        if (recent.size() > SAMPLES) {
            recent.removeFirst();
        }
    }

    /** When a task of {@code kind} may be expected to have finished (ms), once one such task has finished. */
    OptionalLong estimate(String kind) {
        Deque<Long> recent = samples.get(kind);
        if (recent == null || recent.isEmpty()) {
            return OptionalLong.empty();
        }
        long[] sorted = recent.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return OptionalLong.of(sorted[(sorted.length - 1) / 4]);
    }
}
