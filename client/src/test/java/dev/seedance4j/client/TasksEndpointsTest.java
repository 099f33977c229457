package dev.seedance4j.client;

import static dev.seedance4j.client.ScriptedServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint against a real loopback server: paths, query strings, headers, parsing. */
class TasksEndpointsTest {
    /** The succeeded example of contract §4.2, with tools, a last frame and an unknown field. */
    static final String SUCCEEDED = """
            {"id":"cgt-20260514183217-t8rzv","model":"doubao-seedance-2-0-260128","status":"succeeded",
             "content":{"video_url":"https://tos.example.com/v.mp4?X-Tos-Expires=86400",
                        "last_frame_url":"https://tos.example.com/f.png?X-Tos-Expires=86400"},
             "usage":{"completion_tokens":108900,"total_tokens":108900,"tool_usage":{"web_search":1}},
             "created_at":1778754737,"updated_at":1778755025,"seed":1276,"resolution":"720p","ratio":"16:9",
             "duration":5,"framespersecond":24,"service_tier":"default","execution_expires_after":172800,
             "generate_audio":true,"draft":false,"priority":0,"tools":[{"type":"web_search"}],
             "safety_identifier":"u-5f2a","error":null,"a_field_added_later":{"x":1}}""";

    private ScriptedServer server;
    private SeedanceClient client;
    private TestSupport.FakeClock clock;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        clock = new TestSupport.FakeClock(Instant.parse("2026-05-14T10:32:17Z"));
        client = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl() + "/")
                .clock(clock)
                .sleeper(new TestSupport.RecordingSleeper(clock))
                .header("X-Project-Name", "drama")
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void createSendsAuthAndIdentificationHeaders() {
        server.enqueue(Reply.json(200, "{\"id\":\"cgt-20260514183217-t8rzv\",\"safety_identifier\":null}"));
        String id = client.tasks()
                .create(CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "猫").build());
        assertThat(id).isEqualTo("cgt-20260514183217-t8rzv");
        ScriptedServer.Received r = server.last();
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + TestSupport.API_KEY);
        assertThat(r.header("Accept")).isEqualTo("application/json");
        assertThat(r.header("X-Project-Name")).isEqualTo("drama");
        assertThat(r.header("User-Agent")).startsWith("seedance4j/");
        assertThat(r.header("X-Client-Request-Id")).matches("20260514103217[0-9A-Za-z]{20}");
    }

    @Test
    void aCreateAnswerWhoseIdIsNotATaskIdIsAnUnknownOutcome() {
        CreateTaskRequest cat =
                CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "猫").build();
        for (String answer : new String[] {
            "{\"id\":\"../../tmp/x\"}", "{\"id\":\"cgt-../x\"}", "{\"id\":\"\"}", "{\"id\":42}", "{}", "not json"
        }) {
            server.enqueue(Reply.json(200, answer));
            assertThatThrownBy(() -> client.tasks().create(cat))
                    .as(answer)
                    .isInstanceOfSatisfying(CreateOutcomeUnknownException.class, e -> {
                        assertThat(e.request()).isEqualTo(cat);
                        assertThat(e.sentAt()).isEqualTo(clock.instant());
                    });
        }
        server.enqueue(Reply.json(200, "{\"id\":\"../../tmp/x\"}"));
        assertThatThrownBy(() -> client.tasks().create(cat))
                .hasMessageContaining("HTTP 200 with ../../tmp/x, which is not a task id (cgt-…)");
        assertThat(server.received()).hasSize(7); // each sent once, never resent
    }

    @Test
    void idsThatAreNotTaskIdsAreNeverPutIntoAPath() {
        for (String id : new String[] {"..", "../x", "a/b", "cgt-1?x=1", ".hidden", "", "a".repeat(129)}) {
            assertThat(Tasks.isTaskId(id)).as(id).isFalse();
            assertThatThrownBy(() -> client.tasks().get(id)).as(id).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> client.tasks().delete(id)).as(id).isInstanceOf(ValidationException.class);
        }
        assertThat(server.received()).isEmpty();
        assertThat(Tasks.isTaskId(null)).isFalse();
        assertThat(Tasks.isTaskId("cgt-20260514183217-t8rzv")).isTrue();
        assertThat(Tasks.isTaskId("a".repeat(128))).isTrue();
    }

    @Test
    void getParsesEveryFieldOfTheContractAndIgnoresUnknownOnes() {
        server.enqueue(Reply.json(200, SUCCEEDED));
        Task task = client.tasks().get("cgt-20260514183217-t8rzv");
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(server.last().path()).isEqualTo("/api/v3/contents/generations/tasks/cgt-20260514183217-t8rzv");
        assertThat(task.id()).isEqualTo("cgt-20260514183217-t8rzv");
        assertThat(task.model()).isEqualTo(Model.SEEDANCE_2_0);
        assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(task.isTerminal()).isTrue();
        assertThat(task.isSucceeded()).isTrue();
        assertThat(task.error()).isNull();
        assertThat(task.createdAt()).isEqualTo(Instant.ofEpochSecond(1778754737));
        assertThat(task.updatedAt()).isEqualTo(Instant.ofEpochSecond(1778755025));
        assertThat(task.videoUrl()).isEqualTo("https://tos.example.com/v.mp4?X-Tos-Expires=86400");
        assertThat(task.lastFrameUrl()).isEqualTo("https://tos.example.com/f.png?X-Tos-Expires=86400");
        assertThat(task.fileUrl()).isNull();
        assertThat(task.usage()).isEqualTo(new Usage(108900, 108900, 1));
        assertThat(task.seed()).isEqualTo(1276L);
        assertThat(task.resolution()).isEqualTo(Resolution.P720);
        assertThat(task.ratio()).isEqualTo(Ratio.RATIO_16_9);
        assertThat(task.duration()).isEqualTo(5);
        assertThat(task.frames()).isNull();
        assertThat(task.framesPerSecond()).isEqualTo(24);
        assertThat(task.serviceTier()).isEqualTo(ServiceTier.DEFAULT);
        assertThat(task.executionExpiresAfter()).isEqualTo(172800L);
        assertThat(task.generateAudio()).isTrue();
        assertThat(task.draft()).isFalse();
        assertThat(task.priority()).isZero();
        assertThat(task.tools()).containsExactly(Tool.WEB_SEARCH);
        assertThat(task.safetyIdentifier()).isEqualTo("u-5f2a");
    }

    @Test
    void failedRunningAndUnknownStatusesParseWithAbsentFieldsAsNull() {
        server.enqueue(Reply.json(200, """
                {"id":"cgt-20260514180000-abcde","model":"doubao-seedance-2-0-260128","status":"failed",
                 "error":{"code":"OutputVideoSensitiveContentDetected.PolicyViolation",
                          "message":"The request failed because the output video may be related to copyright restrictions."},
                 "created_at":1778753000,"updated_at":1778753100,"service_tier":"default","execution_expires_after":172800}"""));
        server.enqueue(Reply.json(200, TestSupport.taskJson("cgt-20260611112037-gx5l7", "running")));
        server.enqueue(Reply.json(
                200,
                TestSupport.taskJson("cgt-20260611112037-gx5l7", "paused_for_review")
                        .replace(
                                "\"service_tier\":\"default\"",
                                "\"service_tier\":null,\"usage\":null,\"content\":null")));

        Task failed = client.tasks().get("cgt-20260514180000-abcde");
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo("OutputVideoSensitiveContentDetected.PolicyViolation");
        assertThat(failed.error().isModeration()).isTrue();
        assertThat(failed.usage()).isNull();
        assertThat(failed.videoUrl()).isNull();

        Task running = client.tasks().get("cgt-20260611112037-gx5l7");
        assertThat(running.isTerminal()).isFalse();
        assertThat(running.resolution()).isNull();
        assertThat(running.seed()).isNull();

        Task unknown = client.tasks().get("cgt-20260611112037-gx5l7");
        assertThat(unknown.status()).isEqualTo(TaskStatus.of("paused_for_review"));
        assertThat(unknown.isTerminal()).isFalse();
        assertThat(unknown.serviceTier()).isNull();
        assertThat(unknown.usage()).isNull();
    }

    @Test
    void listSendsEveryFilterWithRepeatedTaskIds() {
        server.enqueue(Reply.json(
                200,
                "{\"total\":3,\"items\":[" + SUCCEEDED + ","
                        + TestSupport.taskJson("cgt-20260611112037-gx5l7", "queued") + "]}"));
        TaskPage page = client.tasks()
                .list(ListTasksQuery.builder()
                        .pageNum(2)
                        .pageSize(2)
                        .status(TaskStatus.SUCCEEDED)
                        .taskId("cgt-a")
                        .taskId("cgt-b")
                        .model("ep-2026 x")
                        .serviceTier(ServiceTier.FLEX)
                        .build());
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items())
                .extracting(Task::id)
                .containsExactly("cgt-20260514183217-t8rzv", "cgt-20260611112037-gx5l7");
        ScriptedServer.Received r = server.last();
        assertThat(r.path()).isEqualTo("/api/v3/contents/generations/tasks");
        assertThat(r.query())
                .containsExactly(
                        Map.entry("page_num", "2"),
                        Map.entry("page_size", "2"),
                        Map.entry("filter.status", "succeeded"),
                        Map.entry("filter.task_ids", "cgt-a"),
                        Map.entry("filter.task_ids", "cgt-b"),
                        Map.entry("filter.model", "ep-2026 x"),
                        Map.entry("filter.service_tier", "flex"));
    }

    @Test
    void listWithoutParametersSendsNoQuery() {
        server.enqueue(Reply.json(200, "{\"total\":0,\"items\":[]}"));
        assertThat(client.tasks().list(ListTasksQuery.all()).items()).isEmpty();
        assertThat(server.last().rawQuery()).isNull();
    }

    @Test
    void listAllWalksThePagesLazily() {
        server.otherwise(r -> {
            int page = Integer.parseInt(r.queryValues("page_num").get(0));
            assertThat(r.queryValues("page_size")).containsExactly("2");
            List<String> items = new ArrayList<>();
            for (int i = (page - 1) * 2; i < Math.min(page * 2, 5); i++) {
                items.add(TestSupport.taskJson("cgt-" + i, "succeeded"));
            }
            return Reply.json(200, "{\"total\":5,\"items\":[" + String.join(",", items) + "]}");
        });
        List<String> ids = new ArrayList<>();
        for (Task t : client.tasks()
                .listAll(ListTasksQuery.builder()
                        .pageSize(2)
                        .status(TaskStatus.SUCCEEDED)
                        .build())) {
            ids.add(t.id());
        }
        assertThat(ids).containsExactly("cgt-0", "cgt-1", "cgt-2", "cgt-3", "cgt-4");
        assertThat(server.received()).hasSize(3);
        assertThat(server.received())
                .allSatisfy(r -> assertThat(r.queryValues("filter.status")).containsExactly("succeeded"));
    }

    @Test
    void deleteSendsDeleteAndAcceptsAnEmptyObject() {
        server.enqueue(Reply.json(200, "{}"));
        client.tasks().delete("cgt-20260514183217-t8rzv");
        assertThat(server.last().method()).isEqualTo("DELETE");
        assertThat(server.last().path()).isEqualTo("/api/v3/contents/generations/tasks/cgt-20260514183217-t8rzv");
    }

    @Test
    void deleteOfARunningTaskIsAConflict() {
        server.enqueue(Reply.error(409, "OperationDenied.TaskRunning", "running tasks cannot be cancelled"));
        assertThatThrownBy(() -> client.tasks().delete("cgt-1")).isInstanceOf(ConflictException.class);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void asyncTwinsCompleteWithTheSameResults() throws Exception {
        server.enqueue(Reply.json(200, "{\"id\":\"cgt-async\"}"));
        server.enqueue(Reply.json(200, SUCCEEDED));
        server.enqueue(Reply.json(200, "{\"total\":1,\"items\":[" + SUCCEEDED + "]}"));
        server.enqueue(Reply.json(200, "{}"));
        server.enqueue(Reply.error(404, "NotFound.TaskId", "no such task"));
        assertThat(client.tasks()
                        .createAsync(CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "猫")
                                .build())
                        .get())
                .isEqualTo("cgt-async");
        assertThat(client.tasks()
                        .getAsync("cgt-20260514183217-t8rzv")
                        .get()
                        .usage()
                        .completionTokens())
                .isEqualTo(108900);
        assertThat(client.tasks().listAsync(ListTasksQuery.all()).get().total()).isEqualTo(1);
        assertThat(client.tasks().deleteAsync("cgt-20260514183217-t8rzv").get()).isNull();
        assertThatThrownBy(() -> client.tasks().getAsync("cgt-gone").get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NotFoundException.class);
    }

    @Test
    void invalidRequestIsRefusedBeforeAnythingIsSent() {
        CreateTaskRequest tooLong = CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "猫")
                .duration(30)
                .build();
        assertThatThrownBy(() -> client.tasks().create(tooLong))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("duration = 30: must be within [4, 15] or -1 (model chooses)");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void unknownModelNeedsSkipOrValidateAs() {
        server.otherwise(r -> Reply.json(200, "{\"id\":\"cgt-ep\"}"));
        CreateTaskRequest viaEndpoint = CreateTaskRequest.textToVideo(Model.of("ep-20260101000000-abcde"), "猫")
                .build();
        assertThatThrownBy(() -> client.tasks().create(viaEndpoint))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("model = ep-20260101000000-abcde: is not in the model table");
        assertThat(client.tasks().create(viaEndpoint, CreateOptions.validateAs(Model.SEEDANCE_2_0)))
                .isEqualTo("cgt-ep");
        assertThat(client.tasks().create(viaEndpoint, CreateOptions.skipValidation()))
                .isEqualTo("cgt-ep");
        CreateTaskRequest bad = viaEndpoint.toBuilder().duration(3).build();
        assertThatThrownBy(() -> client.tasks().create(bad, CreateOptions.validateAs(Model.SEEDANCE_2_0)))
                .isInstanceOf(ValidationException.class);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void fromEnvironmentReadsKeyAndBaseUrl() {
        server.enqueue(Reply.json(200, TestSupport.taskJson("cgt-env", "queued")));
        try (SeedanceClient env = SeedanceClient.builder()
                .environment(Map.of("ARK_API_KEY", TestSupport.API_KEY, "ARK_BASE_URL", server.baseUrl()))
                .build()) {
            assertThat(env.baseUrl().toString()).isEqualTo(server.baseUrl() + "/");
            assertThat(env.tasks().get("cgt-env").status()).isEqualTo(TaskStatus.QUEUED);
        }
        assertThatThrownBy(() -> SeedanceClient.builder().environment(Map.of()))
                .isInstanceOf(SeedanceException.class)
                .hasMessageContaining("ARK_API_KEY is not set");
        assertThat(SeedanceClient.builder().apiKey("k").build().baseUrl().toString())
                .isEqualTo(SeedanceClient.DEFAULT_BASE_URL + "/");
    }

    @Test
    void aClosedClientRefusesCalls() {
        client.close();
        assertThatThrownBy(() -> client.tasks().get("cgt-1")).isInstanceOf(IllegalStateException.class);
        assertThat(client.toString()).contains("closed");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void concurrentRequestsAreBounded() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        server.otherwise(r -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return Reply.json(200, TestSupport.taskJson("cgt-1", "running"));
        });
        try (SeedanceClient bounded = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .maxConcurrentRequests(2)
                .requestTimeout(Duration.ofSeconds(10))
                .build()) {
            List<java.util.concurrent.CompletableFuture<Task>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(bounded.tasks().getAsync("cgt-1"));
            }
            for (var call : calls) {
                assertThat(call.get().status()).isEqualTo(TaskStatus.RUNNING);
            }
        }
        assertThat(most.get()).isBetween(1, 2);
        assertThat(server.received()).hasSize(8);
    }
}
