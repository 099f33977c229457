package dev.seedance4j.bench;

import static dev.seedance4j.bench.Figure.Goal.Op.AT_LEAST;
import static dev.seedance4j.bench.Figure.Goal.Op.AT_MOST;
import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void aPlainFigureIsIdNameValueUnit() {
        assertThat(Figure.of("P4", "noop-rerun-creates", 0, "creates", "").line())
                .isEqualTo("P4 noop-rerun-creates 0 creates");
    }

    @Test
    void aBaselineAddsItsValueAndTheRatio() {
        Figure f = Figure.of("P6a", "emulator-create+get", 471.25, "req/s", "").withBaseline("bare", 1148);
        assertThat(f.line()).isEqualTo("P6a emulator-create+get 471.3 req/s [baseline 1148, ratio 0.410]");
        assertThat(f.ratio()).isCloseTo(0.4105, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aGoalSaysWhetherItIsMet() {
        assertThat(Figure.of("R5", "errors", 0, "errors", "").withGoal(EQUAL, 0).line())
                .isEqualTo("R5 errors 0 errors [goal = 0, met]");
        assertThat(Figure.of("P6b", "render", 3.97, "x-realtime", "")
                        .withBaseline("real-time", 1)
                        .withGoal(AT_LEAST, 5)
                        .line())
                .isEqualTo("P6b render 3.97 x-realtime [baseline 1, ratio 3.97] [goal ≥ 5, missed]");
        assertThat(Figure.of("P1", "makespan", 1.2, "x", "")
                        .withGoal(AT_MOST, 1.5)
                        .met())
                .isTrue();
        assertThat(Figure.of("P1", "makespan", 1.2, "x", "").met()).isNull();
    }

    @Test
    void numbersAreRoundedForReading() {
        assertThat(Figure.format(12345.678)).isEqualTo("12345.7");
        assertThat(Figure.format(5.049)).isEqualTo("5.05");
        assertThat(Figure.format(0.0012345)).isEqualTo("0.00123");
        assertThat(Figure.format(-3)).isEqualTo("-3");
    }

    @Test
    void idsNamesAndUnitsAreSingleTokensSoThatLinesCanBeSplit() {
        assertThatThrownBy(() -> Figure.of("P1", "make span", 1, "x", ""))
                .hasMessageContaining("name must be one token");
        assertThatThrownBy(() -> Figure.of("P 1", "x", 1, "x", "")).hasMessageContaining("id must be one token");
        assertThatThrownBy(() -> Figure.of("P1", "x", 1, "per s", "")).hasMessageContaining("unit must be one token");
    }
}
