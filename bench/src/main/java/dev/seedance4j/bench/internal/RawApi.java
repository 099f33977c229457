package dev.seedance4j.bench.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The task endpoints spoken with a bare {@link HttpClient}: the load generator of the throughput and load figures
 * (the same for the emulator and for the bare-server baseline, so that only the server differs).
 */
public final class RawApi {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A small valid create body: text to video, 480p, 4 s, no sound (cheap to render). */
    public static final String TEXT_TO_VIDEO = """
            {"model":"doubao-seedance-2-0-fast-260128","content":[{"type":"text","text":"bench: a cat yawns at the camera"}],\
            "resolution":"480p","ratio":"16:9","duration":4,"generate_audio":false}""";

    private final HttpClient http;
    private final String tasksUrl;
    private final String authorization;

    public RawApi(HttpClient http, String baseUrl, String apiKey) {
        this.http = http;
        this.tasksUrl = baseUrl + "/contents/generations/tasks";
        this.authorization = "Bearer " + apiKey;
    }

    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public HttpResponse<String> create(String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(tasksUrl))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String taskId) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(tasksUrl + "/" + taskId))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", authorization)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code id} of a create response. */
    public static String id(HttpResponse<String> created) throws IOException {
        JsonNode id = JSON.readTree(created.body()).get("id");
        if (id == null || !id.isTextual()) throw new IOException("create answered without an id: " + created.body());
        return id.asText();
    }

    /** The {@code status} of a task body. */
    public static String status(HttpResponse<String> task) throws IOException {
        JsonNode status = JSON.readTree(task.body()).get("status");
        return status == null ? "" : status.asText();
    }
}
