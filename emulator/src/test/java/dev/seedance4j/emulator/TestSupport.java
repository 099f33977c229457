package dev.seedance4j.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Real HTTP against a running emulator, and small real inputs. */
final class TestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String KEY = "test-key";
    static final String LITE = "doubao-seedance-1-0-lite-t2v-250428";
    static final String LITE_I2V = "doubao-seedance-1-0-lite-i2v-250428";
    static final String V2 = "doubao-seedance-2-0-260128";
    static final String V2_FAST = "doubao-seedance-2-0-fast-260128";
    static final String PRO_1_5 = "doubao-seedance-1-5-pro-251215";
    static final String V2_MINI = "doubao-seedance-2-0-mini-260615";
    static final String V2_5 = "doubao-seedance-2-5-260628";

    private TestSupport() {}

    /** An emulator that runs tasks as fast as they render. */
    static Emulator.Builder fast() {
        return Emulator.builder().timeScale(0);
    }

    record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        String code() {
            return body.path("error").path("code").asText();
        }

        String param() {
            return body.path("error").path("param").asText();
        }
    }

    static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(Emulator emulator, String path) {
        return HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).header("Authorization", "Bearer " + KEY);
    }

    static Response create(Emulator emulator, String json) {
        return send(request(emulator, "/contents/generations/tasks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Response create(Emulator emulator, JsonNode json) {
        return create(emulator, json.toString());
    }

    static Response get(Emulator emulator, String id) {
        return send(request(emulator, "/contents/generations/tasks/" + id).GET());
    }

    static Response list(Emulator emulator, String query) {
        return send(request(emulator, "/contents/generations/tasks" + (query.isEmpty() ? "" : "?" + query))
                .GET());
    }

    static Response delete(Emulator emulator, String id) {
        return send(request(emulator, "/contents/generations/tasks/" + id).DELETE());
    }

    /** A text-to-video request body. */
    static ObjectNode textRequest(String model, String prompt) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.putArray("content").addObject().put("type", "text").put("text", prompt);
        return body;
    }

    /** The smallest, quickest valid clip: 1.0 lite, 480p, 2 s. */
    static ObjectNode tinyRequest(String prompt) {
        return textRequest(LITE, prompt).put("resolution", "480p").put("duration", 2);
    }

    static String createOk(Emulator emulator, JsonNode body) {
        Response response = create(emulator, body);
        if (response.status() != 200)
            throw new AssertionError("create failed: " + response.status() + " " + response.body());
        return response.body().get("id").asText();
    }

    /** Polls until the task has {@code status}; fails after {@code timeout}. */
    static JsonNode await(Emulator emulator, String id, String status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Response response = get(emulator, id);
            last = response.body();
            if (last.path("status").asText().equals(status)) return last;
            if (response.status() != 200) throw new AssertionError("get failed: " + response.body());
            sleep(50);
        }
        throw new AssertionError("task " + id + " did not reach " + status + " in " + timeout + "; last: " + last);
    }

    static JsonNode awaitSucceeded(Emulator emulator, String id) {
        return await(emulator, id, "succeeded", Duration.ofSeconds(60));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A PNG of the given size. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String pngDataUrl(int width, int height) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(width, height));
    }

    /** A mono 16-bit PCM WAV of a tone. */
    static byte[] wav(double seconds) {
        int rate = 16_000;
        int samples = (int) (seconds * rate);
        java.nio.ByteBuffer buffer =
                java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes())
                .putInt(36 + samples * 2)
                .put("WAVE".getBytes())
                .put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes())
                .putInt(samples * 2);
        for (int i = 0; i < samples; i++) buffer.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        return buffer.array();
    }

    static String wavDataUrl(double seconds) {
        return "data:audio/wav;base64," + Base64.getEncoder().encodeToString(wav(seconds));
    }

    static ObjectNode image(ObjectNode body, String url, String role) {
        ObjectNode item = ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("content"))
                .addObject()
                .put("type", "image_url");
        item.putObject("image_url").put("url", url);
        if (role != null) item.put("role", role);
        return body;
    }

    static ObjectNode media(ObjectNode body, String type, String url) {
        ObjectNode item = ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("content"))
                .addObject()
                .put("type", type);
        item.putObject(type).put("url", url);
        item.put("role", type.equals("video_url") ? "reference_video" : "reference_audio");
        return body;
    }
}
