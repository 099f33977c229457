package dev.seedance4j.bench.internal;

import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Model;
import dev.seedance4j.client.Resolution;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.Task;
import dev.seedance4j.client.TaskWaiter;
import dev.seedance4j.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Client overhead per call (JMH): {@code SeedanceClient.tasks().get(id)} against a bare {@link HttpClient} GET of the
 * same URL with the same headers, both against the same in-process emulator on loopback. The difference is what
 * the typed client costs per call: request building, retries bookkeeping, JSON into a {@link Task}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientOverheadBenchmark {
    private Emulator emulator;
    private SeedanceClient client;
    private HttpClient raw;
    private HttpRequest rawGet;
    private String taskId;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        String key = "sk-jmh-" + UUID.randomUUID();
        emulator = Emulator.builder().timeScale(0).apiKeys(key).build().start();
        client =
                SeedanceClient.builder().apiKey(key).baseUrl(emulator.baseUrl()).build();
        taskId = client.tasks()
                .create(CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0_FAST, "bench: a cat yawns")
                        .resolution(Resolution.of("480p"))
                        .duration(4)
                        .generateAudio(false)
                        .build());
        Task done = TaskWaiter.builder(client)
                .interval(Duration.ofMillis(50), Duration.ofMillis(200), 1.5)
                .timeout(Duration.ofMinutes(2))
                .build()
                .await(taskId);
        if (!done.isSucceeded()) throw new IllegalStateException("the benchmark's task did not succeed: " + done);
        raw = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        rawGet = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/contents/generations/tasks/" + taskId))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + key)
                .GET()
                .build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        emulator.close();
    }

    @Benchmark
    public Task seedanceClientGet() {
        return client.tasks().get(taskId);
    }

    @Benchmark
    public String rawHttpClientGet() throws Exception {
        HttpResponse<String> response = raw.send(rawGet, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException("GET answered " + response.statusCode());
        return response.body();
    }
}
