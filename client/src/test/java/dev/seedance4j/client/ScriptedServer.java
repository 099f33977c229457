package dev.seedance4j.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on loopback that answers with scripted replies, in order, and records every request it
 * received. When the script runs out, a fallback function (if set) answers; otherwise 599.
 */
final class ScriptedServer implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** Query parameters in order, repeated keys kept. */
        List<Map.Entry<String, String>> query() {
            List<Map.Entry<String, String>> params = new ArrayList<>();
            if (rawQuery == null) {
                return params;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                params.add(Map.entry(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
            }
            return params;
        }

        List<String> queryValues(String key) {
            return query().stream()
                    .filter(e -> e.getKey().equals(key))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        private static String decode(String s) {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }

    /** One scripted reply. */
    static final class Reply {
        final int status;
        final byte[] body;
        final Map<String, String> headers = new LinkedHashMap<>();
        Duration delay = Duration.ZERO;
        Long declaredLength;
        boolean chunked;

        private Reply(int status, byte[] body) {
            this.status = status;
            this.body = body;
        }

        static Reply json(int status, String json) {
            return new Reply(status, json.getBytes(StandardCharsets.UTF_8)).header("Content-Type", "application/json");
        }

        /** An error body as the service writes it, with the documented {@code type} of the status (contract §5). */
        static Reply error(int status, String code, String message) {
            String type = documentedType(status);
            return json(
                            status,
                            "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
                                    + "\",\"param\":\"\"" + (type == null ? "" : ",\"type\":\"" + type + "\"")
                                    + "}}")
                    .header("X-Request-Id", "req-" + status);
        }

        /** The "错误类型 Type" column of the error table, or {@code null} for a status it does not list. */
        static String documentedType(int status) {
            return switch (status) {
                case 400 -> "BadRequest";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "NotFound";
                case 429 -> "TooManyRequests";
                default -> status >= 500 ? "InternalServerError" : null;
            };
        }

        static Reply bytes(int status, byte[] body) {
            return new Reply(status, body);
        }

        Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Waits before answering (to provoke client timeouts). */
        Reply delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        /** Sends the body without a Content-Length (chunked): its size shows only as it arrives. */
        Reply chunked() {
            this.chunked = true;
            return this;
        }

        /** Announces {@code length} bytes but sends only the body (a truncated transfer). */
        Reply declaredLength(long length) {
            this.declaredLength = length;
            return this;
        }
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Received, Reply> fallback;

    ScriptedServer() throws IOException {
        this(0);
    }

    ScriptedServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL of the API on this server. */
    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/api/v3";
    }

    /** A URL for a path outside the API (e.g. a result file). */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    ScriptedServer enqueue(Reply reply) {
        script.add(reply);
        return this;
    }

    /** Answers requests once the script is exhausted. */
    ScriptedServer otherwise(Function<Received, Reply> fallback) {
        this.fallback = fallback;
        return this;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    Received last() {
        List<Received> all = received();
        return all.get(all.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received request = new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(body, StandardCharsets.UTF_8));
        received.add(request);
        Reply reply = script.poll();
        if (reply == null) {
            Function<Received, Reply> f = fallback;
            reply = f != null ? f.apply(request) : Reply.json(599, "{\"error\":{\"code\":\"NoScript\"}}");
        }
        try {
            if (!reply.delay.isZero()) {
                Thread.sleep(reply.delay.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        long length = reply.chunked
                ? 0
                : reply.declaredLength != null ? reply.declaredLength : reply.body.length == 0 ? -1 : reply.body.length;
        try {
            exchange.sendResponseHeaders(reply.status, length);
            OutputStream out = exchange.getResponseBody();
            out.write(reply.body);
            out.flush();
            if (reply.declaredLength != null) {
                // A handler that throws makes HttpServer drop the connection: the client sees the body end early.
                throw new IllegalStateException("transfer cut on purpose");
            }
            out.close();
        } catch (IOException clientGone) {
            // the client gave up (timeouts)
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
