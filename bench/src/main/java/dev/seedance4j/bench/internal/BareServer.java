package dev.seedance4j.bench.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of the emulator's throughput: a bare JDK {@link HttpServer}, configured as the emulator's (same
 * backlog, same bounded pool of request threads, TCP_NODELAY), that answers every POST and GET with fixed bytes (the bodies the
 * emulator itself gave), doing no work at all. Whatever the emulator loses against it is the cost of its service.
 */
public final class BareServer implements AutoCloseable {
    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    public BareServer(int threads, String createBody, String getBody) throws IOException {
        // As the emulator does: the JDK server writes headers and body apart, which meets delayed ACKs without this.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        byte[] created = createBody.getBytes(StandardCharsets.UTF_8);
        byte[] task = getBody.getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        executor =
                new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16_384), r -> {
                    Thread t = new Thread(r, "bare-http");
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        server.createContext(
                "/", exchange -> answer(exchange, "POST".equals(exchange.getRequestMethod()) ? created : task));
        server.start();
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        try (InputStream in = exchange.getRequestBody();
                OutputStream out = exchange.getResponseBody()) {
            in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
        }
    }

    /** The base URL to give clients, shaped like the emulator's. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
