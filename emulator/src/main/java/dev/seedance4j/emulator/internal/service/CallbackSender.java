package dev.seedance4j.emulator.internal.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs task bodies to {@code callback_url} (contract §6.3). Terminal statuses (succeeded, failed) are re-sent up to
 * 3 times when the receiver does not answer 2xx within the timeout. UNCERTAIN: what counts as an acknowledgement
 * (2xx is assumed) and the spacing of re-sends (configurable; 1 s by default). No signature header is documented,
 * so none is sent.
 */
final class CallbackSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);
    static final int RETRIES = 3;

    private final HttpClient http;
    private final Duration timeout;
    private final Duration retryDelay;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "emulator-callback");
        thread.setDaemon(true);
        return thread;
    });
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    CallbackSender(Duration timeout, Duration retryDelay) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.retryDelay = retryDelay;
    }

    /**
     * Queues a delivery of the task's current body behind its earlier ones, so that the receiver sees statuses in
     * order. Only succeeded and failed are re-sent.
     */
    void send(Task task) {
        String url = task.request.callbackUrl();
        if (url == null) return;
        String body;
        boolean terminal;
        synchronized (task) {
            body = task.toJson().toString();
            terminal = task.status() == Task.Status.SUCCEEDED || task.status() == Task.Status.FAILED;
            task.callbacks = task.callbacks.thenRunAsync(
                    () -> deliver(task.id, url, body, terminal ? 1 + RETRIES : 1), executor);
        }
    }

    private void deliver(String taskId, String url, String body, int attempts) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 == 2) {
                    delivered.incrementAndGet();
                    return;
                }
                log.debug("callback for {} answered {} (attempt {}/{})", taskId, status, attempt, attempts);
            } catch (IOException | IllegalArgumentException e) {
                log.debug("callback for {} failed: {} (attempt {}/{})", taskId, e.toString(), attempt, attempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            failed.incrementAndGet();
            if (attempt < attempts && !sleep(retryDelay)) return;
        }
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
