package dev.seedance4j.studio.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every database the studio supports must do. A subclass supplies the data source (a fresh, empty database
 * per test); the same tests then run unchanged against SQLite today and PostgreSQL later.
 */
abstract class StoreContract {
    static final ShotKey S1 = new ShotKey("ep01", "s01");
    static final ShotKey S2 = new ShotKey("ep01", "s02");
    static final ShotKey S3 = new ShotKey("ep02", "s01");

    @TempDir
    Path dir;

    /** A data source on an empty database; called again with the same folder it must reach the same database. */
    abstract DataSource dataSource(Path folder);

    StudioStore open() {
        return StudioStore.open(dataSource(dir));
    }

    @Test
    void aTaskGoesFromIntentToDeliveredAndSurvivesReopening() {
        try (StudioStore store = open()) {
            int take = store.newTake(S1, "h1", 1);
            store.insertIntent("i-1", S1, take, "h1", "m", 7L, "{\"model\":\"m\"}", 100, 3_700, 2);
            assertThat(store.task("i-1")).hasValueSatisfying(t -> {
                assertThat(t.status()).isEqualTo(TaskState.INTENT);
                assertThat(t.remoteId()).isNull();
                assertThat(t.seed()).isEqualTo(7L);
            });
            store.markSubmitted("i-1", "cgt-20260101000000-abcde", 3);
            store.markRunning("i-1", TaskState.RUNNING, 4);
            store.markSucceeded("i-1", "http://v", "http://f", 86_400_000L, 100L, 3_700L, 5);
            store.markDelivered(
                    "i-1",
                    "clips/ep01/s01-abcdef12.mp4",
                    "a".repeat(64),
                    "clips/ep01/s01-abcdef12.png",
                    "b".repeat(64),
                    4.0,
                    864,
                    496,
                    6);
            store.finishTake(S1, take, true, null, "i-1", 6);
        }
        try (StudioStore store = open()) {
            TaskRecord t = store.task("i-1").orElseThrow();
            assertThat(t.status()).isEqualTo(TaskState.DELIVERED);
            assertThat(t.remoteId()).isEqualTo("cgt-20260101000000-abcde");
            assertThat(t.billedCnyMicros()).isEqualTo(3_700L);
            assertThat(t.clipSeconds()).isEqualTo(4.0);
            assertThat(t.clipWidth()).isEqualTo(864);
            assertThat(t.urlExpiresAt()).isEqualTo(86_400_000L);
            assertThat(store.takes(S1)).singleElement().satisfies(k -> {
                assertThat(k.delivered()).isTrue();
                assertThat(k.deliveredIntentId()).isEqualTo("i-1");
            });
            assertThat(store.tasksIn(List.of(TaskState.DELIVERED))).hasSize(1);
            assertThat(store.tasksIn(List.of(TaskState.INTENT, TaskState.QUEUED)))
                    .isEmpty();
        }
    }

    @Test
    void aRemoteIdIsRecordedOnlyOnce() {
        try (StudioStore store = open()) {
            store.insertIntent("i-1", S1, 1, "h1", "m", null, "{}", 1, 1, 1);
            store.insertIntent("i-2", S2, 1, "h2", "m", null, "{}", 1, 1, 1);
            store.markSubmitted("i-1", "cgt-x", 2);
            assertThatThrownBy(() -> store.markSubmitted("i-2", "cgt-x", 2)).isInstanceOf(StudioException.class);
        }
    }

    @Test
    void takesAreNumberedPerShotAndPicksSurviveReplanning() {
        try (StudioStore store = open()) {
            assertThat(store.newTake(S1, "h1", 1)).isEqualTo(1);
            assertThat(store.newTake(S1, "h1", 2)).isEqualTo(2);
            assertThat(store.newTake(S2, "h2", 3)).isEqualTo(1);
            store.saveShots(List.of(new ShotRecord(S1, 0, "h1", "t2v", "m", 4, "480p", "16:9", 10, 20)), 4);
            store.pick(S1, 1);
            store.saveShots(
                    List.of(
                            new ShotRecord(S1, 0, "h1b", "t2v", "m", 5, "480p", "16:9", 11, 21),
                            new ShotRecord(S2, 1, "h2", "t2v", "m", 4, "480p", "16:9", 10, 20)),
                    5);
            assertThat(store.pickedTake(S1)).contains(1);
            assertThat(store.pickedTake(S2)).isEmpty();
            assertThat(store.shots()).extracting(ShotRecord::identity).containsExactly("h1b", "h2");
        }
    }

