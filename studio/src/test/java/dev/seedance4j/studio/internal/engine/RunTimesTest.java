package dev.seedance4j.studio.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a finished task teaches about its kind's run time (ms throughout). */
class RunTimesTest {
    private static final String KIND = RunTimes.kind("seedance-2.0-fast", "480p", 4);

    @Test
    void aTaskSeenOpenShortlyBeforeItWasSeenFinishedGivesTheMiddle() {
        RunTimes runTimes = new RunTimes();
        runTimes.learn(KIND, 1400, 1500);
        assertThat(runTimes.samples(KIND)).containsExactly(1450);
        assertThat(runTimes.samples("other")).isEmpty();
    }

    @Test
    void aTaskOnlySeenFinishedCountsOnlyWhenFinishedByTheTimeItWasExpected() {
        RunTimes runTimes = new RunTimes();
        runTimes.learn(KIND, -1, 2000); // nothing known yet: a little less than it was seen finished
        assertThat(runTimes.samples(KIND)).containsExactly(1900);
        runTimes.learn(KIND, -1, 2600); // looked at late: says nothing the median does not
        assertThat(runTimes.samples(KIND)).containsExactly(1900);
        runTimes.learn(KIND, 100, 1000); // finished sooner than ever: news
        assertThat(runTimes.samples(KIND)).containsExactly(950, 1900);
    }

    @Test
    void tasksSeenFinishedWhenExpectedPullTheEstimateDownUntilOneIsSeenOpen() {
        RunTimes runTimes = new RunTimes();
        for (int i = 0; i < 16; i++) {
            runTimes.learn(KIND, 1900, 2100); // bracketed: 2 000 ms
        }
        assertThat(RunTimes.expectedBy(runTimes.samples(KIND))).isEqualTo(2000);
        // the service sped up: every round sees its batch finished, the youngest task just past the expected time
        int rounds = 0;
        while (RunTimes.expectedBy(runTimes.samples(KIND)) >= 1900) {
            long expected = RunTimes.expectedBy(runTimes.samples(KIND));
            for (int i = 0; i < 10; i++) {
                runTimes.learn(KIND, -1, expected + 5 * i); // the batch's older tasks, a little older
            }
            rounds++;
            assertThat(rounds).as("rounds to learn 5 %% less").isLessThanOrEqualTo(4);
        }
        // a round too early sees a batch open; looked at again soon after, it is bracketed and counts as it is
        for (int i = 0; i < 16; i++) {
            runTimes.learn(KIND, 1700, 1780);
        }
        assertThat(RunTimes.expectedBy(runTimes.samples(KIND))).isEqualTo(1740);
    }

    @Test
    void onlyTheRecentSixteenCount() {
        RunTimes runTimes = new RunTimes();
        for (int i = 0; i < 20; i++) {
            runTimes.learn(KIND, 1000 + 10 * i, 1000 + 10 * i + 2);
        }
        assertThat(runTimes.samples(KIND)).hasSize(16).startsWith(1041).endsWith(1191);
    }
}
