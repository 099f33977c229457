package dev.seedance4j.emulator.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.seedance4j.emulator.EmulatorClock;
import dev.seedance4j.emulator.internal.genai.FaultPlan;
import dev.seedance4j.emulator.internal.genai.GenAi;
import dev.seedance4j.emulator.internal.service.ApiException;
import dev.seedance4j.emulator.internal.service.FaultInjector;
import dev.seedance4j.emulator.internal.service.Task;
import dev.seedance4j.emulator.internal.service.TaskService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the emulator on the JDK's built-in server: the Ark API under {@code /api/v3}, signed result
 * files under {@code /files}, and introspection under {@code /emulator}. Every response carries
 * {@code X-Request-Id}; every API error is {@code {"error":{code,message,param,type}}}.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final String TASKS = "/api/v3/contents/generations/tasks";
    private static final Pattern TASK_PATH = Pattern.compile(Pattern.quote(TASKS) + "/([^/]+)/?");
    private static final Pattern FILE_PATH =
            Pattern.compile("/files/([^/]+)/(video\\.mp4|video\\.mov|last_frame\\.png)");
    private static final String CHAT = "/api/v3/chat/completions";
    private static final String IMAGES = "/api/v3/images/generations";
    private static final Pattern IMAGE_FILE = Pattern.compile("/files/images/([0-9a-z-]+)/(\\d+\\.(?:png|jpeg))");
    /** The contract's limit of a whole request body (§3.1). */
    private static final int MAX_BODY = 64 * 1024 * 1024;
    /**
     * Jackson refuses strings longer than 20 million characters by default; a data URL of a 30 MB image (the
     * contract's limit) is 40 million. Any string that fits in the body is accepted.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxStringLength(MAX_BODY).build())
            .build());

    private static final ObjectMapper SNAKE =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** Seconds a client has to send a whole request (the body of a 64 MB create included). */
    static final String REQUEST_READ_SECONDS = "30";
    /** Requests that wait for a thread beyond this many are refused (the connection is closed). */
    private static final int QUEUE = 16_384;

    static {
        // JDK server settings, read once per JVM when the first server is created (a user's own values win):
        // it closes keep-alive connections beyond 200 idle ones, and clients that reuse such a connection (500
        // pollers do) get a broken pipe; and without TCP_NODELAY its separate header and body writes meet delayed
        // ACKs, costing about 40 ms per response on loopback.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        // A connection holds a request thread while its request line, headers and body arrive; the server closes
        // one that takes longer than this many seconds, so that slow clients cannot hold every thread.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", REQUEST_READ_SECONDS);
    }

    private final TaskService service;
    private final GenAi genai;
    private final Set<String> apiKeys;
    private final EmulatorClock clock;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    /** Result files are served at most this fast (bytes/s; 0 = unlimited), after this first-byte wait. */
    private volatile long downloadRate;

    private volatile java.time.Duration downloadLatency = java.time.Duration.ZERO;

    /**
     * @param apiKeys accepted keys; empty accepts any non-empty Bearer key
     * @param threads most request-handling threads; the pool grows to this many before requests wait in a bounded
     *                queue (a slow client's connection holds a thread while its request arrives, so the pool
     *                must not be small; see {@link #REQUEST_READ_SECONDS})
     */
    public ApiServer(
            TaskService service,
            GenAi genai,
            Set<String> apiKeys,
            EmulatorClock clock,
            InetSocketAddress address,
            int threads)
            throws IOException {
        this.service = service;
        this.genai = genai;
        this.apiKeys = Set.copyOf(apiKeys);
        this.clock = clock;
        this.server = HttpServer.create(address, 1024);
        AtomicInteger counter = new AtomicInteger();
        this.executor = growingPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "emulator-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * A pool that starts a new thread for each request until {@code max} are busy, and only then queues (a
     * {@link ThreadPoolExecutor} with a plain queue would queue behind its core threads and never grow). Idle
     * threads end after a minute.
     */
    private static ThreadPoolExecutor growingPool(int max, java.util.concurrent.ThreadFactory threads) {
        Backlog backlog = new Backlog();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(max, max, 60, TimeUnit.SECONDS, backlog, threads, (task, p) -> {
                    if (p.isShutdown() || !backlog.enqueue(task))
                        throw new RejectedExecutionException("the emulator is busy");
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Refuses the pool's offers (so that it adds a thread); its rejection handler queues here once it cannot. */
    private static final class Backlog extends LinkedBlockingQueue<Runnable> {
        Backlog() {
            super(QUEUE);
        }

        @Override
        public boolean offer(Runnable task) {
            return false;
        }

        boolean enqueue(Runnable task) {
            return super.offer(task);
        }
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String requestId = requestId();
        exchange.getResponseHeaders().set("X-Request-Id", requestId);
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/api/v3/") || path.equals("/api/v3")) api(exchange, path, requestId);
            else if (path.startsWith("/files/")) files(exchange, path, requestId);
            else if (path.startsWith("/emulator/")) introspection(exchange, path, requestId);
            else throw new ApiException(404, "NotFound", "The path " + path + " does not exist.", "");
        } catch (ApiException e) {
            sendError(exchange, e, requestId);
        } catch (IOException e) {
            log.debug("client went away: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("request {} failed", requestId, e);
            sendError(
                    exchange,
                    new ApiException(
                            500, "InternalServiceError", "The service encountered an unexpected internal error.", ""),
                    requestId);
        } finally {
            exchange.close();
        }
    }

    // ---------------------------------------------------------------- /api/v3

    private void api(HttpExchange exchange, String path, String requestId) throws IOException {
        String method = exchange.getRequestMethod();
        Matcher taskPath = TASK_PATH.matcher(path);
        String endpoint;
        if (path.equals(TASKS) || path.equals(TASKS + "/")) {
            endpoint = switch (method) {
                case "POST" -> "create";
                case "GET" -> "list";
                default -> null;
            };
        } else if (taskPath.matches()) {
            endpoint = switch (method) {
                case "GET" -> "get";
                case "DELETE" -> "delete";
                default -> null;
            };
        } else if (path.equals(CHAT) || path.equals(IMAGES)) {
            endpoint = method.equals("POST") ? (path.equals(CHAT) ? "chat" : "images") : null;
        } else {
            service.countRequest("other");
            throw new ApiException(404, "NotFound", "The path " + path + " does not exist.", "");
        }
        service.countRequest(endpoint == null ? "other" : endpoint);
        if (endpoint == null)
            throw new ApiException(
                    405, "MethodNotAllowed", "The method " + method + " is not allowed on " + path + ".", "");
        authenticate(exchange);
        // The whole request is read before anything waits: the JDK server closes a connection whose request is
        // still arriving after maxReqTime, and a slow fault must not turn into a dropped one.
        byte[] requestBody = method.equals("POST") ? readBody(exchange) : null;
        if (inject(FaultInjector.Kind.SLOW)) {
            try {
                Thread.sleep(
                        service.faults().slowDelay().toMillis()); // holds one request thread, as a slow backend would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (inject(FaultInjector.Kind.DROP_BEFORE)) {
            exchange.close(); // closes the connection: no status line reaches the client
            return;
        }
        if (inject(FaultInjector.Kind.SERVER_ERROR)) {
            throw new ApiException(
                    500, "InternalServiceError", "The service encountered an unexpected internal error.", "");
        }
        if (inject(FaultInjector.Kind.RATE_LIMIT)) {
            throw new ApiException(
                    429, "ServerOverloaded", "The service is currently overloaded. Please try again later.", "");
        }
        switch (endpoint) {
            case "create" -> {
                Task task = service.create(parseJson(requestBody));
                if (inject(FaultInjector.Kind.DROP_AFTER)) {
                    exchange.close(); // the task exists, the client never hears of it
                    return;
                }
                ObjectNode body = JSON.createObjectNode().put("id", task.id());
                sendJson(exchange, 200, body);
            }
            case "list" -> sendJson(exchange, 200, service.list(query(exchange)));
            case "get" -> sendJson(exchange, 200, service.get(decode(taskPath.group(1))));
            case "delete" -> {
                service.delete(decode(taskPath.group(1)));
                // 200 with {}: the Java SDK's converter fails on an empty body (contract §8.3).
                sendJson(exchange, 200, JSON.createObjectNode());
            }
            case "chat" ->
                genai.chat(parseJson(requestBody), faultHeader(exchange), requestId)
                        .writeTo(exchange);
            case "images" ->
                genai.images(parseJson(requestBody), faultHeader(exchange), requestId)
                        .writeTo(exchange);
            default -> throw new IllegalStateException(endpoint);
        }
    }

    private static String faultHeader(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst(FaultPlan.HEADER);
    }

    private boolean inject(FaultInjector.Kind kind) {
        if (!service.faults().inject(kind)) return false;
        service.countFault(kind.label());
        return true;
    }

    private void authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : "";
        if (key.isEmpty() || (!apiKeys.isEmpty() && !apiKeys.contains(key))) {
            throw new ApiException(401, "AuthenticationError", "The API key in the request is missing or invalid.", "");
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) throw ApiException.invalid("", "The request body is larger than 64 MB.");
        return body;
    }

    private static JsonNode parseJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiException.invalid(
                    "", "The request body goes past a limit of JSON (" + e.getOriginalMessage() + ").");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.invalid(
                    "",
                    "The request body is not valid JSON"
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                            + ".");
        } catch (IOException e) {
            throw ApiException.invalid("", "The request body is not valid JSON.");
        }
    }

    private static Map<String, List<String>> query(HttpExchange exchange) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) return query;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("", "The URL is not correctly encoded.");
        }
    }

    // ---------------------------------------------------------------- /files

    private void files(HttpExchange exchange, String path, String requestId) throws IOException {
        service.countRequest("files");
        Matcher m = FILE_PATH.matcher(path);
        Matcher image = IMAGE_FILE.matcher(path);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (!(m.matches() || image.matches())
                || !(head || exchange.getRequestMethod().equals("GET"))) {
            throw new ApiException(404, "NoSuchKey", "The file does not exist.", "");
        }
        Map<String, List<String>> query = query(exchange);
        Path file = image.matches()
                ? genai.imageFile(image.group(1), image.group(2), first(query, "expires"), first(query, "signature"))
                : service.resultFile(m.group(1), m.group(2), first(query, "expires"), first(query, "signature"));
        long length;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            length = channel.size();
            long start = 0;
            long end = length - 1;
            int status = 200;
            String range = exchange.getRequestHeaders().getFirst("Range");
            exchange.getResponseHeaders().set("Content-Type", contentType(file));
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            if (range != null) {
                long[] bounds = parseRange(range, length);
                if (bounds == null) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                start = bounds[0];
                end = bounds[1];
                status = 206;
                exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + length);
            }
            long count = end - start + 1;
            if (head) {
                // The JDK server wants HEAD lengths set by hand and -1 passed, so that no body follows.
                exchange.getResponseHeaders().set("Content-Length", Long.toString(count));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            boolean truncate = inject(FaultInjector.Kind.TRUNCATE);
            pause(downloadLatency.toMillis());
            exchange.sendResponseHeaders(status, count);
            long toSend = truncate ? count / 2 : count;
            try (OutputStream out = exchange.getResponseBody()) {
                channel.position(start);
                copy(channel, out, toSend);
                if (truncate) {
                    out.flush();
                    exchange.close(); // announced `count` bytes, sent half: the client sees a premature end
                }
            } catch (IOException e) {
                if (!truncate) throw e;
            }
        }
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".mp4")) return "video/mp4";
        if (name.endsWith(".mov")) return "video/quicktime";
        return name.endsWith(".jpeg") ? "image/jpeg" : "image/png";
    }

    /** A single {@code bytes=} range, clamped to the file; null when it cannot be satisfied. */
    static long[] parseRange(String header, long length) {
        Matcher m = Pattern.compile("bytes=(\\d*)-(\\d*)").matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || length == 0) return null;
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) return null;
                return new long[] {Math.max(0, length - suffix), length - 1};
            }
            long start = Long.parseLong(m.group(1));
            long end = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
            if (start >= length || end < start) return null;
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A slower store: every result-file download waits {@code latency}, then flows at most {@code bytesPerSecond}. */
    public void downloadPace(long bytesPerSecond, java.time.Duration latency) {
        this.downloadRate = bytesPerSecond;
        this.downloadLatency = latency;
    }

    private void pause(long millis) throws IOException {
        if (millis <= 0) return;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while pacing a download");
        }
    }

    private void copy(FileChannel channel, OutputStream out, long count) throws IOException {
        long rate = downloadRate;
        long started = System.nanoTime();
        long sent = 0;
        byte[] buffer = new byte[rate > 0 ? 16 * 1024 : 64 * 1024];
        java.nio.ByteBuffer wrap = java.nio.ByteBuffer.wrap(buffer);
        long left = count;
        while (left > 0) {
            wrap.clear().limit((int) Math.min(buffer.length, left));
            int read = channel.read(wrap);
            if (read < 0) break;
            out.write(buffer, 0, read);
            left -= read;
            sent += read;
            if (rate > 0) { // the bytes so far may not have left before sent/rate seconds
                out.flush();
                pause(sent * 1000 / rate - (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    // ---------------------------------------------------------------- /emulator

    private void introspection(HttpExchange exchange, String path, String requestId) throws IOException {
        String method = exchange.getRequestMethod();
        switch (method + " " + path) {
            case "GET /emulator/stats" -> sendJson(exchange, 200, SNAKE.valueToTree(genai.stats(service.stats())));
            case "POST /emulator/reset" -> {
                service.reset();
                genai.reset();
                sendJson(exchange, 200, JSON.createObjectNode());
            }
            case "GET /emulator/clock" -> sendJson(exchange, 200, clockJson());
            case "POST /emulator/clock/advance" -> {
                String seconds = first(query(exchange), "seconds");
                long amount;
                try {
                    amount = Long.parseLong(seconds == null ? "" : seconds);
                } catch (NumberFormatException e) {
                    throw ApiException.invalid("seconds", "The parameter `seconds` must be a non-negative integer.");
                }
                if (amount < 0)
                    throw ApiException.invalid("seconds", "The parameter `seconds` must be a non-negative integer.");
                clock.advance(Duration.ofSeconds(amount));
                sendJson(exchange, 200, clockJson());
            }
            default ->
                throw new ApiException(404, "NotFound", "The path " + method + " " + path + " does not exist.", "");
        }
    }

    private ObjectNode clockJson() {
        return JSON.createObjectNode()
                .put("now", clock.instant().getEpochSecond())
                .put("offset_seconds", clock.offset().toSeconds());
    }

    // ---------------------------------------------------------------- responses

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange exchange, ApiException e, String requestId) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage() + " Request ID: " + requestId);
        error.put("param", e.param());
        error.put("type", e.type());
        try {
            sendJson(exchange, e.status(), body);
        } catch (IOException | IllegalStateException io) {
            log.debug("cannot send error {}: {}", e.code(), io.toString());
        }
    }

    /** Shaped like observed Ark request ids: "02", the epoch milliseconds, then random hex (53 characters). */
    private String requestId() {
        byte[] bytes = new byte[19];
        ThreadLocalRandom.current().nextBytes(bytes); // an identifier, not a secret
        return "02" + System.currentTimeMillis() + HexFormat.of().formatHex(bytes);
    }
}
