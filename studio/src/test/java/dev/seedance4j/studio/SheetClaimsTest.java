package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers of one project start at the same moment on one PostgreSQL while its reference sheets are missing (the
 * README asks users to run {@code seedance sheets} first; this is what happens when they do not): each sheet is made
 * once, under the claim of one worker, and the other waits for it and uses it. Every answer of the emulator is slow
 * (1.5 s), so that both workers find the sheets missing before either is made.
 */
class SheetClaimsTest {
    private static PostgresServer postgres;

    @TempDir
    Path dir;

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
        try (Emulator emulator = Emulator.builder()
                        .timeScale(0.002)
                        .faults(Faults.builder()
                                .slowRate(1)
                                .slowDelay(Duration.ofMillis(1_500))
                                .build())
                        .build()
                        .start();
                SeedanceClient client = EmulatorHarness.client(emulator.baseUrl())) {
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
            assertThat(emulator.stats().imagesGenerated()).as("images paid").isEqualTo(2);
            assertThat(emulator.stats().creates()).as("videos paid").isEqualTo(1);
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
}
