package dev.seedance4j.emulator.internal.genai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the chat and image endpoints answer: JSON, a server-sent event stream, or a connection closed unanswered. */
public sealed interface GenAiReply {

    ObjectMapper JSON = new ObjectMapper();

    /** Writes the reply; the caller closes the exchange. */
    void writeTo(HttpExchange exchange) throws IOException;

    /** A JSON body; {@code dropAfter}: the work is done (and billed) but the connection closes unanswered. */
    record Json(int status, JsonNode body, boolean dropAfter) implements GenAiReply {
        @Override
        public void writeTo(HttpExchange exchange) throws IOException {
            if (dropAfter) {
                exchange.close();
                return;
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** One server-sent event: an optional {@code event:} name and its {@code data:}. */
    record Event(String name, String data) {}

    /**
     * An event stream ending with {@code data: [DONE]}; with {@code dropAfterEvents} ≥ 0 the connection breaks after
     * that many events (the work is done and billed; the client reads a stream that ends before its announced
     * length, as a dropped connection looks).
     */
    record Stream(List<Event> events, int dropAfterEvents) implements GenAiReply {
        @Override
        public void writeTo(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            List<byte[]> parts = new ArrayList<>();
            for (Event event : events) {
                String name = event.name() == null ? "" : "event: " + event.name() + "\n";
                parts.add((name + "data: " + event.data() + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            parts.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            if (dropAfterEvents < 0) {
                exchange.sendResponseHeaders(200, 0); // chunked: each event goes out as it is written
                try (OutputStream out = exchange.getResponseBody()) {
                    for (byte[] part : parts) {
                        out.write(part);
                        out.flush();
                    }
                }
                return;
            }
            long length = parts.stream().mapToLong(p -> p.length).sum();
            exchange.sendResponseHeaders(200, length);
            OutputStream out = exchange.getResponseBody();
            try {
                for (byte[] part : parts.subList(0, Math.min(dropAfterEvents, parts.size() - 1))) out.write(part);
                out.flush();
                exchange.close(); // fewer bytes than announced: the client sees the connection end early
            } catch (IOException expected) {
                // the server reports the short body; the connection is closed either way
            }
        }
    }

    /** The connection closes before anything happened. */
    record Drop() implements GenAiReply {
        @Override
        public void writeTo(HttpExchange exchange) {
            exchange.close();
        }
    }
}
