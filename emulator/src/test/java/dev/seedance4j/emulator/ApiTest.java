package dev.seedance4j.emulator;

import static dev.seedance4j.emulator.TestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint and its errors, over real HTTP. */
class ApiTest {

    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = fast().build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.reset();
    }

    @Test
    void createReturnsAnIdShapedLikeTheService() {
        Response response = create(emulator, tinyRequest("a cat yawns"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().size()).isEqualTo(1);
        assertThat(response.body().get("id").asText()).matches("cgt-\\d{14}-[a-z0-9]{5}");
        assertThat(response.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(53).startsWith("02"));
    }

    @Test
    void getFollowsTheTaskFromQueuedToSucceeded() {
        String id =
                createOk(emulator, tinyRequest("a cat yawns").put("seed", 11).put("return_last_frame", true));
        JsonNode early = get(emulator, id).body();
        assertThat(early.get("status").asText()).isIn("queued", "running", "succeeded");
        assertThat(early.get("model").asText()).isEqualTo(LITE);
        JsonNode done = awaitSucceeded(emulator, id);
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("seed").asLong()).isEqualTo(11);
        assertThat(done.get("resolution").asText()).isEqualTo("480p");
        assertThat(done.get("ratio").asText()).isEqualTo("16:9");
        assertThat(done.get("duration").asInt()).isEqualTo(2);
        assertThat(done.get("framespersecond").asInt()).isEqualTo(24);
        assertThat(done.get("service_tier").asText()).isEqualTo("default");
        assertThat(done.get("execution_expires_after").asLong()).isEqualTo(172_800);
        // 1.0 480p 16:9 is 864x480; 2 s = 49 frames
        assertThat(done.at("/usage/completion_tokens").asLong()).isEqualTo(864L * 480 * 49 / 1024);
        assertThat(done.at("/usage/total_tokens").asLong())
                .isEqualTo(done.at("/usage/completion_tokens").asLong());
        assertThat(done.at("/content/video_url").asText())
                .startsWith(emulator.rootUrl() + "/files/" + id + "/video.mp4?expires=");
        assertThat(done.at("/content/last_frame_url").asText()).contains("/last_frame.png?");
        assertThat(done.get("created_at").asLong())
                .isLessThanOrEqualTo(done.get("updated_at").asLong());
        assertThat(done.has("generate_audio")).isFalse(); // 1.0 models have no audio
    }

    @Test
    void unknownTaskIsNotFound() {
        Response response = get(emulator, "cgt-20250101000000-zzzzz");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NotFound.TaskId");
        JsonNode error = response.body().get("error");
        assertThat(error.get("type").asText()).isEqualTo("NotFound");
        assertThat(error.get("message").asText())
                .endsWith("Request ID: "
                        + response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(delete(emulator, "cgt-20250101000000-zzzzz").status()).isEqualTo(404);
    }

    @Test
    void authenticationIsRequired() {
        Response missing = send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/contents/generations/tasks"))
                .GET());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("AuthenticationError");
        assertThat(missing.body().at("/error/type").asText()).isEqualTo("Unauthorized");
        Response notBearer = send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/contents/generations/tasks"))
                .header("Authorization", "Basic abc")
                .GET());
        assertThat(notBearer.status()).isEqualTo(401);
    }

    @Test
    void onlyAllowedKeysWhenConfigured() {
        try (Emulator strict = fast().apiKeys("good-key").build().start()) {
            Response wrong = send(request(strict, "/contents/generations/tasks").GET());
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.body().toString()).doesNotContain(KEY);
            Response right = send(HttpRequest.newBuilder(URI.create(strict.baseUrl() + "/contents/generations/tasks"))
                    .header("Authorization", "Bearer good-key")
                    .GET());
            assertThat(right.status()).isEqualTo(200);
        }
    }

    @Test
    void wrongMethodsAndPathsAreErrorsWithRequestIds() {
        Response put =
                send(request(emulator, "/contents/generations/tasks").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.status()).isEqualTo(405);
        assertThat(send(request(emulator, "/chat/completions").GET()).status()).isEqualTo(405);
        Response unknown = send(request(emulator, "/embeddings").GET());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-Request-Id")).isPresent();
        Response notJson = create(emulator, "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("InvalidParameter");
    }

    @Test
    void deleteCancelsQueuedTasksAndRefusesRunningAndCancelledOnes() {
        // one slot and run times of minutes: the first task keeps running, the second keeps waiting
        try (Emulator slow = fast().timeScale(1000).concurrency(1).build().start()) {
            String running = createOk(slow, tinyRequest("first"));
            await(slow, running, "running", Duration.ofSeconds(10));
            String queued = createOk(slow, tinyRequest("second"));
            assertThat(get(slow, queued).body().get("status").asText()).isEqualTo("queued");

            Response cancel = delete(slow, queued);
            assertThat(cancel.status()).isEqualTo(200);
            assertThat(cancel.body().isObject() && cancel.body().isEmpty()).isTrue();
            assertThat(get(slow, queued).body().get("status").asText()).isEqualTo("cancelled");

            Response again = delete(slow, queued);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("OperationDenied.InvalidState");
            assertThat(again.body().at("/error/type").asText()).isEqualTo("Conflict");
            Response whileRunning = delete(slow, running);
            assertThat(whileRunning.status()).isEqualTo(409);
            assertThat(get(slow, running).body().get("status").asText()).isEqualTo("running");
        }
    }

    @Test
    void deleteRemovesFinishedTasks() {
        String id = createOk(emulator, tinyRequest("done"));
        awaitSucceeded(emulator, id);
        assertThat(delete(emulator, id).status()).isEqualTo(200);
        assertThat(get(emulator, id).status()).isEqualTo(404);
    }

    @Test
    void listFiltersPagesAndOrdersNewestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(createOk(emulator, tinyRequest("clip " + i)));
        for (String id : ids) awaitSucceeded(emulator, id);
        String flex = createOk(emulator, tinyRequest("flex clip").put("service_tier", "flex"));
        awaitSucceeded(emulator, flex);

        JsonNode all = list(emulator, "page_num=1&page_size=10").body();
        assertThat(all.get("total").asInt()).isEqualTo(4);
        assertThat(all.get("items").get(0).get("id").asText()).isEqualTo(flex);
        assertThat(all.get("items").get(3).get("id").asText()).isEqualTo(ids.get(0));

        JsonNode page2 = list(emulator, "page_num=2&page_size=3").body();
        assertThat(page2.get("total").asInt()).isEqualTo(4);
        assertThat(page2.get("items")).hasSize(1);

        JsonNode byIds = list(emulator, "filter.task_ids=" + ids.get(0) + "&filter.task_ids=" + ids.get(2))
                .body();
        assertThat(byIds.get("total").asInt()).isEqualTo(2);

        assertThat(list(emulator, "filter.service_tier=flex")
                        .body()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(list(emulator, "filter.status=succeeded").body().get("total").asInt())
                .isEqualTo(4);
        assertThat(list(emulator, "filter.status=queued").body().get("total").asInt())
                .isZero();
        assertThat(list(emulator, "filter.model=" + LITE).body().get("total").asInt())
                .isEqualTo(4);
        assertThat(list(emulator, "filter.model=" + V2).body().get("total").asInt())
                .isZero();
        assertThat(list(emulator, "").body().get("items").size()).isEqualTo(4);
    }

    @Test
    void listRejectsBadParameters() {
        Response page = list(emulator, "page_num=0");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.param()).isEqualTo("page_num");
        assertThat(list(emulator, "page_size=501").param()).isEqualTo("page_size");
        assertThat(list(emulator, "page_size=abc").status()).isEqualTo(400);
        assertThat(list(emulator, "filter.status=done").param()).isEqualTo("filter.status");
        assertThat(list(emulator, "filter.service_tier=cheap").param()).isEqualTo("filter.service_tier");
    }

    @Test
    void endpointIdsAreAcceptedAndFilterable() {
        try (Emulator withEndpoint =
                fast().endpoint("ep-20260101-abcde", LITE).build().start()) {
            String id = createOk(withEndpoint, tinyRequest("via endpoint").put("model", "ep-20260101-abcde"));
            assertThat(get(withEndpoint, id).body().get("model").asText()).isEqualTo(LITE);
            assertThat(list(withEndpoint, "filter.model=ep-20260101-abcde")
                            .body()
                            .get("total")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void statsCountWhatHappened() {
        String id = createOk(emulator, tinyRequest("counted"));
        awaitSucceeded(emulator, id);
        list(emulator, "");
        delete(emulator, "cgt-20250101000000-zzzzz");
        EmulatorStats stats = emulator.stats();
        assertThat(stats.createsByModel()).containsEntry(LITE, 1L);
        assertThat(stats.requests("create")).isEqualTo(1);
        assertThat(stats.requests("get")).isGreaterThanOrEqualTo(1);
        assertThat(stats.requests("list")).isEqualTo(1);
        assertThat(stats.requests("delete")).isEqualTo(1);
        assertThat(stats.tokensBilled()).isEqualTo(864L * 480 * 49 / 1024);
        assertThat(stats.tasksByStatus()).containsEntry("succeeded", 1L);

        Response http = send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/emulator/stats"))
                .GET());
        assertThat(http.body().at("/creates_by_model/" + LITE).asLong()).isEqualTo(1);
        assertThat(http.body().get("tokens_billed").asLong()).isEqualTo(stats.tokensBilled());
        assertThat(http.body().has("faults_injected")).isTrue();

        Response reset = send(HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/emulator/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(emulator.stats().creates()).isZero();
        assertThat(get(emulator, id).status()).isEqualTo(404);
    }
}