    @Test
    void theLedgerSumsBilledAndInFlightMoney() {
        try (StudioStore store = open()) {
            store.insertIntent("a", S1, 1, "h1", "m", null, "{}", 100, 1_000, 1);
            store.insertIntent("b", S2, 1, "h2", "m", null, "{}", 200, 2_000, 1);
            store.insertIntent("c", S3, 1, "h3", "m", null, "{}", 300, 3_000, 1);
            store.markSubmitted("a", "r-a", 2);
            store.markSucceeded("a", "u", null, 9L, 90L, 900L, 3);
            store.markSubmitted("b", "r-b", 2);
            store.markFailed("c", "INVALID", "InvalidParameter", "bad", 3);
            assertThat(store.spentCnyMicros()).isEqualTo(900);
            assertThat(store.inFlightEstimateMicros()).isEqualTo(2_000);
            assertThat(store.ledgerByEpisode()).containsOnlyKeys("ep01", "ep02");
            assertThat(store.ledgerByEpisode().get("ep01")).containsExactly(300, 3_000, 90, 900);
        }
    }

    @Test
    void eventsKeepTheirOrderAcrossReopening() {
        try (StudioStore store = open()) {
            store.event(S1, "submitted", "first", 5);
            store.event(null, "run", "second", 5);
        }
        try (StudioStore store = open()) {
            store.event(S2, "delivered", "third", 4);
            assertThat(store.events()).extracting(EventRecord::detail).containsExactly("first", "second", "third");
            assertThat(store.events().get(1).shot()).isNull();
        }
    }

    @Test
    void concurrentWritersDoNotLoseRows() throws Exception {
        try (StudioStore store = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 40; i++) {
                int n = i;
                pool.submit(() -> {
                    store.insertIntent("i-" + n, new ShotKey("e", "s" + n), 1, "h", "m", null, "{}", 1, 1, n);
                    store.event(null, "k", "e" + n, n);
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(store.tasks()).hasSize(40);
            assertThat(store.events()).hasSize(40).extracting(EventRecord::seq).doesNotHaveDuplicates();
        }
    }

    @Test
    void twoRunsClaimingTheSameShotSendItOnce() throws Exception {
        try (StudioStore first = open();
                StudioStore second = open()) {
            first.saveShots(List.of(new ShotRecord(S1, 0, "h1", "t2v", "m", 4, "480p", "16:9", 1, 1)), 0);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            var a = pool.submit(() -> first.claimIntent("a", S1, null, null, "h1", "m", null, "{}", 1, 1, 1));
            var b = pool.submit(() -> second.claimIntent("b", S1, null, null, "h1", "m", null, "{}", 1, 1, 1));
            StudioStore.Claim claimA = a.get(30, TimeUnit.SECONDS);
            StudioStore.Claim claimB = b.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(List.of(claimA, claimB))
                    .filteredOn(c -> c.alreadyOpen() == null)
                    .hasSize(1);
            assertThat(first.tasks()).hasSize(1);
            assertThat(first.takes(S1)).hasSize(1);
            // once that task is closed, the shot may be claimed again (a new take)
            first.fail(first.tasks().get(0), "MODERATION", "x", "y", true, 2);
            StudioStore.Claim again = second.claimIntent("c", S1, null, null, "h1", "m", null, "{}", 1, 1, 3);
            assertThat(again.alreadyOpen()).isNull();
            assertThat(again.takeNo()).isEqualTo(2);
        }
    }
}
