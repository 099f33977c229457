package dev.seedance4j.studio.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.studio.ShotKey;
import dev.seedance4j.studio.StudioException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
        return open("p1");
    }

    /** The store of {@code project} in the test's database. */
    StudioStore open(String project) {
        return StudioStore.open(dataSource(dir), project);
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
                    new StudioStore.Delivery(
                            "clips/ep01/s01-abcdef12.mp4",
                            "a".repeat(64),
                            "clips/ep01/s01-abcdef12.png",
                            "b".repeat(64),
                            4.0,
                            864,
                            496,
                            123_456,
                            1_700_000_000_000L),
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
            assertThat(t.clipBytes()).isEqualTo(123_456L);
            assertThat(t.clipMtime()).isEqualTo(1_700_000_000_000L);
            store.touchClip("i-1", 123_456, 1_800_000_000_000L);
            assertThat(store.task("i-1").orElseThrow().clipMtime()).isEqualTo(1_800_000_000_000L);
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
            var a = pool.submit(() -> first.claimIntent(
                    new StudioStore.IntentSpec("a", S1, null, null, "h1", "m", null, "{}", 1, 1, Set.of()),
                    null,
                    List.of(),
                    1));
            var b = pool.submit(() -> second.claimIntent(
                    new StudioStore.IntentSpec("b", S1, null, null, "h1", "m", null, "{}", 1, 1, Set.of()),
                    null,
                    List.of(),
                    1));
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
            StudioStore.Claim again = second.claimIntent(
                    new StudioStore.IntentSpec("c", S1, null, null, "h1", "m", null, "{}", 1, 1, Set.of()),
                    null,
                    List.of(),
                    3);
            assertThat(again.alreadyOpen()).isNull();
            assertThat(again.takeNo()).isEqualTo(2);
        }
    }

    @Test
    void eventNumbersRiseInCommitOrderAcrossConnectionsAndCanBeReadAfterAnyNumber() throws Exception {
        try (StudioStore first = open();
                StudioStore second = open()) {
            assertThat(first.lastEventSeq()).isZero();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            for (int i = 0; i < 30; i++) {
                int n = i;
                pool.submit(() -> (n % 2 == 0 ? first : second).event(S1, "k", "e" + n, n));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            List<EventRecord> all = second.events();
            assertThat(all)
                    .extracting(EventRecord::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 30)
                            .boxed()
                            .toList());
            assertThat(first.lastEventSeq()).isEqualTo(30);
            assertThat(first.events(27, 100)).extracting(EventRecord::seq).containsExactly(28L, 29L, 30L);
            assertThat(first.events(10, 2)).extracting(EventRecord::seq).containsExactly(11L, 12L);
            assertThat(first.events(30, 10)).isEmpty();
        }
        try (StudioStore store = open()) {
            store.event(null, "k", "after reopening", 99);
            assertThat(store.lastEventSeq()).isEqualTo(31);
        }
    }

    @Test
    void factsAreKeptAndANullValueRemovesOne() {
        try (StudioStore store = open()) {
            store.saveFacts(java.util.Map.of("title", "重生之逆袭", "budget_cny", "150"));
            java.util.Map<String, String> facts = new java.util.HashMap<>();
            facts.put("budget_cny", null);
            store.saveFacts(facts);
        }
        try (StudioStore store = open()) {
            assertThat(store.facts()).containsExactly(java.util.Map.entry("title", "重生之逆袭"));
        }
    }

    @Test
    void aSkipIsKeptPerShotUntilTheShotIsClaimedAgain() {
        try (StudioStore store = open()) {
            store.saveShots(List.of(new ShotRecord(S1, 0, "h1", "t2v", "m", 4, "480p", "16:9", 1, 1)), 0);
            store.skip(S1, "h1", "BUDGET", "not submitted: the budget would be passed", 5);
            store.skip(S2, "h2", "DEPENDENCY", "ep01/s01 was not delivered", 5);
            store.skip(S1, "h1", "UNREACHABLE", "no contact", 6);
            assertThat(store.skips())
                    .extracting(SkipRecord::shot, SkipRecord::reason, SkipRecord::atMillis)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(S1, "UNREACHABLE", 6L),
                            org.assertj.core.groups.Tuple.tuple(S2, "DEPENDENCY", 5L));
            store.claimIntent(
                    new StudioStore.IntentSpec("a", S1, null, null, "h1", "m", null, "{}", 1, 1, Set.of()),
                    null,
                    List.of(),
                    7);
            assertThat(store.skips()).extracting(SkipRecord::shot).containsExactly(S2);
        }
    }

    @Test
    void picksAndTheTasksOfAShotAreReadInOneGo() {
        try (StudioStore store = open()) {
            store.insertIntent("a", S1, 1, "h1", "m", null, "{}", 1, 1, 1);
            store.insertIntent("b", S2, 1, "h2", "m", null, "{}", 1, 1, 2);
            store.insertIntent("c", S1, 2, "h1", "m", null, "{}", 1, 1, 3);
            store.pick(S1, 2);
            store.pick(S3, 1);
            assertThat(store.picks()).containsOnly(java.util.Map.entry(S1, 2), java.util.Map.entry(S3, 1));
            assertThat(store.tasksOf(S1)).extracting(TaskRecord::intentId).containsExactly("a", "c");
            assertThat(store.consistently(
                            () -> store.tasks().size() + store.picks().size()))
                    .isEqualTo(5);
        }
    }

    /** The read side over this database: derived states, takes, ledger and events, as status and the board see them. */
    @Test
    void theViewDerivesEveryShotsStateAndTheLedgerFromTheStoreAlone() throws Exception {
        ShotKey s4 = new ShotKey("ep02", "s02");
        ShotKey s5 = new ShotKey("ep02", "s03");
        try (StudioStore store = open();
                dev.seedance4j.studio.StudioView view = dev.seedance4j.studio.ViewsForTests.over(store, dir)) {
            store.saveShots(
                    List.of(
                            new ShotRecord(S1, 0, "h1", "text", "m", 4, "480p", "16:9", 100, 1_000_000),
                            new ShotRecord(S2, 1, "h2", "text", "m", 4, "480p", "16:9", 100, 1_000_000),
                            new ShotRecord(S3, 2, "h3", "text", "m", 4, "480p", "16:9", 100, 1_000_000),
                            new ShotRecord(s4, 3, "h4", "text", "m", 4, "480p", "16:9", 100, 1_000_000),
                            new ShotRecord(s5, 4, "h5", "text", "m", 4, "480p", "16:9", 100, 1_000_000)),
                    1);
            // S1 delivered (its clip on disk), then a second take running
            java.nio.file.Files.createDirectories(dir.resolve("clips/ep01"));
            java.nio.file.Files.write(dir.resolve("clips/ep01/s01-aa.mp4"), new byte[] {1, 2, 3});
            java.nio.file.Files.write(dir.resolve("clips/ep01/s01-aa.png"), new byte[] {4});
            store.claimIntent(
                    new StudioStore.IntentSpec("a1", S1, null, null, "h1", "m", 7L, "{}", 100, 1_000_000, Set.of()),
                    null,
                    List.of(),
                    2);
            store.markSubmitted("a1", "cgt-a1", 3);
            store.markSucceeded("a1", "http://v", null, 99L, 90L, 900_000L, 4);
            store.deliver(
                    store.task("a1").orElseThrow(),
                    new StudioStore.Delivery(
                            "clips/ep01/s01-aa.mp4", "x", "clips/ep01/s01-aa.png", "y", 4, 864, 496, 3, 0),
                    5);
            int take2 = store.newTake(S1, "h1", 42L, 6);
            store.claimIntent(
                    new StudioStore.IntentSpec(
                            "a2", S1, take2, null, "h1", "m", 42L, "{}", 100, 1_000_000, Set.of("a1")),
                    null,
                    List.of(),
                    6);
            store.markSubmitted("a2", "cgt-a2", 7);
            store.markRunning("a2", TaskState.RUNNING, 8);
            // S2 failed by moderation
            store.claimIntent(
                    new StudioStore.IntentSpec("b1", S2, null, null, "h2", "m", null, "{}", 100, 1_000_000, Set.of()),
                    null,
                    List.of(),
                    2);
            store.markSubmitted("b1", "cgt-b1", 3);
            store.fail(
                    store.task("b1").orElseThrow(),
                    "MODERATION",
                    "OutputVideoSensitiveContentDetected",
                    "OutputVideoSensitiveContentDetected: refused",
                    true,
                    4);
            // S3: create without an answer
            store.claimIntent(
                    new StudioStore.IntentSpec("c1", S3, null, null, "h3", "m", null, "{}", 100, 1_000_000, Set.of()),
                    null,
                    List.of(),
                    2);
            store.markUnknown("c1", "connection reset", 3);
            // s4: never sent (the create provably did not happen), then the budget stopped it
            store.claimIntent(
                    new StudioStore.IntentSpec("d1", s4, null, null, "h4", "m", null, "{}", 100, 1_000_000, Set.of()),
                    null,
                    List.of(),
                    2);
            store.fail(store.task("d1").orElseThrow(), "NOT_CREATED", null, "nothing was sent", false, 3);
            store.skip(s4, "h4", "BUDGET", "not submitted: the budget would be passed", 4);
            // s5: nothing at all

            assertThat(view.shots())
                    .extracting(v -> v.shot() + " " + v.state() + " " + v.reason())
                    .containsExactly(
                            "ep01/s01 running null",
                            "ep01/s02 failed MODERATION",
                            "ep02/s01 submitting null",
                            "ep02/s02 not_generated BUDGET",
                            "ep02/s03 not_generated null");
            dev.seedance4j.studio.ShotView s01 = view.shot(S1).orElseThrow();
            assertThat(s01.take()).isEqualTo(1);
            assertThat(s01.clip()).isEqualTo(dir.resolve("clips/ep01/s01-aa.mp4"));
            assertThat(s01.takes()).isEqualTo(2);
            assertThat(s01.billedCny()).isEqualByComparingTo("0.9");
            assertThat(view.shot(S2).orElseThrow().message()).contains("refused");
            assertThat(view.shot(S2).orElseThrow().remedy())
                    .isEqualTo(dev.seedance4j.studio.ReasonCode.MODERATION.remedy());

            assertThat(view.takes(S1))
                    .satisfiesExactly(
                            t -> {
                                assertThat(t.state()).isEqualTo("delivered");
                                assertThat(t.used()).isTrue();
                                assertThat(t.current()).isTrue();
                                assertThat(t.remoteId()).isEqualTo("cgt-a1");
                                assertThat(t.lastFrame()).isEqualTo(dir.resolve("clips/ep01/s01-aa.png"));
                            },
                            t -> {
                                assertThat(t.state()).isEqualTo("pending");
                                assertThat(t.seed()).isEqualTo(42L);
                                assertThat(t.used()).isFalse();
                                assertThat(t.remoteId()).isEqualTo("cgt-a2");
                            });
            assertThat(view.tasks(S1))
                    .extracting(dev.seedance4j.studio.TaskView::status)
                    .containsExactly("delivered", "running");

            dev.seedance4j.studio.LedgerView ledger = view.ledger();
            assertThat(ledger.project().estimatedCny()).isEqualByComparingTo("5");
            assertThat(ledger.project().billedCny()).isEqualByComparingTo("0.9");
            // in flight: S1's second take and S3's unanswered create
            assertThat(ledger.project().inFlightCny()).isEqualByComparingTo("2");
            assertThat(ledger.episodes()).containsOnlyKeys("ep01", "ep02");
            assertThat(ledger.episodes().get("ep01").estimatedCny()).isEqualByComparingTo("2");
            assertThat(ledger.shots().get(S1).billedTokens()).isEqualTo(90);

            // the second take fails: the shot keeps its first take
            store.fail(store.task("a2").orElseThrow(), "EXPIRED", "expired", "not finished in time", true, 9);
            assertThat(view.shot(S1).orElseThrow().state()).isEqualTo(dev.seedance4j.studio.ShotState.DELIVERED);
            assertThat(view.takes(S1).get(1).state()).isEqualTo("failed");
            // its clip changes size (read by size alone, never hashed): the newest take's failure shows
            java.nio.file.Files.write(dir.resolve("clips/ep01/s01-aa.mp4"), new byte[] {1, 2});
            assertThat(view.shot(S1).orElseThrow())
                    .extracting(dev.seedance4j.studio.ShotView::state, dev.seedance4j.studio.ShotView::reason)
                    .containsExactly(dev.seedance4j.studio.ShotState.FAILED, dev.seedance4j.studio.ReasonCode.EXPIRED);

            store.event(S1, "delivered", "clips/ep01/s01-aa.mp4", 10);
            long last = view.lastEventSeq();
            store.event(S2, "failed", "MODERATION", 11);
            assertThat(view.events(last, 10)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo("failed");
                assertThat(e.shot()).isEqualTo(S2);
            });
            dev.seedance4j.studio.StudioStatus status = view.status();
            assertThat(status.counts()).containsEntry("failed", 2).containsEntry("not_generated", 2);
            assertThat(status.spentCny()).isEqualByComparingTo(ledger.project().billedCny());
            assertThat(status.lastEventSeq()).isEqualTo(last + 1);
        }
    }

    // ---- team mode: many projects, claims, quotas, leases ----

    static final StudioStore.Lease W1 = new StudioStore.Lease("w1", 30_000);
    static final StudioStore.Lease W2 = new StudioStore.Lease("w2", 30_000);

    /** {@link StudioStore#takeOverExpired} by a worker that is alive: it beats at {@code now} first. */
    static List<TaskRecord> takeOver(
            StudioStore store,
            StudioStore.Lease taker,
            java.util.Collection<String> keyIds,
            long intentGraceMillis,
            int limit,
            long now) {
        store.heartbeat(taker.worker(), "host-" + taker.worker(), 0, taker.millis(), now);
        return store.takeOverExpired(taker, keyIds, intentGraceMillis, limit, now);
    }

    static StudioStore.IntentSpec spec(String intentId, ShotKey shot) {
        return new StudioStore.IntentSpec(intentId, shot, null, null, "h-" + shot, "m", null, "{}", 10, 100, Set.of());
    }

    static ShotRecord shot(ShotKey key, int position) {
        return new ShotRecord(key, position, "h-" + key, "t2v", "m", 4, "480p", "16:9", 10, 100);
    }

    @Test
    void oneDatabaseKeepsProjectsApart() {
        try (StudioStore a = open("alpha");
                StudioStore b = open("beta")) {
            a.saveShots(List.of(shot(S1, 0), shot(S2, 1)), 1);
            b.saveShots(List.of(shot(S1, 0)), 1);
            a.saveShots(List.of(shot(S1, 0)), 2); // re-planning alpha leaves beta's shots alone
            assertThat(b.shots()).hasSize(1);
            assertThat(a.newTake(S1, "h", 1)).isEqualTo(1);
            assertThat(b.newTake(S1, "h", 1)).as("take numbers are per project").isEqualTo(1);
            a.insertIntent("ia", S1, 1, "h", "m", null, "{}", 10, 100, 1);
            b.insertIntent("ib", S1, 1, "h", "m", null, "{}", 20, 200, 1);
            a.markSubmitted("ia", "cgt-a", 2);
            a.markSucceeded("ia", "u", null, 9L, 10L, 100L, 3);
            a.pick(S1, 1);
            a.event(S1, "k", "alpha's", 4);
            b.event(S1, "k", "beta's", 5);
            a.saveFacts(java.util.Map.of("title", "Alpha"));
            b.skip(S1, "h", "BUDGET", "no money", 6);
            assertThat(a.tasks()).extracting(TaskRecord::intentId).containsExactly("ia");
            assertThat(b.tasks()).extracting(TaskRecord::intentId).containsExactly("ib");
            assertThat(a.spentCnyMicros()).isEqualTo(100);
            assertThat(b.spentCnyMicros()).isZero();
            assertThat(b.inFlightEstimateMicros()).isEqualTo(200);
            assertThat(b.picks()).isEmpty();
            assertThat(b.facts()).isEmpty();
            assertThat(a.skips()).isEmpty();
            assertThat(a.events()).extracting(EventRecord::detail).containsExactly("alpha's");
            assertThat(b.events(0, 10)).extracting(EventRecord::detail).containsExactly("beta's");
            assertThat(b.knownRemoteIds())
                    .as("remote ids are known across projects")
                    .contains("cgt-a");
        }
        try (StudioStore only = StudioStore.open(dataSource(dir), null)) {
            assertThat(only.project()).as("two projects: none is the only one").isEqualTo(StudioStore.DEFAULT_PROJECT);
        }
    }

    @Test
    void oneDatabaseKeepsTheSheetsAndApprovalsOfProjectsApart() {
        try (StudioStore alphaStore = open("alpha");
                StudioStore betaStore = open("beta")) {
            SheetStore a = new SheetStore(alphaStore);
            SheetStore b = new SheetStore(betaStore);
            // the same sheet name in both projects: one cast member of each
            a.savePlanned(List.of(sheet("林夏", "ha"), sheet("老宅", "hb")), 1);
            b.savePlanned(List.of(sheet("林夏", "hz")), 1);
            a.savePlanned(List.of(sheet("林夏", "ha")), 2); // re-planning alpha leaves beta's sheets alone
            assertThat(a.planned()).extracting(SheetStore.Planned::identity).containsExactly("ha");
            assertThat(b.planned()).extracting(SheetStore.Planned::identity).containsExactly("hz");

            assertThat(a.newTake("林夏", "ha", null, null, 3)).isEqualTo(1);
            assertThat(a.newTake("林夏", "ha", 7L, null, 3)).isEqualTo(2);
            assertThat(b.newTake("林夏", "hz", null, null, 3))
                    .as("take numbers are per project")
                    .isEqualTo(1);
            a.insertCall(charge("ca", "image", "images", "sheet", null, "林夏", 1, 220_000), "林夏", 2, "{\"a\":1}");
            b.insertCall(charge("cb", "image", "images", "sheet", null, "林夏", 1, 220_000), "林夏", 1, "{\"b\":1}");
            a.answered("ca", 1, 200_000, "http://a", "1024x1024", 4);
            a.deliver("林夏", 2, new SheetStore.Image("sheets/a.png", "sha-a", 10, 1024, 1024), 5);
            b.fail("林夏", 2, "BUG", "beta has no take 2", 5); // names alpha's take number: changes nothing of alpha's
            b.fail("林夏", 1, "SERVICE_ERROR", "refused", 5);
            a.pick("林夏", 2);
            b.pick("林夏", 1);

            assertThat(a.takes("林夏"))
                    .extracting(SheetStore.Take::takeNo, SheetStore.Take::state)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, "pending"),
                            org.assertj.core.groups.Tuple.tuple(2, "delivered"));
            assertThat(b.allTakes())
                    .extracting(SheetStore.Take::takeNo, SheetStore.Take::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "failed"));
            assertThat(a.calls("林夏", 2)).extracting(SheetStore.Call::chargeId).containsExactly("ca");
            assertThat(b.calls("林夏", 1)).extracting(SheetStore.Call::chargeId).containsExactly("cb");
            assertThat(a.calls("林夏", 1)).isEmpty();
            assertThat(a.picked("林夏")).contains(2);
            assertThat(b.picks()).containsExactly(java.util.Map.entry("林夏", 1));
            assertThat(alphaStore.charges()).extracting(ChargeRecord::chargeId).containsExactly("ca");

            alphaStore.approve("ep01", "stamp-1", "导演", "可以发", 6);
            betaStore.approve("ep01", "stamp-1", "制片", null, 7);
            alphaStore.approve("ep01", "stamp-1", "导演", "again", 8); // the latest approval of alpha's cut counts
            assertThat(alphaStore.approvals())
                    .extracting(StudioStore.ApprovalRecord::by, StudioStore.ApprovalRecord::note)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("导演", "again"));
            assertThat(betaStore.approvals())
                    .extracting(StudioStore.ApprovalRecord::by, StudioStore.ApprovalRecord::atMillis)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("制片", 7L));
        }
    }

    /**
     * A database made before V7 (one sheets table for all projects): each sheet goes to the project its image calls
     * were charged to, an approval to the only project with shots in its episode, and what cannot be told to the
     * first project that opens the database; no row is lost.
     */
    @Test
    void sheetsAndApprovalsMadeBeforeV7KeepTheirRowsInTheirProjects() throws Exception {
        try (java.sql.Connection c = migratedTo("6").getConnection();
                java.sql.Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "INSERT INTO projects (project_id, state, updated_at) VALUES ('alpha', 'done', 1), ('beta', 'done', 1)",
                    "INSERT INTO shots (project_id, episode_id, shot_id, position, identity, mode, model, seconds,"
                            + " resolution, ratio, estimated_tokens, estimated_cny_micros, planned_at) VALUES"
                            + " ('alpha', 'ep01', 's01', 0, 'h', 't2v', 'm', 4, '480p', '16:9', 1, 1, 1),"
                            + " ('beta', 'ep02', 's01', 0, 'h', 't2v', 'm', 4, '480p', '16:9', 1, 1, 1),"
                            + " ('alpha', 'ep03', 's01', 0, 'h', 't2v', 'm', 4, '480p', '16:9', 1, 1, 1),"
                            + " ('beta', 'ep03', 's01', 0, 'h', 't2v', 'm', 4, '480p', '16:9', 1, 1, 1)",
                    "INSERT INTO charges (project_id, charge_id, kind, model, unit, subject_kind, subject_id, status,"
                            + " estimated_units, estimated_cny_micros, billed_units, billed_cny_micros, created_at)"
                            + " VALUES ('alpha', 'ca', 'image', 'm', 'images', 'sheet', '林夏', 'billed', 1, 220000,"
                            + " 1, 200000, 1), ('beta', 'cb', 'image', 'm', 'images', 'sheet', '老宅', 'billed', 1,"
                            + " 220000, 1, 200000, 1)",
                    "INSERT INTO sheets (name, kind, position, identity, model, size, seed, style, prompt,"
                            + " estimated_cny_micros, planned_at) VALUES"
                            + " ('林夏', 'character', 0, 'ha', 'm', '1024x1024', NULL, 's', 'p', 220000, 1),"
                            + " ('老宅', 'scene', 0, 'hb', 'm', '1024x1024', 3, 's', 'p', 220000, 1),"
                            + " ('未拍', 'scene', 1, 'hc', 'm', '1024x1024', NULL, 's', 'p', 220000, 1)",
                    "INSERT INTO sheet_takes (name, take_no, identity, state, image_path, image_sha256, created_at)"
                            + " VALUES ('林夏', 1, 'ha', 'delivered', 'sheets/a.png', 'sha-a', 1),"
                            + " ('老宅', 1, 'hb', 'delivered', 'sheets/b.png', 'sha-b', 1)",
                    "INSERT INTO sheet_calls (charge_id, name, take_no, request_json, image_url, created_at) VALUES"
                            + " ('ca', '林夏', 1, '{}', 'http://a', 1), ('cb', '老宅', 1, '{}', 'http://b', 1)",
                    "INSERT INTO sheet_picks (name, take_no) VALUES ('林夏', 1), ('老宅', 1)",
                    "INSERT INTO approvals (episode_id, stamp, approved_by, approved_at, note) VALUES"
                            + " ('ep01', 'st1', '导演', 5, 'ok'), ('ep02', 'st2', '制片', 6, NULL),"
                            + " ('ep03', 'st3', '谁', 7, NULL)")) {
                s.execute(sql);
            }
        }
        try (StudioStore beta = open("beta");
                StudioStore alpha = open("alpha")) {
            SheetStore b = new SheetStore(beta);
            SheetStore a = new SheetStore(alpha);
            assertThat(a.planned()).extracting(SheetStore.Planned::name).containsExactly("林夏");
            assertThat(a.takes("林夏")).extracting(SheetStore.Take::imagePath).containsExactly("sheets/a.png");
            assertThat(a.calls("林夏", 1)).extracting(SheetStore.Call::status).containsExactly("billed");
            assertThat(a.picks()).containsExactly(java.util.Map.entry("林夏", 1));
            assertThat(alpha.approvals())
                    .extracting(StudioStore.ApprovalRecord::episode)
                    .containsExactly("ep01");
            // beta opened first: it adopted what no charge or shot tells (a sheet never made, the approval of an
            // episode both projects have)
            assertThat(b.planned())
                    .extracting(SheetStore.Planned::name, SheetStore.Planned::seed)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("老宅", 3L),
                            org.assertj.core.groups.Tuple.tuple("未拍", null));
            assertThat(b.takes("老宅")).extracting(SheetStore.Take::imageSha256).containsExactly("sha-b");
            assertThat(b.picked("老宅")).contains(1);
            assertThat(beta.approvals())
                    .extracting(StudioStore.ApprovalRecord::episode, StudioStore.ApprovalRecord::by)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ep02", "制片"),
                            org.assertj.core.groups.Tuple.tuple("ep03", "谁"));
            assertThat(a.newTake("林夏", "ha", null, null, 9))
                    .as("numbering goes on")
                    .isEqualTo(2);
        }
    }

    /** The test's database migrated up to {@code target} only, as an earlier version left it. */
    private DataSource migratedTo(String target) throws java.sql.SQLException {
        DataSource source = dataSource(dir);
        String dialect;
        try (java.sql.Connection c = source.getConnection()) {
            dialect = StudioStore.Dialect.of(c) == StudioStore.Dialect.SQLITE
                    ? "migration-sqlite"
                    : "migration-postgresql";
        }
        String migrations = "classpath:dev/seedance4j/studio/internal/store/";
        org.flywaydb.core.Flyway.configure()
                .dataSource(source)
                .locations(migrations + "migration", migrations + dialect)
                .table("studio_schema_history")
                .target(target)
                .load()
                .migrate();
        return source;
    }

    private static SheetStore.Planned sheet(String name, String identity) {
        return new SheetStore.Planned(name, "character", 0, identity, "m", "1024x1024", null, "s", "p", 220_000);
    }

    @Test
    void theOnlyProjectOfADatabaseIsFoundWithoutItsName() {
        try (StudioStore store = open("solo")) {
            store.saveShots(List.of(shot(S1, 0)), 1);
        }
        try (StudioStore store = StudioStore.open(dataSource(dir), null)) {
            assertThat(store.project()).isEqualTo("solo");
            assertThat(store.shots()).hasSize(1);
        }
    }

    @Test
    void aKeysInFlightLimitHoldsAcrossProjectsAndFreesWhenTasksEnd() {
        List<StudioStore.KeyQuota> key = List.of(new StudioStore.KeyQuota("key-1", "main", 2, 100));
        try (StudioStore a = open("alpha");
                StudioStore b = open("beta")) {
            StudioStore.Claim first = a.claimIntent(spec("a1", S1), W1, key, 1_000);
            StudioStore.Claim second = b.claimIntent(spec("b1", S1), W2, key, 1_000);
            StudioStore.Claim third = a.claimIntent(spec("a2", S2), W1, key, 1_000);
            assertThat(first.claimed()).isTrue();
            assertThat(first.keyId()).isEqualTo("key-1");
            assertThat(second.claimed()).isTrue();
            assertThat(third.quotaFull()).isTrue();
            assertThat(a.room(key, 1_000))
                    .as("the room a claim would find, read by either project")
                    .isZero();
            assertThat(b.room(key, 1_000)).isZero();
            assertThat(third.claimed()).isFalse();
            assertThat(a.tasksOf(S2))
                    .as("nothing written when the quota is full")
                    .isEmpty();
            assertThat(a.takes(S2)).isEmpty();
            a.markSubmitted("a1", "cgt-1", 1_100);
            assertThat(a.claimIntent(spec("a3", S2), W1, key, 1_200).quotaFull())
                    .as("a queued task is still in flight")
                    .isTrue();
            a.markSucceeded("a1", "u", null, 9L, 10L, 100L, 1_300);
            assertThat(b.room(key, 1_300)).isEqualTo(1);
            assertThat(b.room(List.of(key.get(0), new StudioStore.KeyQuota("key-2", "second", 3, 100)), 1_300))
                    .as("the keys of a pool add up")
                    .isEqualTo(4);
            StudioStore.Claim afterwards = a.claimIntent(spec("a4", S2), W1, key, 1_400);
            assertThat(afterwards.claimed())
                    .as("a succeeded task is no longer in flight")
                    .isTrue();
            assertThat(a.keyUse(1_500)).singleElement().satisfies(u -> {
                assertThat(u.inFlight()).isEqualTo(2);
                assertThat(u.lastMinute()).isEqualTo(3);
                assertThat(u.maxInFlight()).isEqualTo(2);
            });
        }
    }

    @Test
    void aKeysRequestsPerMinuteHoldAndASecondKeyOfThePoolTakesOver() {
        StudioStore.KeyQuota slow = new StudioStore.KeyQuota("key-slow", "slow", 100, 2);
        StudioStore.KeyQuota other = new StudioStore.KeyQuota("key-other", "other", 1, 100);
        try (StudioStore store = open()) {
            assertThat(store.claimIntent(spec("x1", S1), W1, List.of(slow), 0).keyId())
                    .isEqualTo("key-slow");
            assertThat(store.claimIntent(spec("x2", S2), W1, List.of(slow), 10).keyId())
                    .isEqualTo("key-slow");
            assertThat(store.claimIntent(spec("x3", S3), W1, List.of(slow), 59_999)
                            .quotaFull())
                    .isTrue();
            assertThat(store.room(List.of(slow), 59_999))
                    .as("two creates in the last minute")
                    .isZero();
            assertThat(store.room(List.of(slow), 60_001)).isEqualTo(1);
            assertThat(store.claimIntent(spec("x4", S3), W1, List.of(slow, other), 59_999)
                            .keyId())
                    .as("the pool's next key has room")
                    .isEqualTo("key-other");
            ShotKey s4 = new ShotKey("ep03", "s01");
            assertThat(store.claimIntent(spec("x5", s4), W1, List.of(slow, other), 59_999)
                            .quotaFull())
                    .isTrue();
            assertThat(store.claimIntent(spec("x6", s4), W1, List.of(slow, other), 60_001)
                            .keyId())
                    .as("a minute after the first create the slow key has room again")
                    .isEqualTo("key-slow");
        }
    }

    @Test
    void concurrentClaimsOfManyWorkersNeverPassTheQuotaNorSendAShotTwice() throws Exception {
        int workers = 4;
        List<StudioStore.KeyQuota> key = List.of(new StudioStore.KeyQuota("key-1", "main", 5, 1_000));
        List<ShotKey> shots = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> new ShotKey("ep", "s" + i))
                .toList();
        List<StudioStore> stores = new java.util.ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                stores.add(open(w % 2 == 0 ? "alpha" : "beta"));
            }
            List<ShotRecord> planned = java.util.stream.IntStream.range(0, 12)
                    .mapToObj(i -> shot(shots.get(i), i))
                    .toList();
            stores.get(0).saveShots(planned, 0); // alpha
            stores.get(1).saveShots(planned, 0); // beta
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            List<java.util.concurrent.Future<Integer>> claimed = new java.util.ArrayList<>();
            for (int w = 0; w < workers; w++) {
                StudioStore store = stores.get(w);
                StudioStore.Lease lease = new StudioStore.Lease("w" + w, 30_000);
                claimed.add(pool.submit(() -> {
                    int n = 0;
                    for (ShotKey s : shots) {
                        if (store.claimIntent(spec(UUID(), s), lease, key, 1).claimed()) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            int total = 0;
            for (var f : claimed) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(total).isEqualTo(5);
            List<TaskRecord> all = new java.util.ArrayList<>(stores.get(0).tasks());
            all.addAll(stores.get(1).tasks());
            assertThat(all).hasSize(5);
            assertThat(stores.get(0).tasks()).extracting(TaskRecord::shot).doesNotHaveDuplicates();
            assertThat(stores.get(1).tasks()).extracting(TaskRecord::shot).doesNotHaveDuplicates();
        } finally {
            stores.forEach(StudioStore::close);
        }
    }

    private static String UUID() {
        return java.util.UUID.randomUUID().toString();
    }

    @Test
    void anExpiredLeaseIsTakenOverWithItsRemoteIdAndTheOldHolderLosesIt() {
        try (StudioStore one = open();
                StudioStore two = open()) {
            one.heartbeat("w1", "host-1", 1, W1.millis(), 1_000);
            one.claimIntent(spec("t1", S1), W1, List.of(), 1_000);
            one.markSubmitted("t1", "cgt-t1", 1_100);
            assertThat(one.heldTasks("w1", List.of(TaskState.QUEUED), 1_200)).hasSize(1);
            assertThat(takeOver(two, W2, List.of(), 5_000, 10, 20_000))
                    .as("the lease is alive")
                    .isEmpty();
            one.heartbeat("w1", "host-1", 1, W1.millis(), 20_000);
            assertThat(takeOver(two, W2, List.of(), 5_000, 10, 40_000))
                    .as("its worker beat at 20 s: alive until 50 s")
                    .isEmpty();
            List<TaskRecord> taken = takeOver(two, W2, List.of(), 5_000, 10, 50_001);
            assertThat(taken).singleElement().satisfies(t -> {
                assertThat(t.remoteId()).isEqualTo("cgt-t1");
                assertThat(t.leaseOwner()).isEqualTo("w2");
                assertThat(t.leaseUntil()).isEqualTo(80_001L);
            });
            assertThat(one.holds("t1", "w1", 50_002)).isFalse();
            one.heartbeat("w1", "host-1", 1, W1.millis(), 50_002);
            assertThat(one.holds("t1", "w1", 50_002))
                    .as("the old holder beats again, and holds nothing it lost")
                    .isFalse();
            assertThat(two.holds("t1", "w2", 50_002)).isTrue();
            assertThat(one.heldTasks("w1", List.of(TaskState.QUEUED), 50_002)).isEmpty();
        }
    }

    @Test
    void aWorkerWhoseOwnLeaseEndedTakesNothingOver() {
        try (StudioStore store = open()) {
            store.claimIntent(spec("q1", S1), W1, List.of(), 0);
            store.markSubmitted("q1", "cgt-q1", 1);
            assertThat(store.takeOverExpired(W2, List.of(), 0, 10, 1_000))
                    .as("w2 never beat: what it took would be free again at once")
                    .isEmpty();
            store.heartbeat("w2", "host-2", 2, W2.millis(), 1_000);
            assertThat(store.takeOverExpired(W2, List.of(), 0, 10, 31_001))
                    .as("w2 stalled past its lease")
                    .isEmpty();
            assertThat(store.takeOverExpired(W2, List.of(), 0, 10, 31_000)).hasSize(1);
        }
    }

    @Test
    void aHeartbeatKeepsEveryLeaseOfItsWorkerAliveWithoutWritingTheTasks() {
        try (StudioStore store = open()) {
            store.heartbeat("w1", "host-1", 1, W1.millis(), 0);
            for (int i = 0; i < 20; i++) {
                store.claimIntent(spec("t" + i, new ShotKey("ep", "s" + i)), W1, List.of(), 0);
                store.markSubmitted("t" + i, "cgt-" + i, 1);
            }
            store.heartbeat("w2", "host-2", 2, W2.millis(), 25_000); // another worker's beat changes nothing of w1's
            assertThat(store.heldTasks("w1", List.of(TaskState.QUEUED), 30_001)).isEmpty();
            store.heartbeat("w1", "host-1", 1, W1.millis(), 30_000);
            assertThat(store.heldTasks("w1", List.of(TaskState.QUEUED), 59_000))
                    .as("its one row written at 30 s: every lease alive until 60 s")
                    .hasSize(20)
                    .allSatisfy(t -> {
                        assertThat(t.leaseUntil()).isEqualTo(60_000L);
                        assertThat(t.leaseAlive(60_000)).isTrue();
                        assertThat(t.leaseAlive(60_001)).isFalse();
                    });
            assertThat(store.holds("t7", "w1", 60_000)).isTrue();
            assertThat(takeOver(store, W2, List.of(), 0, 100, 60_000)).isEmpty();
            assertThat(takeOver(store, W2, List.of(), 0, 100, 60_001)).hasSize(20);
        }
    }

    /** A database of V7 (a lease per task) migrated to V8 (a lease per worker): the heartbeats decide, rows kept. */
    @Test
    void aStoreOfV7KeepsItsTasksAndTheirHoldersWhenLeasesBecomeTheWorkers() throws Exception {
        try (java.sql.Connection c = migratedTo("7.1").getConnection();
                java.sql.Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "INSERT INTO projects (project_id, state, updated_at) VALUES ('p1', 'open', 1)",
                    "INSERT INTO tasks (project_id, intent_id, episode_id, shot_id, take_no, identity, remote_id,"
                            + " status, model, request_json, estimated_tokens, estimated_cny_micros, created_at,"
                            + " updated_at, lease_owner, lease_until) VALUES"
                            + " ('p1', 'live', 'ep', 's1', 1, 'h', 'cgt-live', 'queued', 'm', '{}', 1, 1, 1, 1, 'w1', 10),"
                            + " ('p1', 'gone', 'ep', 's2', 1, 'h', 'cgt-gone', 'queued', 'm', '{}', 1, 1, 1, 1, 'w0',"
                            + " 999999999)",
                    "INSERT INTO workers (worker_id, host, pid, started_at, heartbeat_at, lease_millis) VALUES"
                            + " ('w1', 'a', 1, 0, 1000, 30000), ('w0', 'b', 2, 0, 0, 1000)")) {
                s.execute(sql);
            }
        }
        try (StudioStore store = open("p1")) {
            assertThat(store.heldTasks("w1", List.of(TaskState.QUEUED), 20_000))
                    .as("w1's heartbeat holds it, whatever its old per-task expiry said")
                    .extracting(TaskRecord::intentId)
                    .containsExactly("live");
            assertThat(takeOver(store, W2, List.of(), 0, 10, 20_000))
                    .as("w0 stopped beating at 0 s: its task is free, whatever its old expiry said")
                    .extracting(TaskRecord::intentId, TaskRecord::remoteId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("gone", "cgt-gone"));
            assertThat(store.workers())
                    .as("the row of a worker gone and holding nothing (w0) is dropped")
                    .extracting(StudioStore.WorkerRecord::worker)
                    .containsExactly("w1", "w2");
        }
    }

    @Test
    void anIntentIsTakenOverOnlyAGraceAfterItsLeaseEndedAndTasksWithoutAHolderAtOnce() {
        try (StudioStore store = open()) {
            store.heartbeat("w1", "host-1", 1, 1_000, 10_000); // alive until 11 s
            store.claimIntent(spec("i1", S1), new StudioStore.Lease("w1", 1_000), List.of(), 10_000);
            store.claimIntent(spec("q1", S3), new StudioStore.Lease("w1", 1_000), List.of(), 10_000);
            store.markSubmitted("q1", "cgt-q1", 10_001);
            store.insertIntent("old", S2, 1, "h", "m", null, "{}", 1, 1, 0); // before team mode: nobody holds it
            store.markSubmitted("old", "cgt-old", 1);
            assertThat(takeOver(store, W2, List.of(), 5_000, 10, 12_000))
                    .extracting(TaskRecord::intentId)
                    .as("the leases ended at 11 s: the task with a remote id is followed by it at once")
                    .containsExactly("old", "q1");
            assertThat(takeOver(store, W2, List.of(), 5_000, 10, 16_000))
                    .as("a create let through the intent's fence may still land until 11 s + 5 s")
                    .isEmpty();
            assertThat(takeOver(store, W2, List.of(), 5_000, 10, 16_001))
                    .extracting(TaskRecord::intentId)
                    .containsExactly("i1");
        }
    }

    @Test
    void theFenceNeedsTheLeaseToLastTheMarginYet() {
        try (StudioStore store = open()) {
            store.heartbeat("w1", "host-1", 1, W1.millis(), 0); // alive until 30 s
            store.claimIntent(spec("f1", S1), W1, List.of(), 0);
            long margin = W1.millis() / 2;
            assertThat(store.holds("f1", "w1", 15_000 + margin))
                    .as("half a lease left")
                    .isTrue();
            assertThat(store.holds("f1", "w1", 15_001 + margin))
                    .as("less than half left")
                    .isFalse();
            assertThat(store.holds("f1", "w2", 0 + margin)).as("not the holder").isFalse();
            store.heartbeat("w1", "host-1", 1, W1.millis(), 20_000);
            assertThat(store.holds("f1", "w1", 20_000 + margin))
                    .as("beat again")
                    .isTrue();
        }
    }

    @Test
    void aWorkerWhoseProcessIsGoneLosesItsLeasesNowAndItsIntentsAfterTheirGrace() {
        try (StudioStore store = open()) {
            store.heartbeat("w1", "host-1", 1, W1.millis(), 0);
            store.claimIntent(spec("i1", S1), W1, List.of(), 0);
            store.claimIntent(spec("q1", S2), W1, List.of(), 0);
            store.markSubmitted("q1", "cgt-q1", 1);
            store.expireLeases("w1", 1_000);
            store.expireLeases("w1", 5_000); // never later than it ended
            assertThat(takeOver(store, W2, List.of(), 5_000, 10, 1_001))
                    .extracting(TaskRecord::intentId)
                    .containsExactly("q1");
            assertThat(takeOver(store, W2, List.of(), 5_000, 10, 6_000)).isEmpty();
            assertThat(takeOver(store, W2, List.of(), 5_000, 10, 6_001))
                    .extracting(TaskRecord::intentId)
                    .containsExactly("i1");
        }
    }

    @Test
    void aSheetIsMadeUnderTheClaimOfOneWorkerByTheLeaseRuleOfTasks() {
        try (StudioStore store = open()) {
            SheetStore sheets = new SheetStore(store);
            store.heartbeat("w1", "host-1", 1, W1.millis(), 0); // alive until 30 s
            store.heartbeat("w2", "host-2", 2, W2.millis(), 0);
            assertThat(sheets.claim("林夏", W1, 5_000, 0)).isEmpty();
            assertThat(sheets.claim("林夏", W1, 5_000, 1))
                    .as("its own claim is kept")
                    .isEmpty();
            assertThat(sheets.claim("林夏", W2, 5_000, 1)).as("w2 waits").contains("w1");
            assertThat(sheets.claim("老宅", W2, 5_000, 1)).isEmpty();
            assertThat(sheets.holdsClaim("林夏", "w1", 15_000))
                    .as("the fence: half a lease left")
                    .isTrue();
            assertThat(sheets.holdsClaim("林夏", "w1", 30_001)).isFalse();
            assertThat(sheets.holdsClaim("林夏", "w2", 1)).isFalse();
            store.heartbeat("w2", "host-2", 2, W2.millis(), 31_000);
            assertThat(sheets.claim("林夏", W2, 5_000, 31_000))
                    .as("w1's lease ended at 30 s; a call it let through may still be answered until 35 s")
                    .contains("w1");
            assertThat(takeOver(store, W2, List.of(), 0, 10, 31_000)).isEmpty();
            assertThat(store.workers())
                    .as("a worker holding a claim keeps its row")
                    .extracting(StudioStore.WorkerRecord::worker)
                    .contains("w1");
            assertThat(sheets.claim("林夏", W2, 5_000, 35_001)).isEmpty();
            assertThat(sheets.holdsClaim("林夏", "w2", 35_001)).isTrue();
            sheets.release("林夏", "w1"); // not its claim any more: nothing changes
            store.heartbeat("w1", "host-1", 1, W1.millis(), 35_002);
            assertThat(sheets.claim("林夏", W1, 5_000, 35_002)).contains("w2");
            sheets.release("林夏", "w2");
            assertThat(sheets.claim("林夏", W1, 5_000, 35_003))
                    .as("released: free at once")
                    .isEmpty();
            store.releaseLeases("w1"); // a clean stop: its claims are free at once
            assertThat(sheets.claim("林夏", W2, 5_000, 35_004)).isEmpty();
            store.heartbeat("w1", "host-1", 1, W1.millis(), 35_005);
            store.expireLeases("w2", 35_005); // its process is gone: no answer can reach it, its claims go at once
            assertThat(sheets.claim("老宅", W1, 5_000, 35_006)).isEmpty();
            assertThat(sheets.claim("林夏", W1, 5_000, 35_006)).isEmpty();
        }
    }

    @Test
    void anIntentIsSettledOnceWhoeverSettlesIt() {
        try (StudioStore store = open()) {
            store.claimIntent(spec("a", S1), W1, List.of(), 0);
            store.claimIntent(spec("b", S2), W1, List.of(), 0);
            // the holder records its create's task while another worker, having taken the intent over, adopts it
            assertThat(store.markSubmitted("a", "cgt-a", 1)).isTrue();
            assertThat(store.markSubmitted("a", "cgt-a", 2))
                    .as("recorded already")
                    .isFalse();
            assertThat(store.markNotCreated("a", "no task found", 3))
                    .as("a task recorded meanwhile is not closed")
                    .isFalse();
            assertThat(store.task("a").orElseThrow().status()).isEqualTo(TaskState.QUEUED);
            assertThat(store.markNotCreated("b", "no task found", 3)).isTrue();
            assertThat(store.markNotCreated("b", "no task found", 4)).isFalse();
            assertThat(store.task("b").orElseThrow().reason()).isEqualTo("NOT_CREATED");
        }
    }

    @Test
    void workersPlanningTheSameProjectAtOnceDoNotCollide() throws Exception {
        List<ShotRecord> planned = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> shot(new ShotKey("ep", "s" + i), i))
                .toList();
        List<StudioStore> stores = List.of(open(), open(), open());
        try {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (StudioStore store : stores) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        store.saveShots(planned, round);
                        store.saveFacts(java.util.Map.of("title", "t" + round));
                        store.skip(S1, "h", "BUDGET", "no money", round);
                        new SheetStore(store).savePlanned(List.of(sheet("林夏", "ha"), sheet("老宅", "hb")), round);
                        new SheetStore(store).pick("林夏", 1);
                    }
                }));
            }
            for (var f : done) {
                f.get(60, TimeUnit.SECONDS); // rethrows a duplicate key error
            }
            pool.shutdown();
            assertThat(stores.get(0).shots()).hasSize(50);
            assertThat(stores.get(0).skips()).hasSize(1);
            assertThat(new SheetStore(stores.get(0)).planned()).hasSize(2);
            assertThat(stores.get(0).projectsWithOpenWork())
                    .as("planning opens no work")
                    .isEmpty();
        } finally {
            stores.forEach(StudioStore::close);
        }
    }

    @Test
    void claimsRacingWithReplanningStillSendEachShotOnce() throws Exception {
        List<ShotKey> keys = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> new ShotKey("ep", "s" + i))
                .toList();
        List<ShotRecord> planned = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> shot(keys.get(i), i))
                .toList();
        List<StudioStore> stores = List.of(open(), open(), open());
        try {
            stores.get(0).saveShots(planned, 0);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            var planner = pool.submit(() -> {
                for (int round = 1; round <= 20; round++) {
                    stores.get(2).saveShots(planned, round); // another worker starting: it plans the project again
                }
            });
            List<java.util.concurrent.Future<?>> claimers = new java.util.ArrayList<>();
            for (int w = 0; w < 2; w++) {
                StudioStore store = stores.get(w);
                StudioStore.Lease lease = new StudioStore.Lease("c" + w, 30_000);
                claimers.add(pool.submit(() -> {
                    for (ShotKey k : keys) {
                        store.claimIntent(spec(UUID(), k), lease, List.of(), 1);
                    }
                }));
            }
            planner.get(60, TimeUnit.SECONDS);
            for (var f : claimers) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(stores.get(0).tasks())
                    .hasSize(20)
                    .extracting(TaskRecord::shot)
                    .doesNotHaveDuplicates();
        } finally {
            stores.forEach(StudioStore::close);
        }
    }

    @Test
    void aWorkerTakesOverOnlyTasksOfKeysItHas() {
        List<StudioStore.KeyQuota> other = List.of(new StudioStore.KeyQuota("key-other", "other", 5, 100));
        try (StudioStore store = open()) {
            store.claimIntent(spec("k1", S1), W1, other, 0);
            store.markSubmitted("k1", "cgt-k1", 1);
            assertThat(takeOver(store, W2, List.of("key-mine"), 0, 10, 60_000))
                    .as("polled and fetched with the key that created it: a worker without it leaves it")
                    .isEmpty();
            assertThat(takeOver(store, W2, List.of("key-mine", "key-other"), 0, 10, 60_000))
                    .extracting(TaskRecord::intentId)
                    .containsExactly("k1");
        }
    }

    @Test
    void concurrentTakeOversGiveEachTaskToOneWorker() throws Exception {
        try (StudioStore seed = open()) {
            for (int i = 0; i < 30; i++) {
                seed.claimIntent(spec("t" + i, new ShotKey("ep", "s" + i)), W1, List.of(), 0);
                seed.markSubmitted("t" + i, "cgt-" + i, 1);
            }
        }
        List<StudioStore> stores = List.of(open(), open(), open());
        try {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<java.util.concurrent.Future<List<TaskRecord>>> taken = new java.util.ArrayList<>();
            for (int w = 0; w < 3; w++) {
                StudioStore store = stores.get(w);
                StudioStore.Lease lease = new StudioStore.Lease("t" + w, 30_000);
                taken.add(pool.submit(() -> {
                    List<TaskRecord> mine = new java.util.ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        mine.addAll(takeOver(store, lease, List.of(), 0, 4, 100_000));
                    }
                    return mine;
                }));
            }
            List<String> all = new java.util.ArrayList<>();
            for (var f : taken) {
                f.get(60, TimeUnit.SECONDS).forEach(t -> all.add(t.intentId()));
            }
            pool.shutdown();
            assertThat(all).hasSize(30).doesNotHaveDuplicates();
        } finally {
            stores.forEach(StudioStore::close);
        }
    }

    @Test
    void aResultIsRecordedOnceWhoeverFetchedIt() {
        try (StudioStore store = open()) {
            store.claimIntent(spec("d1", S1), W1, List.of(), 1);
            store.markSubmitted("d1", "cgt-d1", 2);
            store.markSucceeded("d1", "u", null, 9L, 10L, 100L, 3);
            TaskRecord task = store.task("d1").orElseThrow();
            StudioStore.Delivery clip =
                    new StudioStore.Delivery("clips/a.mp4", "a", "clips/a.png", "b", 4, 864, 496, 3, 0);
            assertThat(store.deliver(task, clip, 4)).isTrue();
            assertThat(store.deliver(
                            task,
                            new StudioStore.Delivery("clips/b.mp4", "c", "clips/b.png", "d", 4, 864, 496, 3, 0),
                            5))
                    .isFalse();
            assertThat(store.task("d1").orElseThrow().clipPath()).isEqualTo("clips/a.mp4");
            assertThat(store.takes(S1))
                    .singleElement()
                    .satisfies(t -> assertThat(t.delivered()).isTrue());
        }
    }

    @Test
    void aClaimFollowsTheSameRequestDeliveredByAnotherWorkerSinceItStartedButNotOneItKnew() {
        try (StudioStore one = open();
                StudioStore two = open()) {
            // worker two started when nothing was made; worker one then sends the shot and delivers it
            one.claimIntent(spec("d1", S1), W1, List.of(), 1);
            one.markSubmitted("d1", "cgt-d1", 2);
            one.markSucceeded("d1", "u", null, 9L, 10L, 100L, 3);
            one.deliver(
                    one.task("d1").orElseThrow(),
                    new StudioStore.Delivery("clips/a.mp4", "a", "clips/a.png", "b", 4, 864, 496, 3, 0),
                    4);
            StudioStore.Claim late = two.claimIntent(spec("d2", S1), W2, List.of(), 5);
            assertThat(late.claimed())
                    .as("worker two must not pay for the shot again")
                    .isFalse();
            assertThat(late.alreadyOpen().intentId()).isEqualTo("d1");
            assertThat(late.takeNo()).isEqualTo(1);
            assertThat(two.task("d2")).isEmpty();
            // a run that knew that delivery when it started (its clip since lost) makes the shot again
            StudioStore.IntentSpec known = spec("d3", S1);
            StudioStore.Claim again = two.claimIntent(
                    new StudioStore.IntentSpec(
                            known.intentId(),
                            known.shot(),
                            null,
                            null,
                            known.identity(),
                            known.model(),
                            null,
                            known.requestJson(),
                            known.estimatedTokens(),
                            known.estimatedCnyMicros(),
                            Set.of("d1")),
                    W2,
                    List.of(),
                    6);
            assertThat(again.claimed()).isTrue();
            assertThat(again.takeNo()).isEqualTo(2);
        }
    }

    @Test
    void anEpisodeVersionIsAssembledOnceOnAnyWorker() {
        try (StudioStore one = open();
                StudioStore two = open()) {
            one.heartbeat("w1", "host-1", 1, W1.millis(), 0);
            two.heartbeat("w2", "host-2", 2, W2.millis(), 0);
            assertThat(one.claimAssembly("ep01", "v1", W1, 0)).isTrue();
            assertThat(two.claimAssembly("ep01", "v1", W2, 1_000))
                    .as("running elsewhere")
                    .isFalse();
            assertThat(two.claimAssembly("ep01", "v2", W2, 1_000))
                    .as("another version")
                    .isTrue();
            one.heartbeat("w1", "host-1", 1, W1.millis(), 25_000);
            assertThat(two.claimAssembly("ep01", "v1", W2, 45_000))
                    .as("an assembly longer than one lease keeps its claim while its worker beats")
                    .isFalse();
            assertThat(two.claimAssembly("ep01", "v1", W2, 55_001))
                    .as("its worker stopped beating")
                    .isTrue();
            two.finishAssembly("ep01", "v1", true);
            assertThat(one.claimAssembly("ep01", "v1", W1, 60_000))
                    .as("done once for good")
                    .isFalse();
            assertThat(one.assemblyState("ep01", "v1")).contains("done");
            one.finishAssembly("ep01", "v2", false);
            assertThat(one.claimAssembly("ep01", "v2", W1, 2_000))
                    .as("a failed assembly may run again")
                    .isTrue();
        }
    }

    @Test
    void claimsOnSheetsAndRunningAssembliesAreListedWithTheirHoldersForTheirProjectOnly() {
        try (StudioStore alpha = open("alpha");
                StudioStore beta = open("beta")) {
            alpha.heartbeat("w1", "host-1", 1, W1.millis(), 0);
            assertThat(new SheetStore(alpha).claim("林夏", W1, 0, 0)).isEmpty();
            assertThat(alpha.claimAssembly("ep01", "v1", W1, 0)).isTrue();
            assertThat(alpha.claimAssembly("ep02", "v1", W1, 0)).isTrue();
            alpha.finishAssembly("ep02", "v1", true);
            assertThat(alpha.claims())
                    .containsExactly(
                            new StudioStore.ClaimRecord("assembly", "ep01", "w1", 30_000L),
                            new StudioStore.ClaimRecord("sheet", "林夏", "w1", 30_000L));
            assertThat(alpha.claims()).allMatch(c -> c.alive(30_000)).noneMatch(c -> c.alive(30_001));
            assertThat(beta.claims()).isEmpty();
        }
    }

    @Test
    void workersAndProjectsWithOpenWorkAreListed() {
        try (StudioStore a = open("alpha");
                StudioStore b = open("beta")) {
            a.openProject("/p/alpha.yaml", "/out/alpha", 1);
            b.openProject("/p/beta.yaml", "/out/beta", 2);
            assertThat(a.projectsWithOpenWork())
                    .extracting(StudioStore.ProjectRecord::project)
                    .containsExactly("alpha", "beta");
            b.closeProject(3);
            assertThat(a.projectsWithOpenWork())
                    .extracting(StudioStore.ProjectRecord::projectFile)
                    .containsExactly("/p/alpha.yaml");
            b.claimIntent(spec("open", S1), W1, List.of(), 4);
            assertThat(a.projectsWithOpenWork())
                    .as("a closed project with an open task (its worker died) still has work")
                    .extracting(StudioStore.ProjectRecord::project)
                    .containsExactly("alpha", "beta");
            a.heartbeat("w1", "host-a", 42, 30_000, 5);
            a.heartbeat("w1", "host-a", 42, 30_000, 9);
            assertThat(b.workers()).singleElement().satisfies(w -> {
                assertThat(w.host()).isEqualTo("host-a");
                assertThat(w.startedAt()).isEqualTo(5);
                assertThat(w.alive(30_009)).isTrue();
                assertThat(w.alive(30_010)).isFalse();
            });
            b.releaseLeases("w1");
            assertThat(b.workers()).isEmpty();
            assertThat(takeOver(a, W2, List.of(), 0, 10, 5))
                    .as("released leases are free at once")
                    .isEmpty();
            assertThat(takeOver(b, W2, List.of(), 0, 10, 5)).hasSize(1);
        }
    }

    /** Image and chat charges: estimate before the call, billed after; in the budget's sums and the ledger's lines. */
    @Test
    void chargesAreEstimatedThenBilledAndCountInTheLedgerBesideTheVideos() throws Exception {
        try (StudioStore store = open()) {
            store.saveShots(List.of(new ShotRecord(S1, 0, "h1", "text", "m", 4, "480p", "16:9", 100, 1_000_000)), 1);
            store.claimIntent(
                    new StudioStore.IntentSpec("v1", S1, null, null, "h1", "m", null, "{}", 100, 1_000_000, Set.of()),
                    null,
                    List.of(),
                    2);
            store.markSubmitted("v1", "cgt-v1", 3);
            store.markSucceeded("v1", "http://v", null, 99L, 90L, 900_000L, 4);
            store.insertCharge(charge("sheet-1", "image", "images", "sheet", null, "林夏", 1, 220_000));
            store.insertCharge(charge("sheet-2", "image", "images", "sheet", null, "老宅", 1, 220_000));
            store.insertCharge(charge("sheet-3", "image", "images", "sheet", null, "林夏", 1, 220_000));
            store.insertCharge(charge("chat-1", "chat", "tokens", "episode", "ep01", null, 3_000, 12_000));
            store.insertCharge(charge("chat-2", "chat", "tokens", "project", null, null, 5_000, 20_000));
            store.insertCharge(charge("img-s", "image", "images", "shot", "ep01", "s01", 1, 220_000));

            assertThat(store.billCharge("sheet-1", 1, 200_000, 5)).isTrue();
            assertThat(store.failCharge("sheet-2", "InputImageSensitiveContentDetected", "refused", 5))
                    .isTrue();
            assertThat(store.markChargeUnknown("sheet-3", "connection reset after sending", 5))
                    .isTrue();
            assertThat(store.billCharge("chat-1", 2_500, 10_000, 5)).isTrue();
            assertThat(store.billCharge("img-s", 1, 200_000, 5)).isTrue();
            // a closed charge stays as it is
            assertThat(store.billCharge("sheet-2", 1, 200_000, 6)).isFalse();
            assertThat(store.markChargeUnknown("sheet-1", "late", 6)).isFalse();

            // billed: the video, one sheet, the chat, the shot's image
            assertThat(store.spentCnyMicros()).isEqualTo(900_000 + 200_000 + 10_000 + 200_000);
            // may still be billed: the unknown sheet (for good) and the unanswered project chat
            assertThat(store.inFlightEstimateMicros()).isEqualTo(220_000 + 20_000);
            assertThat(store.charges())
                    .extracting(ChargeRecord::chargeId, ChargeRecord::status)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("sheet-1", "billed"),
                            org.assertj.core.groups.Tuple.tuple("sheet-2", "failed"),
                            org.assertj.core.groups.Tuple.tuple("sheet-3", "unknown"),
                            org.assertj.core.groups.Tuple.tuple("chat-1", "billed"),
                            org.assertj.core.groups.Tuple.tuple("chat-2", "estimated"),
                            org.assertj.core.groups.Tuple.tuple("img-s", "billed"));
        }
        // the answer of an unknown call may still arrive: it is then billed
        try (StudioStore store = open();
                dev.seedance4j.studio.StudioView view = dev.seedance4j.studio.ViewsForTests.over(store, dir)) {
            assertThat(store.charge("sheet-3").orElseThrow().note()).contains("connection reset");
            dev.seedance4j.studio.LedgerView ledger = view.ledger();
            assertThat(ledger.shared()).containsOnlyKeys("sheets", "project");
            assertThat(ledger.shared().get("sheets").billedCny()).isEqualByComparingTo("0.2");
            assertThat(ledger.shared().get("sheets").inFlightCny()).isEqualByComparingTo("0.22");
            assertThat(ledger.shared().get("sheets").estimatedImages()).isEqualTo(3);
            assertThat(ledger.shared().get("sheets").billedImages()).isEqualTo(1);
            assertThat(ledger.episodes().get("ep01").billedCny()).isEqualByComparingTo("1.11");
            assertThat(ledger.episodes().get("ep01").billedTokens()).isEqualTo(90 + 2_500);
            assertThat(ledger.shots().get(S1).billedImages()).isEqualTo(1);
            assertThat(ledger.kinds()).containsOnlyKeys("video", "image", "chat");
            assertThat(ledger.kinds().get("image").billedCny()).isEqualByComparingTo("0.4");
            assertThat(ledger.kinds().get("chat").billedTokens()).isEqualTo(2_500);
            assertThat(ledger.kinds().get("video").billedCny()).isEqualByComparingTo("0.9");
            // the project's figures are the sums of its lines, and of its kinds
            assertThat(ledger.project().billedCny())
                    .isEqualByComparingTo("1.31")
                    .isEqualByComparingTo(dev.seedance4j.studio.internal.Money.cny(store.spentCnyMicros()));
            assertThat(ledger.project().inFlightCny())
                    .isEqualByComparingTo(dev.seedance4j.studio.internal.Money.cny(store.inFlightEstimateMicros()));
            dev.seedance4j.studio.StudioStatus status = view.status();
            assertThat(status.spentCny()).isEqualByComparingTo("1.31");
            assertThat(status.shared()).containsOnlyKeys("sheets", "project");
            assertThat(view.charges())
                    .filteredOn(c -> c.subject().equals(dev.seedance4j.studio.ChargeSubject.sheet("林夏")))
                    .extracting(dev.seedance4j.studio.ChargeView::status)
                    .containsExactly("billed", "unknown");
            assertThat(store.billCharge("sheet-3", 1, 200_000, 7)).isTrue();
            assertThat(view.ledger().shared().get("sheets").inFlightCny()).isEqualByComparingTo("0");
        }
    }

    private static ChargeRecord charge(
            String id,
            String kind,
            String unit,
            String subject,
            String episode,
            String subjectId,
            long units,
            long est) {
        return new ChargeRecord(
                id,
                kind,
                "m",
                unit,
                subject,
                episode,
                subjectId,
                "test",
                "estimated",
                units,
                est,
                null,
                null,
                null,
                null,
                1,
                null);
    }
}
