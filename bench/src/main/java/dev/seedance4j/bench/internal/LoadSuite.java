package dev.seedance4j.bench.internal;

import static dev.seedance4j.bench.Figure.Goal.Op.EQUAL;

import dev.seedance4j.bench.Figure;
import dev.seedance4j.emulator.Emulator;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * R5: 500 concurrent clients against one emulator for a bounded time, each creating a task and polling it every
 * 250 ms until it ends, then creating the next. No faults are configured, so the goal is zero errors (any non-2xx
 * answer, dropped connection or timeout counts), and the emulator must have counted exactly the creates the clients
 * saw succeed.
 */
public final class LoadSuite implements Suite {
    static final int CLIENTS = 500;
    static final int CLIENTS_PER_HTTP_CLIENT = 50;

    @Override
    public String id() {
        return "R5";
    }

    @Override
    public List<String> figureIds() {
        return List.of("R5a", "R5b");
    }

    @Override
    public void run(BenchContext context) throws Exception {
        long seconds = context.size(5, 60);
        try (Emulator emulator = Emulator.builder()
                .apiKeys(context.apiKey())
                .rpm(10_000_000)
                .queueLimit(10_000_000)
                .build()
                .start()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong requests = new AtomicLong();
            AtomicLong creates = new AtomicLong();
            AtomicLong finished = new AtomicLong();
            Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            List<Thread> clients = new ArrayList<>();
            HttpClient http = null;
            for (int i = 0; i < CLIENTS; i++) {
                if (i % CLIENTS_PER_HTTP_CLIENT == 0) http = RawApi.newHttpClient();
                RawApi api = new RawApi(http, emulator.baseUrl(), context.apiKey());
                Thread t = new Thread(
                        () -> {
                            ready.countDown();
                            try {
                                ready.await();
                                while (!stop.get()) {
                                    HttpResponse<String> created =
                                            count(api.create(RawApi.TEXT_TO_VIDEO), requests, errors, "create");
                                    if (created == null) continue;
                                    creates.incrementAndGet();
                                    String id = RawApi.id(created);
                                    while (!stop.get()) {
                                        Thread.sleep(250);
                                        HttpResponse<String> task = count(api.get(id), requests, errors, "get");
                                        if (task != null && terminal(RawApi.status(task))) {
                                            finished.incrementAndGet();
                                            break;
                                        }
                                    }
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (Exception e) {
                                errors.computeIfAbsent(
                                                e.getClass().getSimpleName() + ": " + e.getMessage(),
                                                k -> new AtomicLong())
                                        .incrementAndGet();
                            }
                        },
                        "bench-client-" + i);
                t.setDaemon(true);
                clients.add(t);
                t.start();
            }
            ready.await();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000);
            stop.set(true);
            for (Thread t : clients) t.join(60_000);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long errorCount =
                    errors.values().stream().mapToLong(AtomicLong::get).sum();
            long serverCreates = emulator.stats().creates();
            long lostCreates = Math.abs(serverCreates - creates.get());
            context.emit(Figure.of(
                            "R5a",
                            "errors-500-clients",
                            errorCount + lostCreates,
                            "errors",
                            CLIENTS + " client threads for " + seconds + " s, no faults configured; errors by kind "
                                    + errors + "; creates seen by clients " + creates + ", counted by the emulator "
                                    + serverCreates)
                    .withGoal(EQUAL, 0));
            context.emit(Figure.of(
                    "R5b",
                    "requests-500-clients",
                    requests.get() / elapsed,
                    "req/s",
                    requests + " requests in " + String.format("%.1f", elapsed) + " s (creates and 250 ms polls); "
                            + finished + " tasks seen to the end"));
        }
    }

    private static HttpResponse<String> count(
            HttpResponse<String> response, AtomicLong requests, Map<String, AtomicLong> errors, String what) {
        requests.incrementAndGet();
        if (response.statusCode() / 100 == 2) return response;
        errors.computeIfAbsent(what + "-" + response.statusCode(), k -> new AtomicLong())
                .incrementAndGet();
        return null;
    }

    private static boolean terminal(String status) {
        return switch (status) {
            case "succeeded", "failed", "cancelled", "expired" -> true;
            default -> false;
        };
    }
}
