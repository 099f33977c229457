package dev.seedance4j.studio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Serves published videos from this machine over HTTP on the loopback interface, each under an unguessable
 * token that stops working when its time is up. For the emulator (or a service that can reach this machine);
 * the real Ark service needs {@link S3VideoPublisher}.
 */
public final class LoopbackVideoPublisher implements VideoPublisher {
    private final HttpServer server;
    private final Clock clock;
    private final Map<String, Published> published = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private record Published(Path file, Instant expiresAt) {}

    private LoopbackVideoPublisher(HttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /** Starts serving on a free port of 127.0.0.1. */
    public static LoopbackVideoPublisher start() {
        return start(Clock.systemUTC());
    }

    public static LoopbackVideoPublisher start(Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            LoopbackVideoPublisher publisher = new LoopbackVideoPublisher(server, clock);
            server.createContext("/videos/", publisher::serve);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "seedance-video-publisher");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return publisher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback video publisher", e);
        }
    }

    @Override
    public String publish(Path file, Duration validFor) {
        if (!Files.isRegularFile(file)) {
            throw new StudioException("cannot publish " + file + ": not a file");
        }
        byte[] token = new byte[16];
        random.nextBytes(token);
        String id = HexFormat.of().formatHex(token);
        published.put(id, new Published(file.toAbsolutePath(), clock.instant().plus(validFor)));
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/videos/" + id + "/"
                + URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            Published entry = parts.length >= 3 ? published.get(parts[2]) : null;
            if (entry == null || clock.instant().isAfter(entry.expiresAt()) || !Files.isRegularFile(entry.file())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            String name = entry.file().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            exchange.getResponseHeaders().set("Content-Type", name.endsWith(".mov") ? "video/quicktime" : "video/mp4");
            long size = Files.size(entry.file());
            exchange.sendResponseHeaders(200, head ? -1 : size);
            if (!head) {
                try (InputStream in = Files.newInputStream(entry.file());
                        OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "LoopbackVideoPublisher[" + server.getAddress() + "]";
    }
}
