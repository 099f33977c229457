package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seedance serve} and {@code run --serve}: the board's address printed, the board answering. */
class BoardCommandsTest {
    private static final Pattern ADDRESS = Pattern.compile("board: (http://\\S+/)");

    @TempDir
    Path dir;

    private Path project() throws Exception {
        return Files.writeString(dir.resolve("tiny.yaml"), """
                title: tiny board
                defaults: { model: doubao-seedance-2-0-fast-260128, resolution: 480p, ratio: "16:9", duration: 4 }
                episodes:
                  - id: ep01
                    shots:
                      - id: s01
                        prompt: a paper boat on a rainy street
                """);
    }

    @Test
    void runWithServeShowsTheBoardWhileItRuns() throws Exception {
        CliRun run = CliRun.run("run", project().toString(), "--emulator", "--serve", "--port", "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("board: http://127\\.0\\.0\\.1:\\d+/");
        assertThat(run.all()).doesNotContain("board token");
    }

    @Test
    void serveOffLoopbackPrintsTheTokenOnceAndRefusesRequestsWithoutIt() throws Exception {
        Path project = project();
        assertThat(CliRun.run("run", project.toString(), "--emulator").exitCode())
                .isZero();
        Lines out = new Lines();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> serve = new CompletableFuture<>();
        Thread server = new Thread(() -> serve.complete(SeedanceCli.execute(
                new String[] {"serve", project.toString(), "--emulator", "--port", "0", "--bind", "0.0.0.0"},
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Map.of(),
                Path.of(""))));
        server.start();
        String printed = out.await("Ctrl-C stops the board.");
        Matcher address = ADDRESS.matcher(printed);
        assertThat(address.find()).as(printed + err).isTrue();
        Matcher token = Pattern.compile("board token \\(shown once; every request needs it\\): (\\S+)")
                .matcher(printed);
        assertThat(token.find()).isTrue();
        assertThat(printed.split(Pattern.quote(token.group(1)), -1))
                .as("printed once (and in the link)")
                .hasSize(3);
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(address.group(1));
        assertThat(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token.group(1))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("tiny board").contains("ep01");
        server.interrupt();
        assertThat(serve.get(2, TimeUnit.MINUTES)).as(err.toString()).isEqualTo(130);
    }

    @Test
    void aBadBindAddressIsAUsageError() throws Exception {
        CliRun serve = CliRun.run("serve", project().toString(), "--emulator", "--bind", "300.1.1.1");
        assertThat(serve.exitCode()).isEqualTo(2);
        assertThat(serve.err()).contains("--bind");
    }

    /** Output that can be waited on, line by line. */
    static final class Lines extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            text.append(buf, off, len);
            notifyAll();
        }

        synchronized String await(String line) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!text.toString().contains(line)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertThat(left).as("printed: " + text).isPositive();
                wait(left);
            }
            return text.toString();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
