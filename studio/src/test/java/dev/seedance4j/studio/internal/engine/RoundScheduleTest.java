package dev.seedance4j.studio.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The watcher's round times: the arithmetic alone, on tasks made up for each case (ms throughout). */
class RoundScheduleTest {
    private static final long POLL_MIN = 40;
    private static final long POLL_MAX = 600;
    /** Sixteen run times of one kind, 1 450 to 1 465 ms. */
    private static final long[] RUN_TIMES =
            LongStream.range(0, 16).map(i -> 1450 + i).toArray();

    @Test
    void beforeAnyKindIsKnownRoundsAreSpacedByAQuarterOfTheYoungestAge() {
        List<RoundSchedule.Task> tasks = List.of(task(0, -1, new long[0]), task(400, -1, new long[0]));
        // youngest 600 ms old at 1 000: a round 150 ms after the last one
        assertThat(RoundSchedule.next(tasks, 1000, 1000, POLL_MIN, POLL_MAX)).isEqualTo(1150);
        // never sooner than pollMin after the last round
        assertThat(RoundSchedule.next(List.of(task(990, -1, new long[0])), 1000, 1000, POLL_MIN, POLL_MAX))
                .isEqualTo(1040);
    }

    @Test
    void tasksStartedTogetherAreSeenFinishedInOneRoundWhenAllAreExpectedFinishedEvenPastPollMax() {
        List<RoundSchedule.Task> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(task(10_000 + 5 * i, -1, RUN_TIMES)); // submitted 5 ms apart
        }
        long next = RoundSchedule.next(batch, 10_050, 10_000, POLL_MIN, POLL_MAX);
        // the last of them expected finished (its kind's 7/8 run time): no round at pollMax finding nothing, none
        // finding only some of them
        assertThat(next).isEqualTo(10_045 + RUN_TIMES[13]);
        // up to three pollMax
        assertThat(RoundSchedule.next(batch, 10_050, 10_000, POLL_MIN, POLL_MAX / 3))
                .isEqualTo(10_000 + POLL_MAX);
    }

    @Test
    void oneSlowRunTimeDoesNotHoldTheRoundsBack() {
        long[] oneSlow = LongStream.concat(LongStream.range(0, 15).map(i -> 1450 + i), LongStream.of(2700))
                .toArray();
        List<RoundSchedule.Task> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(task(10_000, -1, oneSlow));
        }
        assertThat(RoundSchedule.next(batch, 10_050, 10_000, POLL_MIN, POLL_MAX))
                .isEqualTo(10_000 + oneSlow[13]);
    }

    @Test
    void aLaterBatchIsNotWaitedFor() {
        List<RoundSchedule.Task> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(task(10_000, -1, RUN_TIMES));
            tasks.add(task(10_800, -1, RUN_TIMES)); // finishing 800 ms later: half a run time
        }
        assertThat(RoundSchedule.next(tasks, 10_850, 10_800, POLL_MIN, POLL_MAX))
                .isEqualTo(10_000 + RUN_TIMES[13]);
    }

    @Test
    void pollMaxCountsFromTheFirstMomentATaskMayHaveFinished() {
        long[] unsteady = {1000, 1100, 1300, 1450, 1600, 1800, 2000, 2400};
        List<RoundSchedule.Task> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(task(10_000 + 5 * i, -1, unsteady));
        }
        // none may have finished before 11 000: the round goes a quarter of the typical run time (1 600 ms) after
        // the first expected finish (the eighth task's 1 000 ms), 835 ms later than pollMax after the last round
        assertThat(RoundSchedule.next(batch, 10_050, 10_000, POLL_MIN, POLL_MAX))
                .isEqualTo(10_035 + 1000 + 400);
        // but no later than pollMax after the first moment one may have finished
        assertThat(RoundSchedule.next(batch, 10_500, 10_500, POLL_MIN, 300)).isEqualTo(11_000 + 300);
    }

    @Test
    void finishesCloserThanAQuarterOfTheRunTimeAreSeenTogetherAndNoMore() {
        List<RoundSchedule.Task> spread = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            spread.add(task(20_000 + 200 * i, -1, RUN_TIMES)); // one finishing every 200 ms
        }
        // the first waits for the second (200 ms later), not for the third: 400 ms is more than a quarter of the
        // typical 1 458 ms after the first expected finish
        assertThat(RoundSchedule.next(spread, 20_000, 20_000, POLL_MIN, 10 * POLL_MAX))
                .isEqualTo(20_200 + RUN_TIMES[13]);
        assertThat(RoundSchedule.next(spread, 20_000, 20_000, POLL_MIN, POLL_MAX))
                .isEqualTo(20_200 + RUN_TIMES[13]);
    }

    @Test
    void aTaskSeenOpenIsExpectedOnlyFromTheRunTimesItHasNotOutlived() {
        long[] runTimes = {1000, 1000, 2000, 2000};
        // seen open at 1 500 ms of age: only the 2 000 ms run times are left for it
        List<RoundSchedule.Task> tasks = List.of(task(0, 1500, runTimes));
        assertThat(RoundSchedule.next(tasks, 1500, 1500, POLL_MIN, POLL_MAX)).isEqualTo(2000);
        // not seen open yet: half of it is expected at 1 000 ms, all of it at 2 000: looked at a quarter of the
        // typical run time after the first half
        assertThat(RoundSchedule.next(List.of(task(0, -1, runTimes)), 600, 600, POLL_MIN, 10 * POLL_MAX))
                .isEqualTo(1000 + 500);
    }

    @Test
    void aTaskThatOutlivedEveryRunTimeIsLookedAtWhenTheWatcherSaid() {
        // seen open at 1 463 ms of age: older than its kind's 7/8 run time (one slower task still to come in 16)
        RoundSchedule.Task overdue = new RoundSchedule.Task(0, RUN_TIMES[13], 1580, RUN_TIMES);
        assertThat(RoundSchedule.next(List.of(overdue), 1500, 1500, POLL_MIN, POLL_MAX))
                .isEqualTo(1580);
    }

    @Test
    void manyPagesInFlightSpaceTheRoundsByPollMinPerPage() {
        List<RoundSchedule.Task> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(task(0, 10, RUN_TIMES));
        }
        // ten list calls a round: the next no sooner than nine pollMins after the last
        assertThat(RoundSchedule.next(many, 100, 100, POLL_MIN, POLL_MAX)).isEqualTo(RUN_TIMES[13]);
        assertThat(RoundSchedule.next(many, 1445, 1440, POLL_MIN, POLL_MAX)).isEqualTo(1440 + 9 * POLL_MIN);
    }

    private static RoundSchedule.Task task(long createdAt, long seenOpenAge, long[] runTimes) {
        return new RoundSchedule.Task(createdAt, seenOpenAge, createdAt, runTimes);
    }
}
