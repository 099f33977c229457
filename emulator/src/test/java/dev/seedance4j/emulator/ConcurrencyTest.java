package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once on several models: no request may wait on another model's lock (two clients creating on two
 * models once deadlocked the whole emulator, {@code /emulator/stats} included).
 */
class ConcurrencyTest {

    private static final int CREATES = 1000;
    private static final int CLIENTS = 8;
    /** Only to turn a hang into a failure; a healthy emulator answers in milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Test
    void aThousandCreatesOnTwoModelsFromEightThreadsAreAllAnsweredWhileStatsAnswerThroughout() throws Exception {
        // Stuck tasks keep their slots (nothing renders): 10 run per model, the rest stay queued.
        try (Emulator emulator = fast().faults(Faults.parse("stuck=1")).build().start()) {
            HttpClient http = HttpClient.newBuilder()
                    .executor(Executors.newFixedThreadPool(4))
                    .build();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
            AtomicBoolean creating = new AtomicBoolean(true);
            try {
                Future<Integer> statsAnswers = clients.submit(() -> {
                    int answered = 0;
                    while (creating.get() || answered == 0) {
                        HttpResponse<String> stats = http.send(
                                HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/emulator/stats"))
                                        .timeout(HANG)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(stats.statusCode()).isEqualTo(200);
                        answered++;
                    }
                    return answered;
                });
                List<Future<List<String>>> batches = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    batches.add(clients.submit(() -> {
                        List<String> ids = new ArrayList<>();
                        for (int i = client; i < CREATES; i += CLIENTS) {
                            String model = i % 2 == 0 ? V2 : V2_FAST;
                            HttpResponse<String> created = http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(emulator.baseUrl() + "/contents/generations/tasks"))
                                            .timeout(HANG)
                                            .header("Authorization", "Bearer " + KEY)
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(textRequest(model, "shot " + i)
                                                    .put("resolution", "480p")
                                                    .toString()))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertThat(created.statusCode())
                                    .as("create %d: %s", i, created.body())
                                    .isEqualTo(200);
                            ids.add(JSON.readTree(created.body()).get("id").asText());
                        }
                        return ids;
                    }));
                }
                Set<String> ids = new HashSet<>();
                for (Future<List<String>> batch : batches) ids.addAll(batch.get());
                creating.set(false);
                assertThat(statsAnswers.get()).isPositive();
                assertThat(ids).hasSize(CREATES);
            } finally {
                clients.shutdownNow();
            }

            EmulatorStats stats = emulator.stats();
            assertThat(stats.creates()).isEqualTo(CREATES);
            assertThat(stats.createsByModel()).containsEntry(V2, 500L).containsEntry(V2_FAST, 500L);
            assertThat(stats.running()).isEqualTo(20);
            assertThat(stats.queued()).isEqualTo(CREATES - 20);
            assertThat(stats.peakRunning()).isEqualTo(20);
            assertThat(stats.peakRunningByModel()).containsEntry(V2, 10).containsEntry(V2_FAST, 10);
            JsonNode served = send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/emulator/stats")))
                    .body();
            assertThat(served.path("peak_running").asInt()).isEqualTo(20);
            assertThat(served.path("peak_running_by_model").path(V2).asInt()).isEqualTo(10);
        }
    }

    @Test
    void peakRunningRemembersTheMostTasksThatRanAtOnce() {
        try (Emulator emulator =
                fast().concurrency(2).faults(Faults.parse("stuck=1")).build().start()) {
            createOk(emulator, tinyRequest("first").put("execution_expires_after", 3600));
            createOk(emulator, tinyRequest("second").put("execution_expires_after", 3600));
            createOk(emulator, tinyRequest("waits").put("execution_expires_after", 7200));
            assertThat(emulator.stats().running()).isEqualTo(2);
            // the two running tasks expire; the queued one starts alone
            emulator.clock().advance(Duration.ofHours(1).plusSeconds(1));
            EmulatorStats stats = emulator.stats();
            assertThat(stats.running()).isEqualTo(1);
            assertThat(stats.peakRunning()).isEqualTo(2);
            assertThat(stats.peakRunningByModel()).containsExactly(java.util.Map.entry(LITE, 2));
            emulator.reset();
            assertThat(emulator.stats().peakRunning()).isZero();
        }
    }
}
