package dev.seedance4j.studio.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seedance4j.studio.StudioException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Receives the service's {@code callback_url} POSTs. A callback only wakes the engine early: the engine then reads
 * the tasks through the list endpoint as usual, so a lost, repeated or forged callback changes nothing but timing.
 */
final class CallbackReceiver implements AutoCloseable {
    static final String PATH = "/seedance/callback";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final URI url;
    private final Consumer<String> received;

    /** Listens on {@code listenOn}; each callback's summary (task id and status) goes to {@code received}. */
    CallbackReceiver(InetSocketAddress listenOn, URI publicUrl, Consumer<String> received) {
        this.received = received;
        try {
            server = HttpServer.create(listenOn, 64);
        } catch (IOException e) {
            throw new StudioException("cannot listen for callbacks on " + listenOn + ": " + e.getMessage(), e);
        }
        server.createContext(PATH, this::receive);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seedance-callbacks");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        InetSocketAddress bound = server.getAddress();
        url = publicUrl != null
                ? publicUrl
                : URI.create("http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort() + PATH);
    }

    URI url() {
        return url;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String summary;
            try {
                JsonNode task = JSON.readTree(exchange.getRequestBody().readAllBytes());
                summary =
                        task.path("id").asText("?") + " " + task.path("status").asText("?");
            } catch (IOException e) {
                summary = "unreadable callback body";
            }
            received.accept(summary);
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
