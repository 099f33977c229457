package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import dev.seedance4j.studio.internal.store.StoreLocation;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import dev.seedance4j.studio.internal.store.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers of one project on one PostgreSQL and one emulator (real HTTP), in this JVM: the fence of creates and the
 * claims on reference sheets, under the lease rule of team mode.
 *
 * <p>For the fence one worker is stalled at a chosen point, as a long GC pause or a starved CPU stalls a JVM: its
 * threads stop where they are, its heartbeat included, so its lease runs out while it holds intents. The other takes
 * them over; when the stalled one wakes, nothing may be paid twice. The stall is made with clocks, the only seam:
 * worker A's client and studio are given clocks that block the threads named below when they read the time. Its
 * create threads read the client's clock before anything is sent (to stamp the request id), and the studio's clock at
 * the create's fence and to stamp the remote id; its heartbeat thread reads the studio's clock at every beat.
 */
class TeamLeasesTest {
    private static final int SHOTS = 3;
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static PostgresServer postgres;

    @TempDir
    Path dir;

    private Emulator emulator;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void startEmulator() {
        emulator = Emulator.builder()
                .timeScale(0.004)
                .faults(Faults.none())
                .concurrency(16)
                .rpm(100_000)
                .build()
                .start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /**
     * A writes its intents and stalls before its creates are sent, past its lease and the grace of its intents; B
     * takes them over, finds no task for them and creates them. A wakes: its creates' fence finds the intents another
     * worker's, and sends nothing.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWorkerStalledBetweenItsIntentsAndItsCreatesSendsNothingOnceAnotherTookThemOver() throws Exception {
        Stall stall = new Stall(
                thread -> thread.startsWith("seedance-create-"), 1, thread -> thread.equals("seedance-heartbeat"));
        Outcome outcome = runWithAStalledWorker(stall);
        assertThat(outcome.b().created()).as("B created what A had not sent").isEqualTo(SHOTS);
        assertThat(outcome.a().created()).as("A sent nothing after its stall").isZero();
        assertThat(outcome.aEvents()).anyMatch(e -> e.contains("not sent: this run's lease on the intent lapsed"));
    }

    /**
     * A sends its creates and stalls before it records their remote ids, past its lease and the grace of its
     * intents; B takes the intents over, finds A's tasks in the account's list and adopts them, creating nothing. A
     * wakes and finds its intents recorded already.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWorkerStalledAfterItsCreatesLeavesThemToBeAdoptedNotCreatedAgain() throws Exception {
        // the studio's clock is read twice on a create thread: at the fence (let through), then for the remote id
        Stall stall = new Stall(
                thread -> thread.startsWith("seedance-create-"), 2, thread -> thread.equals("seedance-heartbeat"));
        Outcome outcome = runWithAStalledWorker(stall);
        assertThat(outcome.a().created())
                .as("A's creates went out before its stall")
                .isEqualTo(SHOTS);
        assertThat(outcome.b().created()).as("B adopted them").isZero();
        assertThat(outcome.bEvents())
                .filteredOn(e -> e.startsWith("RECONCILED"))
                .hasSize(SHOTS)
                .allMatch(e -> e.contains("adopted"));
    }

    /**
     * Two workers start at the same moment while the project's reference sheets are missing (the README asks users to
     * run {@code seedance sheets} first; this is what happens when they do not): each sheet is made once, under the
     * claim of one worker, and the other waits for it and uses it. Every answer of the emulator is slow (1.5 s), so
     * that both workers find the sheets missing before either is made.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twoWorkersStartingWhileSheetsAreMissingPayForEachSheetOnce() throws Exception {
        assumeTrue(postgres != null, "no PostgreSQL on this machine");
        String store = postgres.newDatabase();
        Path file = TestFiles.write(dir.resolve("drama.yaml"), """
                title: 两个工作者
                style: anime
                defaults: { model: %s, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false, seed: 5 }
                characters:
                  lin: { description: 二十岁的女孩，短发，白衬衫 }
                scenes:
                  office: { description: 高楼里的开放式办公室，落地窗 }
                episodes:
                  - id: ep01
                    shots:
                      - { id: s01, prompt: "@lin 走进 @office" }
                """.formatted(StudioFixtures.MODEL));
        Path out = dir.resolve("out");
        try (Emulator slow = Emulator.builder()
                        .timeScale(0.002)
                        .faults(Faults.builder()
                                .slowRate(1)
                                .slowDelay(Duration.ofMillis(1_500))
                                .build())
                        .build()
                        .start();
                SeedanceClient client = EmulatorHarness.client(slow.baseUrl())) {
            StudioOptions options = EmulatorHarness.options(client, out)
                    .store(store)
                    .quotaKey("test-key")
                    .build();
            List<String> events = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2); // two at once, whatever the cores
            try {
                List<Future<RunReport>> workers = List.of(
                        threads.submit(() -> worker(file, options, start, events, "A")),
                        threads.submit(() -> worker(file, options, start, events, "B")));
                start.countDown();
                for (Future<RunReport> w : workers) {
                    RunReport report = w.get(2, TimeUnit.MINUTES);
                    assertThat(report.failures()).as(String.join("\n", events)).isEmpty();
                    assertThat(report.delivered()).isEqualTo(1);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(slow.stats().imagesGenerated()).as("images paid").isEqualTo(2);
            assertThat(slow.stats().creates()).as("videos paid").isEqualTo(1);
            assertThat(events).anyMatch(e -> e.contains("being made by another worker"));
            try (Studio studio = Studio.open(file, options)) {
                assertThat(studio.sheets())
                        .extracting(SheetView::name, SheetView::state, SheetView::take)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("lin", "delivered", 1),
                                org.assertj.core.groups.Tuple.tuple("office", "delivered", 1));
                assertThat(studio.view().charges())
                        .as("one image charge a sheet, billed")
                        .hasSize(2)
                        .allMatch(c -> c.status().equals("billed"));
            }
        }
    }

    /** A worker: opens the project, waits for the start, runs it. */
    private static RunReport worker(
            Path file, StudioOptions options, CountDownLatch start, List<String> events, String name)
            throws InterruptedException {
        try (Studio studio = Studio.open(file, options)) {
            start.await();
            return studio.run(e -> events.add(name + " " + e));
        }
    }

    private record Outcome(RunReport a, RunReport b, List<String> aEvents, List<String> bEvents) {}

    private Outcome runWithAStalledWorker(Stall stall) throws Exception {
        assumeTrue(postgres != null, "no PostgreSQL on this machine");
        String store = postgres.newDatabase();
        Path project = project();
        Path out = dir.resolve("out");
        List<String> aEvents = new CopyOnWriteArrayList<>();
        List<String> bEvents = new CopyOnWriteArrayList<>();
        ExecutorService threadOfA = Executors.newSingleThreadExecutor();
        try (SeedanceClient clientA = client(stall.clientClock());
                SeedanceClient clientB = client(Clock.systemUTC());
                Studio a = Studio.open(project, options(clientA, out, store, stall.studioClock()));
                Studio b = Studio.open(project, options(clientB, out, store, Clock.systemUTC()))) {
            Future<RunReport> runA = threadOfA.submit(() -> a.run(e -> aEvents.add(e.toString())));
            assertThat(stall.reached.await(60, TimeUnit.SECONDS))
                    .as("A stalled: " + aEvents)
                    .isTrue();
            RunReport reportB = b.run(e -> bEvents.add(e.toString()));
            assertThat(reportB.delivered()).as(String.join("\n", bEvents)).isEqualTo(SHOTS);
            stall.release();
            RunReport reportA = runA.get(60, TimeUnit.SECONDS);
            assertThat(reportA.delivered()).as(String.join("\n", aEvents)).isEqualTo(SHOTS);
            assertThat(emulator.stats().creates()).as("creates").isEqualTo(SHOTS);
            try (StudioStore s = StudioStore.open(
                    StoreLocation.parse(store), out.getFileName().toString())) {
                List<TaskRecord> tasks = s.tasks();
                assertThat(tasks.stream()
                                .filter(t -> t.status() == TaskState.DELIVERED)
                                .map(TaskRecord::shot))
                        .hasSize(SHOTS)
                        .doesNotHaveDuplicates();
                assertThat(tasks).filteredOn(t -> t.status().isOpen()).isEmpty();
            }
            return new Outcome(reportA, reportB, aEvents, bEvents);
        } finally {
            stall.release();
            threadOfA.shutdownNow();
        }
    }

    /** A client whose request timeout, and so the intents' grace, is short (5 s; the grace 1 s + 5 s). */
    private SeedanceClient client(Clock clock) {
        return EmulatorHarness.clientBuilder(emulator.baseUrl())
                .requestTimeout(Duration.ofSeconds(5))
                .clock(clock)
                .build();
    }

    private static StudioOptions options(SeedanceClient client, Path out, String store, Clock clock) {
        return EmulatorHarness.options(client, out)
                .concurrency(4)
                .leaseTime(LEASE)
                .quotaKey("test-key")
                .store(store)
                .clock(clock)
                .build();
    }

    private Path project() throws Exception {
        StringBuilder y = new StringBuilder("title: fence\n")
                .append("defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: \"16:9\", duration: 4,"
                        + " generate_audio: false }\n")
                .append("episodes:\n  - id: ep01\n    shots:\n");
        for (int i = 0; i < SHOTS; i++) {
            y.append("      - { id: s")
                    .append(i)
                    .append(", prompt: \"shot ")
                    .append(i)
                    .append("\", seed: ");
            y.append(i + 1).append(" }\n");
        }
        Path folder = dir.resolve("fence");
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve("fence.yaml"), y.toString());
    }

