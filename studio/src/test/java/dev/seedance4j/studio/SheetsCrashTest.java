package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.Faults;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sheets are made in a child JVM killed with SIGKILL at random moments, then resumed: every sheet is delivered, and
 * each is billed once, except calls the ledger records as {@code unknown} (cut short by a kill: the image API keeps
 * nothing to ask, so the sheet is asked again and the cut call may have been paid).
 */
class SheetsCrashTest {
    @TempDir
    Path dir;

    @Test
    void killedWhileMakingSheetsThenResumedEverySheetIsDeliveredAndOnlyUnknownCallsMayBePaidTwice() throws Exception {
        Path file = TestFiles.write(dir.resolve("drama.yaml"), SheetsTest.yaml("二十岁的女孩，短发", "comic"));
        Path out = dir.resolve("out");
        Random random = new Random(20261207L);
        // slow images, so that kills land during calls
        try (EmulatorHarness harness = new EmulatorHarness(Faults.builder()
                .slowRate(1.0)
                .slowDelay(java.time.Duration.ofMillis(400))
                .build())) {
            int kills = 0;
            int attempt = 0;
            boolean done = false;
            while (!done) {
                attempt++;
                Path log = dir.resolve("child-" + attempt + ".log");
                Process child = child(file, out, harness.emulator.baseUrl(), log);
                if (kills < 4) {
                    long started = System.nanoTime();
                    while (child.isAlive()
                            && !Files.readString(log).contains("STARTED")
                            && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
                        Thread.sleep(20);
                    }
                    if (!child.waitFor(200 + random.nextInt(900), TimeUnit.MILLISECONDS)) {
                        child.destroyForcibly(); // SIGKILL
                        child.waitFor();
                        kills++;
                        continue;
                    }
                } else {
                    assertThat(child.waitFor(3, TimeUnit.MINUTES))
                            .as("final run finishes")
                            .isTrue();
                }
                assertThat(child.exitValue()).as("child exit, see " + log).isZero();
                done = Files.readString(log).contains("DONE delivered=5");
            }
            assertThat(kills).isGreaterThanOrEqualTo(4);
            try (Studio studio = Studio.open(file, harness.options(out).build())) {
                assertThat(studio.sheets()).hasSize(5).allMatch(v -> v.state().equals("delivered"));
                List<ChargeView> charges = studio.view().charges();
                long billed = charges.stream()
                        .filter(c -> c.status().equals("billed"))
                        .count();
                long unknown = charges.stream()
                        .filter(c -> c.status().equals("unknown"))
                        .count();
                assertThat(charges).noneMatch(c -> c.status().equals("estimated"));
                // what the service made: one per sheet, plus at most one per call the ledger marks unknown
                long made = harness.emulator.stats().imagesGenerated();
                assertThat(made).isBetween(5L, 5L + unknown);
                assertThat(billed)
                        .as("billed charges: at most one per sheet, plus links lost")
                        .isEqualTo(5);
                // the ledger counts the unknown calls at their estimate: it covers what was paid
                Ledger sheets = studio.view().ledger().shared().get("sheets");
                assertThat(sheets.billedCny().add(sheets.inFlightCny()))
                        .isGreaterThanOrEqualTo(harness.emulator.stats().cnyBilled());
                assertThat(sheets.billedCny())
                        .isEqualByComparingTo(new BigDecimal("0.2").multiply(BigDecimal.valueOf(5)));
                System.out.println("sheet crash test: " + kills + " kills, " + made + " images made, " + unknown
                        + " calls unknown");
            }
            // resuming again makes nothing
            long before = harness.emulator.stats().imagesGenerated();
            Process last = child(file, out, harness.emulator.baseUrl(), dir.resolve("child-last.log"));
            assertThat(last.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(harness.emulator.stats().imagesGenerated()).isEqualTo(before);
        }
    }

    private static Process child(Path file, Path out, String baseUrl, Path log) throws Exception {
        return CrashSafetyTest.child(SheetCrashChild.class, log, file.toString(), out.toString(), baseUrl);
    }
}
