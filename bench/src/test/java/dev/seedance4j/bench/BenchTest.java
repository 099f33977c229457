package dev.seedance4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seedance4j.bench.internal.BareServer;
import dev.seedance4j.bench.internal.BenchContext;
import dev.seedance4j.bench.internal.RawApi;
import dev.seedance4j.bench.internal.Suite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end with a tiny real measurement (round trips to a loopback server for a fraction of a second). */
class BenchTest {
    @TempDir
    Path dir;

    /** Measures GET round trips per second against a bare loopback server. */
    static final class TinySuite implements Suite {
        @Override
        public String id() {
            return "T1";
        }

        @Override
        public List<String> figureIds() {
            return List.of("T1a");
        }

        @Override
        public void run(BenchContext context) throws Exception {
            try (BareServer server =
                    new BareServer(2, "{\"id\":\"cgt-1\"}", "{\"id\":\"cgt-1\",\"status\":\"queued\"}")) {
                RawApi api = new RawApi(RawApi.newHttpClient(), server.baseUrl(), context.apiKey());
                int n = 0;
                long start = System.nanoTime();
                while (System.nanoTime() - start < 200_000_000L) {
                    if (api.get("cgt-1").statusCode() == 200) n++;
                }
                context.emit(Figure.of("T1a", "loopback-get", n / ((System.nanoTime() - start) / 1e9), "req/s", "tiny")
                        .withGoal(Figure.Goal.Op.AT_LEAST, 1));
            }
        }
    }

    static final class FailingSuite implements Suite {
        @Override
        public String id() {
            return "T2";
        }

        @Override
        public List<String> figureIds() {
            return List.of("T2a");
        }

        @Override
        public void run(BenchContext context) {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void printsEachFigureAndWritesTheSameAsJsonWithTheMachine() throws Exception {
        StringWriter printed = new StringWriter();
        Path json = dir.resolve("results.json");
        BenchReport report = Bench.run(
                BenchOptions.defaults().withQuick(true).withJsonFile(json).withWorkDirectory(dir.resolve("w")),
                new PrintWriter(printed),
                List.of(new TinySuite()));

        assertThat(report.figures()).hasSize(1);
        Figure figure = report.figures().get(0);
        assertThat(figure.value()).isPositive();
        assertThat(report.passed()).isTrue();
        assertThat(printed.toString()).contains(figure.line() + System.lineSeparator());
        assertThat(figure.line()).matches("T1a loopback-get [0-9.]+ req/s \\[goal ≥ 1, met]");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("mode").asText()).isEqualTo("quick");
        assertThat(root.get("machine").get("cores").asInt())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(root.get("machine").get("java_version").asText())
                .startsWith(System.getProperty("java.version").split("\\.")[0]);
        assertThat(root.get("machine").get("cpu_model").asText()).isNotBlank();
        assertThat(root.get("figures").get(0).get("line").asText()).isEqualTo(figure.line());
        assertThat(root.get("figures").get(0).get("value").asDouble()).isEqualTo(figure.value());
    }

    @Test
    void aFailingSuiteIsReportedAndTheOthersStillRun() {
        StringWriter printed = new StringWriter();
        BenchReport report = Bench.run(
                BenchOptions.defaults().withJsonFile(null).withWorkDirectory(dir),
                new PrintWriter(printed),
                List.of(new FailingSuite(), new TinySuite()));
        assertThat(report.failures()).containsExactly("T2: java.lang.IllegalStateException: boom");
        assertThat(report.figures()).extracting(Figure::id).containsExactly("T1a");
        assertThat(report.passed()).isFalse();
        assertThat(printed.toString()).contains("# T2 failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void onlyRunsTheSelectedSuites() {
        BenchReport report = Bench.run(
                BenchOptions.defaults().withOnly("T2a").withJsonFile(null).withWorkDirectory(dir),
                new PrintWriter(new StringWriter()),
                List.of(new TinySuite(), new FailingSuite()));
        assertThat(report.figures()).isEmpty();
        assertThat(report.failures()).hasSize(1);
    }
}
