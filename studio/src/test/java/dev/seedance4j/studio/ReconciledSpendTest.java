package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.Faults;
import java.math.RoundingMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every create's answer is lost after the task was made, so every shot is reconciled against the account's task
 * list, several at once (s02 and the edit s05 are sent together once s01 is in). Each shot must adopt its own task:
 * billed what its own request costs, and the money spent equals the service's bill and a clean run's.
 */
class ReconciledSpendTest {
    @TempDir
    Path dir;

    @Test
    void shotsReconciledTogetherEachAdoptTheirOwnTask() throws Exception {
        StudioFixtures.assets(dir);
        Path file = TestFiles.write(dir.resolve("drama.yaml"), StudioFixtures.smallYaml());
        try (EmulatorHarness harness =
                new EmulatorHarness(Faults.builder().dropAfterRate(1.0).build())) {
            try (Studio studio =
                    Studio.open(file, harness.options(dir.resolve("out")).build())) {
                RunReport report = studio.run(RunListener.none());
                assertThat(report.delivered()).isEqualTo(6);
                assertThat(harness.emulator.stats().creates())
                        .as("nothing sent twice")
                        .isEqualTo(6);
                StudioStatus status = studio.status();
                for (ShotView s : status.shots()) {
                    // this fixture's estimates are exact (declared input lengths): a shot billed otherwise was
                    // given another shot's task
                    assertThat(s.billedTokens())
                            .as(s.shot() + " billed its own task")
                            .isEqualTo(s.estimatedTokens());
                }
                assertThat(status.spentCny())
                        .as("spent as the service billed")
                        .isEqualByComparingTo(
                                harness.emulator.stats().cnyBilled().setScale(4, RoundingMode.HALF_UP));
            }
        }
    }
}
