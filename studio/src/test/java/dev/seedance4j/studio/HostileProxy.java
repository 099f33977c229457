package dev.seedance4j.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A hostile service for tests: passes every API request to a real emulator and lets the test rewrite the JSON it
 * answers (a create's id, a task's result link, a list that hides a task), as a broken or malicious server would.
 */
final class HostileProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Changes an answer: {@code method} and {@code path} of the request, the emulator's JSON; returns what to send. */
    interface Rewrite {
        JsonNode apply(String method, String path, JsonNode answer);
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final Rewrite rewrite;

    HostileProxy(String emulatorBaseUrl, Rewrite rewrite) {
        this.target = emulatorBaseUrl.replaceAll("/api/v3/?$", "");
        this.rewrite = rewrite;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                            target + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Authorization", "Content-Type", "X-Client-Request-Id")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) request.header(header, value);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            byte[] answer = response.body();
            String type = response.headers().firstValue("Content-Type").orElse("application/json");
            if (type.contains("json") && response.statusCode() == 200 && answer.length > 0) {
                answer = JSON.writeValueAsBytes(rewrite.apply(method, uri.getPath(), JSON.readTree(answer)));
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
