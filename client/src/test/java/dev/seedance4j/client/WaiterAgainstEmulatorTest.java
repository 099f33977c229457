package dev.seedance4j.client;

import static dev.seedance4j.client.AgainstEmulator.emulator;
import static dev.seedance4j.client.AgainstEmulator.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The waiter polls many tasks with one list call per round (per batch), counted by the emulator. Tasks are stuck
 * until the emulator's clock jumps past their execution expiry, so the number of rounds is exact: the first round
 * sees every task running or queued and moves the clock, the second sees them all expired.
 */
class WaiterAgainstEmulatorTest {
    private static final int TASKS = 12;

    @Test
    void oneListCallPerRoundForManyTasks() throws Exception {
        try (Emulator ark = emulator(b -> b.faults(Faults.builder().stuckRate(1).build()));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            List<String> ids = createStuck(client);

            Map<String, Task> done = waiterThatExpiresEverythingWhenAllAreSeen(client, ark, TASKS)
                    .build()
                    .awaitAll(ids);

            assertThat(done.keySet()).containsExactlyElementsOf(ids);
            assertThat(done.values()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.EXPIRED));
            assertThat(ark.stats().requests("list")).isEqualTo(2);
            assertThat(ark.stats().requests("get")).isZero();
        }
    }

    @Test
    void batchesSplitTheIdsIntoSeveralListCalls() throws Exception {
        try (Emulator ark = emulator(b -> b.faults(Faults.builder().stuckRate(1).build()));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            List<String> ids = createStuck(client);

            waiterThatExpiresEverythingWhenAllAreSeen(client, ark, TASKS)
                    .batchSize(5)
                    .build()
                    .awaitAll(ids);

            assertThat(ark.stats().requests("list")).isEqualTo(2 * 3); // 5 + 5 + 2 ids, two rounds
            assertThat(ark.stats().requests("get")).isZero();
        }
    }

    @Test
    void aDeadlineEndsTheWaitWithTheLastStates() throws Exception {
        try (Emulator ark = emulator(b -> b.faults(Faults.builder().stuckRate(1).build()));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            List<String> ids = createStuck(client).subList(0, 2);
            TaskWaiter waiter = TaskWaiter.builder(client)
                    .interval(Duration.ofMillis(20), Duration.ofMillis(20), 1)
                    .timeout(Duration.ofMillis(150))
                    .build();

            assertThatThrownBy(() -> waiter.awaitAll(ids))
                    .isInstanceOfSatisfying(
                            WaitTimeoutException.class,
                            e -> assertThat(ark.stats().requests("list")).isGreaterThanOrEqualTo(2));
            assertThat(client.tasks().get(ids.get(0)).status()).isEqualTo(TaskStatus.RUNNING);
        }
    }

    private static List<String> createStuck(SeedanceClient client) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            ids.add(client.tasks()
                    .create(small(Model.SEEDANCE_2_0, "等待中的镜头 " + i)
                            .executionExpiresAfter(Duration.ofHours(1))
                            .build()));
        }
        return ids;
    }

    private static TaskWaiter.Builder waiterThatExpiresEverythingWhenAllAreSeen(
            SeedanceClient client, Emulator ark, int tasks) {
        AtomicInteger firstSightings = new AtomicInteger();
        return TaskWaiter.builder(client)
                .interval(Duration.ofMillis(10), Duration.ofMillis(10), 1)
                .timeout(Duration.ofSeconds(30))
                .listener((previous, current) -> {
                    if (previous == null && firstSightings.incrementAndGet() == tasks) {
                        ark.clock().advance(Duration.ofHours(2));
                    }
                });
    }
}
