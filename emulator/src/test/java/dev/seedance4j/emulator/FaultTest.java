package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault kind, and determinism of the decisions for a seed. */
class FaultTest {

    @Test
    void serverErrorsAndOverloadAnswerWithoutEffect() {
        try (Emulator emulator = fast().faults(Faults.parse("5xx=1")).build().start()) {
            Response response = create(emulator, tinyRequest("x"));
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.code()).isEqualTo("InternalServiceError");
            assertThat(emulator.stats().creates()).isZero();
            assertThat(emulator.stats().faults("5xx")).isEqualTo(1);
        }
        try (Emulator emulator =
                fast().faults(Faults.builder().rateLimitRate(1).build()).build().start()) {
            Response response = list(emulator, "");
            assertThat(response.status()).isEqualTo(429);
            assertThat(response.code()).isEqualTo("ServerOverloaded");
            assertThat(emulator.stats().faults("429")).isEqualTo(1);
        }
    }

    @Test
    void slowRequestsAnswerLate() {
        try (Emulator emulator = fast().faults(Faults.builder()
                        .slowRate(1)
                        .slowDelay(Duration.ofMillis(700))
                        .build())
                .build()
                .start()) {
            long start = System.nanoTime();
            assertThat(list(emulator, "").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
            assertThat(emulator.stats().faults("slow")).isEqualTo(1);
        }
    }

    @Test
    void droppedConnectionsBeforeAndAfterCreating() {
        try (Emulator emulator = fast().faults(Faults.parse("drop=1")).build().start()) {
            assertThatThrownBy(() -> create(emulator, tinyRequest("x"))).hasRootCauseInstanceOf(IOException.class);
            assertThat(emulator.stats().creates()).isZero();
            assertThat(emulator.stats().faults("drop")).isGreaterThanOrEqualTo(1);
        }
        try (Emulator emulator =
                fast().faults(Faults.parse("drop-after=1")).build().start()) {
            assertThatThrownBy(() -> create(emulator, tinyRequest("x"))).hasRootCauseInstanceOf(IOException.class);
            // the task exists although the client never heard of it
            assertThat(emulator.stats().creates()).isGreaterThanOrEqualTo(1);
            assertThat(list(emulator, "").body().get("total").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void truncatedDownloadsStopHalfWay() {
        try (Emulator emulator =
                fast().faults(Faults.parse("truncate=1")).build().start()) {
            String id = createOk(emulator, tinyRequest("x"));
            String url = awaitSucceeded(emulator, id).at("/content/video_url").asText();
            assertThatThrownBy(() -> HTTP.send(
                            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()))
                    .isInstanceOf(IOException.class);
            assertThat(emulator.stats().faults("truncate")).isEqualTo(1);
        }
    }

    @Test
    void outputModerationFailsTheTask() {
        try (Emulator emulator =
                fast().faults(Faults.parse("moderation=1")).build().start()) {
            String id = createOk(emulator, tinyRequest("x"));
            JsonNode task = await(emulator, id, "failed", Duration.ofSeconds(10));
            assertThat(task.at("/error/code").asText())
                    .isEqualTo("OutputVideoSensitiveContentDetected.PolicyViolation");
            assertThat(task.has("usage")).isFalse();
            assertThat(emulator.stats().tokensBilled()).isZero();
        }
    }

    @Test
    void stuckTasksRunUntilTheyExpire() {
        try (Emulator emulator = fast().faults(Faults.parse("stuck=1")).build().start()) {
            String id = createOk(emulator, tinyRequest("x").put("execution_expires_after", 3600));
            await(emulator, id, "running", Duration.ofSeconds(5));
            sleep(300);
            assertThat(get(emulator, id).body().get("status").asText()).isEqualTo("running");
            emulator.clock().advance(Duration.ofHours(1));
            assertThat(get(emulator, id).body().get("status").asText()).isEqualTo("expired");
        }
    }

    @Test
    void decisionsAreDeterministicForASeed() {
        assertThat(outcomes(7)).isEqualTo(outcomes(7)).isNotEqualTo(outcomes(8));
    }

    private static List<Integer> outcomes(long seed) {
        List<Integer> statuses = new ArrayList<>();
        try (Emulator emulator = fast().faults(
                        Faults.builder().serverErrorRate(0.5).seed(seed).build())
                .build()
                .start()) {
            for (int i = 0; i < 24; i++) statuses.add(list(emulator, "").status());
        }
        assertThat(statuses).contains(200, 500);
        return statuses;
    }

    @Test
    void specsAreParsedAndCheckedStrictly() {
        Faults faults = Faults.parse(
                "5xx=0.1, 429=0.2,slow=0.25,slow-ms=1500,drop=0.3,drop-after=0.4,truncate=0.5,moderation=0.6,stuck=0.7,seed=9");
        assertThat(faults).isEqualTo(new Faults(0.1, 0.2, 0.25, Duration.ofMillis(1500), 0.3, 0.4, 0.5, 0.6, 0.7, 9));
        assertThat(Faults.parse("")).isEqualTo(Faults.none());
        assertThatThrownBy(() -> Faults.parse("boom=1")).hasMessageContaining("unknown fault 'boom'");
        assertThatThrownBy(() -> Faults.parse("5xx=2")).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Faults.parse("5xx")).hasMessageContaining("name=value");
    }
}
