package dev.seedance4j.studio.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import org.junit.jupiter.api.Test;

/** The fetch pool's queue: a fetch another shot waits for goes first, the others in the order they came. */
class FetchOrderTest {
    @Test
    void fetchesAShotStartsFromJumpTheQueueAndTheRestKeepTheirOrder() {
        List<String> ran = new ArrayList<>();
        PriorityBlockingQueue<Fetcher.Queued> queue = new PriorityBlockingQueue<>();
        queue.add(new Fetcher.Queued(false, 1, () -> ran.add("s01")));
        queue.add(new Fetcher.Queued(false, 2, () -> ran.add("s02")));
        queue.add(new Fetcher.Queued(true, 3, () -> ran.add("s03, which s04 starts from")));
        queue.add(new Fetcher.Queued(false, 4, () -> ran.add("s05")));
        queue.add(new Fetcher.Queued(true, 5, () -> ran.add("s06, which s07 starts from")));
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        assertThat(ran)
                .containsExactly("s03, which s04 starts from", "s06, which s07 starts from", "s01", "s02", "s05");
    }
}