    /**
     * Stalls worker A: each thread {@code trigger} names blocks at its {@code nth} read of the counting clock (and
     * at every later read) until {@link #release()}; once {@link #SHOTS} of them are blocked, so are the reads of the
     * threads {@code alsoStalled} names (its heartbeat), and {@link #reached} opens.
     */
    private static final class Stall {
        final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger arrived =
                new java.util.concurrent.atomic.AtomicInteger();
        private final Predicate<String> trigger;
        private final int nth;
        private final Predicate<String> alsoStalled;
        private final ThreadLocal<int[]> reads = ThreadLocal.withInitial(() -> new int[1]);

        Stall(Predicate<String> trigger, int nth, Predicate<String> alsoStalled) {
            this.trigger = trigger;
            this.nth = nth;
            this.alsoStalled = alsoStalled;
        }

        /** The client's clock: it counts the reads of trigger threads when {@code nth} is 1. */
        Clock clientClock() {
            return new StallingClock(nth == 1);
        }

        /** The studio's clock: it counts the reads of trigger threads when {@code nth} is above 1. */
        Clock studioClock() {
            return new StallingClock(nth > 1);
        }

        void release() {
            released.countDown();
        }

        private void read(boolean counts) {
            if (released.getCount() == 0) {
                return;
            }
            String thread = Thread.currentThread().getName();
            if (counts && trigger.test(thread) && ++reads.get()[0] >= nth) {
                if (reads.get()[0] == nth && arrived.incrementAndGet() == SHOTS) {
                    reached.countDown();
                }
                await();
            } else if (reached.getCount() == 0 && alsoStalled.test(thread)) {
                await();
            }
        }

        private void await() {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private final class StallingClock extends Clock {
            private final boolean counts;

            StallingClock(boolean counts) {
                this.counts = counts;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                read(counts);
                return Instant.now();
            }

            @Override
            public long millis() {
                read(counts);
                return System.currentTimeMillis();
            }
        }
    }
}
