package dev.seedance4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsAreTheFullRunWithJsonInTheWorkingDirectory() {
        BenchOptions o = BenchOptions.parse();
        assertThat(o.quick()).isFalse();
        assertThat(o.only()).isEmpty();
        assertThat(o.jsonFile()).isEqualTo(Path.of("bench-results.json"));
        assertThat(o.selects("P1", List.of("P1a"))).isTrue();
    }

    @Test
    void parsesEveryFlag() {
        BenchOptions o = BenchOptions.parse("--quick", "--only", "p6, R5a", "--json", "out/r.json", "--work", "w");
        assertThat(o.quick()).isTrue();
        assertThat(o.only()).containsExactlyInAnyOrder("P6", "R5A");
        assertThat(o.jsonFile()).isEqualTo(Path.of("out/r.json"));
        assertThat(o.workDirectory()).isEqualTo(Path.of("w"));
        assertThat(o.selects("P6", List.of("P6a", "P6b"))).isTrue();
        assertThat(o.selects("R5", List.of("R5a"))).isTrue();
        assertThat(o.selects("P1", List.of("P1a"))).isFalse();
        assertThat(BenchOptions.parse("--only", "P2").selects("P1", List.of("P1a", "P2a", "P4a")))
                .isTrue();
    }

    @Test
    void refusesUnknownAndIncompleteArguments() {
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown argument '--fast'");
        assertThatThrownBy(() -> BenchOptions.parse("--only")).hasMessageContaining("--only needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--json", "--quick")).hasMessageContaining("--json needs a value");
    }
}
