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
    void aTaskOnlySeenFinishedCountsOnlyWhenShorterThanTheTypicalRunTime() {
        RunTimes runTimes = new RunTimes();
        runTimes.learn(KIND, -1, 2000); // nothing known yet: a little less than it was seen finished
        assertThat(runTimes.samples(KIND)).containsExactly(1940);
        runTimes.learn(KIND, -1, 2600); // looked at late: says nothing the median does not
        assertThat(runTimes.samples(KIND)).containsExactly(1940);
        runTimes.learn(KIND, 100, 1000); // finished sooner than ever: news
        assertThat(runTimes.samples(KIND)).containsExactly(970, 1940);
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
