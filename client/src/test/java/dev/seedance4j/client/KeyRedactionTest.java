package dev.seedance4j.client;

import static dev.seedance4j.client.ScriptedServer.Reply;
import static dev.seedance4j.client.TestSupport.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API key appears in no exception, toString or log line, whatever goes wrong. */
class KeyRedactionTest {
    private static final CreateTaskRequest CAT =
            CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "猫").build();

    @TempDir
    Path dir;

    private ScriptedServer server;
    private SeedanceClient client;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void start() throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        server = new ScriptedServer();
        TestSupport.FakeClock clock = new TestSupport.FakeClock(Instant.parse("2026-05-14T10:32:17Z"));
        client = SeedanceClient.builder()
                .apiKey(API_KEY)
                .baseUrl(server.baseUrl())
                .clock(clock)
                .sleeper(new TestSupport.RecordingSleeper(clock))
                .build();
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        client.close();
        server.close();
    }

    @Test
    void noErrorPathRevealsTheKey() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        // A hostile or buggy server that echoes the Authorization header everywhere it can.
        String echoed = "Bearer " + API_KEY;
        server.enqueue(Reply.json(
                        400,
                        "{\"error\":{\"code\":\"InvalidParameter\",\"message\":\"bad header " + echoed
                                + "\",\"param\":\"" + API_KEY + "\",\"type\":\"BadRequest\"}}")
                .header("X-Request-Id", API_KEY));
        failures.add(failure(() -> client.tasks().create(CAT)));
        for (int status : new int[] {401, 403, 404, 409, 422}) {
            server.enqueue(Reply.error(status, "Code" + status, "key was " + API_KEY));
            failures.add(failure(() -> client.tasks().create(CAT)));
        }
        server.enqueue(Reply.error(429, "QuotaExceeded", API_KEY));
        failures.add(failure(() -> client.tasks().get("cgt-1")));
        server.enqueue(Reply.error(429, "ServerOverloaded", API_KEY).header("Retry-After", "3600"));
        failures.add(failure(() -> client.tasks().get("cgt-1")));
        server.enqueue(Reply.error(400, "InputImageSensitiveContentDetected.PrivacyInformation", API_KEY));
        failures.add(failure(() -> client.tasks().create(CAT)));
        server.enqueue(Reply.bytes(500, ("<html>" + echoed + "</html>").getBytes()));
        failures.add(failure(() -> client.tasks().create(CAT)));
        server.enqueue(Reply.json(200, "{\"id\":\"late\"}").delay(Duration.ofMillis(1500)));
        try (SeedanceClient impatient = SeedanceClient.builder()
                .apiKey(API_KEY)
                .baseUrl(server.baseUrl())
                .requestTimeout(Duration.ofMillis(300))
                .build()) {
            failures.add(failure(() -> impatient.tasks().create(CAT)));
        }
        server.otherwise(r -> Reply.error(503, "InternalServiceError", echoed));
        failures.add(failure(() -> client.tasks().list(ListTasksQuery.all())));
        failures.add(failure(() -> client.tasks().delete("cgt-1")));
        failures.add(failure(
                () -> RequestValidator.check(CAT.toBuilder().duration(99).build())));
        server.otherwise(r -> r.path().startsWith("/api")
                ? Reply.json(200, TestSupport.taskJson("cgt-1", "running"))
                : Reply.bytes(403, echoed.getBytes()));
        failures.add(failure(() -> {
            try {
                return TaskWaiter.builder(client)
                        .timeout(Duration.ofSeconds(1))
                        .build()
                        .await("cgt-1");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        Task done = new Task(
                "cgt-1",
                Model.SEEDANCE_2_0,
                TaskStatus.SUCCEEDED,
                null,
                null,
                null,
                server.url("/tos/v.mp4"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        failures.add(failure(() -> client.download(done, dir.resolve("v.mp4"))));
        int closedPort = ErrorsAndRetriesTest.freePort();
        try (SeedanceClient refused = SeedanceClient.builder()
                .apiKey(API_KEY)
                .baseUrl("http://127.0.0.1:" + closedPort + "/api/v3")
                .maxRetries(0)
                .build()) {
            failures.add(failure(() -> refused.tasks().create(CAT)));
            failures.add(failure(() -> refused.tasks().get("cgt-1")));
        }

        assertThat(failures).hasSize(18).doesNotContainNull();
        assertThat(failures)
                .extracting(Throwable::getClass)
                .contains(
                        BadRequestException.class,
                        AuthenticationException.class,
                        PermissionDeniedException.class,
                        NotFoundException.class,
                        ConflictException.class,
                        QuotaExceededException.class,
                        RateLimitException.class,
                        ContentModerationException.class,
                        CreateOutcomeUnknownException.class,
                        ServerException.class,
                        ValidationException.class,
                        WaitTimeoutException.class,
                        ResultExpiredException.class,
                        SeedanceIOException.class);
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(API_KEY);
                assertThat(String.valueOf(t.getMessage())).doesNotContain(API_KEY);
            }
            if (failure instanceof ApiException api) {
                assertThat(api.param().orElse("")).doesNotContain(API_KEY);
                assertThat(api.requestId().orElse("")).doesNotContain(API_KEY);
                assertThat(api.serverMessage()).doesNotContain(API_KEY);
            }
        }
        assertThat(failures.get(0).getMessage()).contains("bad header Bearer ****");

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("DEBUG").contains("WARN").doesNotContain(API_KEY);
    }

    @Test
    void toStringsHideTheKey() {
        assertThat(client.toString()).contains("apiKey=****").doesNotContain(API_KEY);
        assertThat(SeedanceClient.builder().apiKey(API_KEY).toString()).doesNotContain(API_KEY);
        assertThat(server.received()).isEmpty();
    }

    private static Throwable failure(Supplier<?> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            return e;
        }
        return null;
    }

    private static Throwable failure(Runnable call) {
        return failure(() -> {
            call.run();
            return null;
        });
    }

    @Test
    void aShortKeyIsMaskedOnlyAsAWholeTokenAndARealisticOneEverywhere() {
        try (SeedanceClient shortKey =
                SeedanceClient.builder().apiKey("x").baseUrl(server.baseUrl()).build()) {
            server.enqueue(Reply.error(
                    400, "InputTextSensitiveContentDetected", "the input text may be sensitive; key x rejected"));
            assertThatThrownBy(() -> shortKey.tasks().create(CAT))
                    .isInstanceOfSatisfying(ContentModerationException.class, e -> {
                        assertThat(e.code()).isEqualTo("InputTextSensitiveContentDetected");
                        assertThat(e.serverMessage()).isEqualTo("the input text may be sensitive; key **** rejected");
                    });
        }
        server.enqueue(Reply.error(400, "InvalidParameter", "token=" + API_KEY + ";prefix" + API_KEY + "suffix"));
        assertThatThrownBy(() -> client.tasks().create(CAT))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.serverMessage()).isEqualTo("token=****;prefix****suffix"));
    }
}
