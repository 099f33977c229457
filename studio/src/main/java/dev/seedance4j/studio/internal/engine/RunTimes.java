package dev.seedance4j.studio.internal.engine;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How long tasks of one kind (model, resolution, duration) run, learnt from the tasks of this run. A finished task
 * is known only between the last poll that saw it open and the poll that saw it finished: when those are close, the
 * middle is a sample; when they are far apart the task only says "no longer than this", which is news only when it
 * is shorter than the typical run time (else every late look would push the estimate up, and looking later still
 * would push it further). Tasks looked at late are bracketed again once one is seen open before it finishes, which
 * the watcher's rounds see to. The recent samples are the distribution the watcher expects finishes from. Only the
 * conductor thread uses it.
 */
final class RunTimes {
    private static final int SAMPLES = 16;
    /** A bracket this tight (open at 80 % of the age it was seen finished) is a sample. */
    private static final double TIGHT = 0.8;

    private final Map<String, Deque<Long>> samples = new HashMap<>();

    static String kind(String model, String resolution, Object seconds) {
        return model + "|" + resolution + "|" + seconds;
    }

    /**
     * A task of {@code kind} was seen open at {@code lastSeenOpenAge} ms (−1: never) and finished at
     * {@code finishedAge} ms.
     */
    void learn(String kind, long lastSeenOpenAge, long finishedAge) {
        Deque<Long> recent = samples.computeIfAbsent(kind, k -> new ArrayDeque<>());
        long sample;
        if (lastSeenOpenAge >= finishedAge * TIGHT) {
            sample = (lastSeenOpenAge + finishedAge) / 2;
        } else {
            long[] sorted = sorted(recent);
            // only an upper bound: news when shorter than the median (a little less, as it finished before the look)
            if (sorted.length > 0 && finishedAge >= sorted[sorted.length / 2]) {
                return;
            }
            sample = finishedAge * 97 / 100;
        }
        recent.addLast(Math.max(1, sample));
        if (recent.size() > SAMPLES) {
            recent.removeFirst();
        }
    }

    /** The recent run times of {@code kind}, shortest first (ms); empty until one such task has finished. */
    long[] samples(String kind) {
        Deque<Long> recent = samples.get(kind);
        return recent == null ? new long[0] : sorted(recent);
    }

    private static long[] sorted(Deque<Long> recent) {
        long[] sorted = recent.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
