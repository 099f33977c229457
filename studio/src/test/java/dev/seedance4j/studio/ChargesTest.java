package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.client.ContentModerationException;
import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.ImageRequest;
import dev.seedance4j.client.ImageResponse;
import dev.seedance4j.client.ImageSize;
import dev.seedance4j.client.ImagesOutcomeUnknownException;
import dev.seedance4j.client.Model;
import dev.seedance4j.emulator.Faults;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public charges API around real image calls to the emulator: billed, refused, unknown; then the ledger. */
class ChargesTest {
    @TempDir
    Path dir;

    @Test
    void eachCallIsRecordedBeforeItIsMadeAndClassifiedByItsOutcome() {
        CostEstimator costs = CostEstimator.defaults();
        ImageRequest request = ImageRequest.builder(Model.SEEDREAM_4_0, "林夏，动漫风格", ImageSize.K1)
                .build();
        BigDecimal estimate = costs.estimate(request).orElseThrow();
        try (EmulatorHarness harness = new EmulatorHarness(
                        Faults.none(), 0.002, b -> b.imageFaultPlan("ok", "moderation", "drop-after"));
                Charges charges = Charges.open(dir)) {
            ImageResponse answer = call(charges, harness, request, estimate, costs);
            assertThat(answer.images()).hasSize(1);
            assertThatThrownBy(() -> call(charges, harness, request, estimate, costs))
                    .isInstanceOf(ContentModerationException.class);
            assertThatThrownBy(() -> call(charges, harness, request, estimate, costs))
                    .isInstanceOf(ImagesOutcomeUnknownException.class);

            assertThat(charges.all()).extracting(ChargeView::status).containsExactly("billed", "failed", "unknown");
            ChargeView billed = charges.all().get(0);
            assertThat(billed.kind()).isEqualTo(ChargeKind.IMAGE);
            assertThat(billed.subject()).isEqualTo(ChargeSubject.sheet("林夏"));
            assertThat(billed.billedUnits()).isEqualTo(1);
            assertThat(billed.billedCny()).isEqualByComparingTo(estimate);
            // the refused call billed nothing; the dropped one was billed by the service and nothing told the
            // client: the ledger keeps it as unknown at its estimate, so billed + unknown covers what was paid
            assertThat(harness.emulator.stats().cnyBilled())
                    .isEqualByComparingTo(billed.billedCny().add(estimate));
            assertThat(charges.all().get(1).errorCode()).isNotBlank();
            assertThat(charges.all().get(2).mayStillBeBilled()).isTrue();
        }
        try (StudioView view = StudioView.open(dir)) {
            Ledger sheets = view.ledger().shared().get("sheets");
            assertThat(sheets.billedImages()).isEqualTo(1);
            assertThat(sheets.estimatedImages()).isEqualTo(3);
            assertThat(sheets.inFlightCny())
                    .as("the unknown call stays counted")
                    .isEqualByComparingTo(estimate);
            assertThat(view.status().spentCny()).isEqualByComparingTo(estimate);
        }
    }

    private static ImageResponse call(
            Charges charges, EmulatorHarness harness, ImageRequest request, BigDecimal estimate, CostEstimator costs) {
        return charges.call(
                ChargeKind.IMAGE,
                request.model().id(),
                ChargeSubject.sheet("林夏"),
                1,
                estimate,
                "sheet of 林夏",
                () -> harness.client.images().generate(request),
                r -> new Charges.Billed(r.billedImages(), costs.imageCost(r).orElse(estimate)));
    }
}
