package dev.seedance4j.studio.internal.engine;

import java.util.Arrays;
import java.util.List;

/**
 * When the watcher's next round is due, from the tasks in flight alone (no clock, no store: tested on its own).
 *
 * <p>Each task is expected to finish after one of the run times learnt for its kind, those it has already outlived
 * left out; so the tasks in flight give an expected number of finished tasks at every moment. A round waits until a
 * third of the tasks in flight are expected finished (tasks started together finish together: one round sees them
 * all), but no longer than a quarter of the typical run time after the first expected finish (one task expected
 * finished, or half of a lone one: when finishes are spread out, the first does not wait long for the rest). A task that outlived every learnt run time counts at the
 * moment the watcher set to look at it again. Until a kind's run time is known, rounds are spaced by a quarter of the
 * youngest task's age. Always at least {@code pollMin} after the last round, and at most {@code pollMax} unless run
 * times are steady and no task is expected to finish that soon (a round before every expected finish tells nothing
 * new; up to three pollMax then); no more than one list call per {@code pollMin} on average when many pages are in
 * flight.
 */
final class RoundSchedule {
    /** Tasks listed per call ({@code filter.task_ids} takes up to 100). */
    static final int PAGE = 100;
    /** A round waits for this share of the tasks in flight to be expected finished... */
    static final double GATHER = 1.0 / 3;
    /** ...but no longer than this share of the typical run time after the first expected finish. */
    static final double GATHER_WAIT = 0.25;

    /** With steady run times, a round may wait this many pollMax for the first expected finish. */
    static final int STEADY_WAIT = 3;
    /** Run times are steady when their middle half lies within this share of the median. */
    static final double STEADY_SPREAD = 0.10;

    private RoundSchedule() {}

    static boolean steadyRunTimes(long[] sorted) {
        long median = sorted[sorted.length / 2];
        return sorted[sorted.length * 3 / 4] - sorted[sorted.length / 4] <= median * STEADY_SPREAD;
    }

    /**
     * One task in flight.
     *
     * @param createdAt   when it was created (local ms)
     * @param seenOpenAge its age when a round last saw it open (ms), or −1
     * @param overdueAt   when to look at it again once it outlived every learnt run time (local ms)
     * @param runTimes    the learnt run times of its kind, shortest first (ms); empty until one such task finished
     */
    record Task(long createdAt, long seenOpenAge, long overdueAt, long[] runTimes) {}

    /** The next round's moment (local ms); {@code since} is the last round's (or now, before the first). */
    static long next(List<Task> inFlight, long now, long since, long pollMin, long pollMax) {
        long[] at = new long[inFlight.size() * 16];
        double[] share = new double[at.length];
        int points = 0;
        double total = 0;
        long youngest = Long.MAX_VALUE;
        long typical = 0;
        boolean unknownKind = false;
        boolean steady = true;
        for (Task t : inFlight) {
            youngest = Math.min(youngest, now - t.createdAt());
            long[] runTimes = t.runTimes();
            if (runTimes.length == 0) {
                unknownKind = true;
                continue;
            }
            typical = Math.max(typical, runTimes[runTimes.length / 2]);
            steady &= runTimes.length >= 4 && steadyRunTimes(runTimes);
            int outlived = 0;
            while (outlived < runTimes.length && runTimes[outlived] <= t.seenOpenAge()) {
                outlived++;
            }
            int count = Math.max(1, runTimes.length - outlived);
            if (points + count > at.length) {
                at = Arrays.copyOf(at, Math.max(at.length * 2, points + count));
                share = Arrays.copyOf(share, at.length);
            }
            if (outlived == runTimes.length) {
                at[points] = t.overdueAt();
                share[points++] = 1;
            } else {
                for (int i = outlived; i < runTimes.length; i++) {
                    at[points] = t.createdAt() + runTimes[i];
                    share[points++] = 1.0 / count;
                }
            }
            total += 1;
        }
        long min = since + pollMin;
        long max = since + pollMax;
        // Many tasks take many pages: on average no more than one list call per pollMin (10 000 tasks in flight are
        // 100 calls a round, so a round at most every 100 × pollMin).
        long pages = (inFlight.size() + PAGE - 1) / PAGE;
        long spaced = since + Math.max(0, pages - 1) * pollMin;
        if (points == 0) {
            long next = since + Math.max(1, youngest == Long.MAX_VALUE ? 0 : youngest / 4);
            return Math.max(Math.max(min, Math.min(max, spaced)), Math.min(max, next));
        }
        Integer[] order = new Integer[points];
        for (int i = 0; i < points; i++) {
            order[i] = i;
        }
        long[] moments = at;
        Arrays.sort(order, (a, b) -> Long.compare(moments[a], moments[b]));
        long first = timeOf(Math.min(1, total / 2), total, order, at, share);
        long gathered = timeOf(Math.max(1, Math.ceil(inFlight.size() * GATHER)), total, order, at, share);
        long next = Math.min(gathered, first + Math.round(typical * GATHER_WAIT));
        if (unknownKind) {
            next = Math.min(next, since + Math.max(1, youngest / 4)); // a kind not seen finishing yet
        }
        // pollMax yields to an expected finish only while run times are steady, and only so far (when the service
        // slows down or speeds up, run times spread out and pollMax holds again)
        long ceiling = steady ? Math.max(max, Math.min(first, since + STEADY_WAIT * pollMax)) : max;
        return Math.max(Math.max(min, Math.min(ceiling, spaced)), Math.min(ceiling, next));
    }

    /** The moment by which {@code count} tasks (at most all of them) are expected to have finished. */
    private static long timeOf(double count, double total, Integer[] order, long[] at, double[] share) {
        double wanted = Math.min(count, total) - 1e-9;
        double sum = 0;
        for (Integer i : order) {
            sum += share[i];
            if (sum >= wanted) {
                return at[i];
            }
        }
        return at[order[order.length - 1]];
    }
}
