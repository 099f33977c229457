package dev.seedance4j.studio.internal.engine;

import java.util.Arrays;
import java.util.List;

/**
 * When the watcher's next round is due, from the tasks in flight alone (no clock, no store: tested on its own).
 *
 * <p>Each task is expected to finish after one of the run times learnt for its kind, those it has already outlived
 * left out, and is counted on to have finished by the kind's {@linkplain RunTimes#expectedBy 7/8 run time} (the slowest
 * eighth left out, so that one slow task does not hold every later round back). A round is for the tasks expected to
 * finish first: it waits until every one of them whose run may already be over by then is expected finished (tasks
 * started together finish together: one round sees them all, and their slots are filled again together), and for
 * any other task expected finished by then too; but no longer than a quarter of the typical run time after the first
 * expected finish (one task expected finished, or half of a lone one), so that spread-out finishes are not kept
 * waiting. A task that outlived its kind's 7/8 run time counts at the moment the watcher set to look at it again.
 * Until a kind's run time is known, rounds are spaced by a quarter of the youngest task's age. Always at least
 * {@code pollMin} after the last round, and at most {@code pollMax} after the first moment a task may have finished
 * by the learnt run times (a round before that tells nothing new), but never more than three {@code pollMax} after
 * the last round (the service may have sped up); no more than one list call per {@code pollMin} on average when many
 * pages are in flight.
 */
final class RoundSchedule {
    /** Tasks listed per call ({@code filter.task_ids} takes up to 100). */
    static final int PAGE = 100;
    /** A round waits no longer than this share of the typical run time after the first expected finish. */
    static final double GATHER_WAIT = 0.25;
    /** A round waits at most this many pollMax after the last one. */
    static final int LONGEST_WAIT = 3;

    private RoundSchedule() {}

    /**
     * One task in flight.
     *
     * @param startedAt   when its create was answered (local ms)
     * @param seenOpenAge its age when a round last saw it open (ms), or −1
     * @param overdueAt   when to look at it again once it outlived its kind's {@link RunTimes#expectedBy} run time (local ms)
     * @param runTimes    the learnt run times of its kind, shortest first (ms); empty until one such task finished
     */
    record Task(long startedAt, long seenOpenAge, long overdueAt, long[] runTimes) {}

    /** The next round's moment (local ms); {@code since} is the last round's (or now, before the first). */
    static long next(List<Task> inFlight, long now, long since, long pollMin, long pollMax) {
        long[] at = new long[inFlight.size() * 16];
        double[] share = new double[at.length];
        // per task of a known kind: from when it may have finished, and by when it is expected finished
        long[] from = new long[inFlight.size()];
        long[] by = new long[inFlight.size()];
        int known = 0;
        int points = 0;
        double total = 0;
        long youngest = Long.MAX_VALUE;
        long typical = 0;
        boolean unknownKind = false;
        for (Task t : inFlight) {
            youngest = Math.min(youngest, now - t.startedAt());
            long[] runTimes = t.runTimes();
            if (runTimes.length == 0) {
                unknownKind = true;
                continue;
            }
            typical = Math.max(typical, runTimes[runTimes.length / 2]);
            int outlived = 0;
            while (outlived < runTimes.length && runTimes[outlived] <= t.seenOpenAge()) {
                outlived++;
            }
            int count = Math.max(1, runTimes.length - outlived);
            if (points + count > at.length) {
                at = Arrays.copyOf(at, Math.max(at.length * 2, points + count));
                share = Arrays.copyOf(share, at.length);
            }
            if (t.seenOpenAge() >= RunTimes.expectedBy(runTimes)) {
                at[points] = t.overdueAt();
                share[points++] = 1;
                from[known] = t.overdueAt();
                by[known++] = t.overdueAt();
            } else {
                for (int i = outlived; i < runTimes.length; i++) {
                    at[points] = t.startedAt() + runTimes[i];
                    share[points++] = 1.0 / count;
                }
                from[known] = t.startedAt() + runTimes[outlived];
                by[known++] = t.startedAt() + RunTimes.expectedBy(runTimes);
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
        long latest = first + Math.round(typical * GATHER_WAIT);
        // the round waits for every task that may be over by then, and any other expected finished by then
        Integer[] byFrom = new Integer[known];
        for (int i = 0; i < known; i++) {
            byFrom[i] = i;
        }
        Arrays.sort(byFrom, (a, b) -> Long.compare(from[a], from[b]));
        long next = Math.min(latest, by[byFrom[0]]);
        long earliest = from[byFrom[0]];
        for (Integer i : byFrom) {
            if (from[i] > latest) {
                break;
            }
            if (from[i] <= next || by[i] <= latest) {
                next = Math.min(latest, Math.max(next, by[i]));
            }
        }
        if (unknownKind) {
            next = Math.min(next, since + Math.max(1, youngest / 4)); // a kind not seen finishing yet
        }
        // pollMax counts from the first moment a task may have finished, and a round waits three pollMax at most
        long ceiling = Math.max(max, Math.min(earliest + pollMax, since + LONGEST_WAIT * pollMax));
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
