package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Callbacks: one POST per status change, in order; terminal ones re-sent up to 3 times without a 2xx. */
class CallbackTest {

    @Test
    void postsEveryStatusChangeInOrder() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        try (LocalServer receiver = new LocalServer().handle("/hook", exchange -> {
                    received.add(JSON.readTree(LocalServer.body(exchange)));
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                Emulator emulator = fast().build().start()) {
            String id = createOk(emulator, tinyRequest("called back").put("callback_url", receiver.url("/hook")));
            awaitSucceeded(emulator, id);
            waitFor(() -> received.size() >= 3);
            assertThat(received)
                    .extracting(body -> body.get("status").asText())
                    .containsExactly("queued", "running", "succeeded");
            assertThat(received.get(2).get("id").asText()).isEqualTo(id);
            assertThat(received.get(2).at("/content/video_url").asText()).contains("/files/" + id);
            assertThat(emulator.stats().callbacksDelivered()).isEqualTo(3);
        }
    }

    @Test
    void retriesTerminalCallbacksThreeTimesWhenNotAcknowledged() {
        AtomicInteger succeededAttempts = new AtomicInteger();
        AtomicInteger runningAttempts = new AtomicInteger();
        try (LocalServer receiver = new LocalServer().handle("/hook", exchange -> {
                    String status = JSON.readTree(LocalServer.body(exchange))
                            .get("status")
                            .asText();
                    if (status.equals("succeeded")) {
                        succeededAttempts.incrementAndGet();
                        sleepQuietly(600); // longer than the callback timeout: no acknowledgement
                    }
                    if (status.equals("running")) runningAttempts.incrementAndGet();
                    exchange.sendResponseHeaders(status.equals("succeeded") ? 200 : 500, -1);
                    exchange.close();
                });
                Emulator emulator = fast().callbackTimeout(Duration.ofMillis(200))
                        .callbackRetryDelay(Duration.ofMillis(50))
                        .build()
                        .start()) {
            String id = createOk(emulator, tinyRequest("retried").put("callback_url", receiver.url("/hook")));
            awaitSucceeded(emulator, id);
            waitFor(() -> succeededAttempts.get() >= 4);
            sleepQuietly(500);
            assertThat(succeededAttempts.get()).isEqualTo(4); // the first attempt and 3 re-sends
            assertThat(runningAttempts.get()).isEqualTo(1); // non-terminal statuses are sent once
            assertThat(emulator.stats().callbacksFailed())
                    .isEqualTo(6); // queued and running got 500, succeeded timed out 4 times
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 20 s");
            sleepQuietly(20);
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
