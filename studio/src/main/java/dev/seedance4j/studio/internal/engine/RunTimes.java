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
 * is shorter than the run time the kind is {@linkplain #expectedBy counted on} to take (else every late look would
 * push the estimate up, and looking later still would push it further). Only the tasks still open when a round
 * expected them finished are seen open shortly before they finish, and those are the slow ones: without the
 * shorter upper bounds of the others, the estimate would only ever grow, and rounds would come later and later after
 * the finishes. The recent samples are the distribution the watcher expects finishes from. Only the conductor thread
 * uses it.
 */
final class RunTimes {
    private static final int SAMPLES = 16;
    /**
     * A bracket this tight (open at 75 % of the age it was seen finished) is a sample: the rounds before a kind's
     * first finish look a quarter later each time, so the first finishes are samples too.
     */
    private static final double TIGHT = 0.75;
    /**
     * A task seen finished no later than this share past the run time its kind is counted on to take was looked at
     * when expected (the round waits for the youngest task of a batch: the others are a little older by then).
     */
    private static final double ON_TIME = 0.03;

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
            // only an upper bound: news when it was finished by the time it was expected (a little less, as it
            // finished before the look: when that is too short, the next tasks are seen open and bracketed again)
            if (sorted.length > 0 && finishedAge > expectedBy(sorted) * (1 + ON_TIME)) {
                return;
            }
            sample = finishedAge * 95 / 100;
        }
        recent.addLast(Math.max(1, sample));
        if (recent.size() > SAMPLES) {
            recent.removeFirst();
        }
    }

    /**
     * The run time by which a task of a kind is counted on to have finished, from its recent run times
     * ({@code sorted}, shortest first): the longest but the slowest eighth (one slow task in sixteen does not hold
     * every later round back).
     */
    static long expectedBy(long[] sorted) {
        return sorted[(sorted.length - 1) * 7 / 8];
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
