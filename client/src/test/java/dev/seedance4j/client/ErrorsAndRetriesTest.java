package dev.seedance4j.client;

import static dev.seedance4j.client.ScriptedServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Typed errors for every status, retries for reads, and the never-resend rule for create. */
class ErrorsAndRetriesTest extends LoopbackTest {
    private static final CreateTaskRequest CAT =
            CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "猫").build();

    private ApiException createFails(Reply reply) {
        server.enqueue(reply);
        try {
            client.tasks().create(CAT);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("create did not fail");
    }

    @Test
    void badRequestCarriesEveryPartOfTheErrorBody() {
        ApiException e = createFails(Reply.json(
                        400,
                        "{\"error\":{\"code\":\"InvalidParameter\",\"message\":"
                                + "\"One or more parameters specified in the request are not valid. Request ID: 0217\","
                                + "\"param\":\"duration\",\"type\":\"BadRequest\"}}")
                .header("X-Request-Id", "0217747937596950e2"));
        assertThat(e).isExactlyInstanceOf(BadRequestException.class);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("InvalidParameter");
        assertThat(e.param()).contains("duration");
        assertThat(e.type()).contains("BadRequest");
        assertThat(e.serverMessage()).startsWith("One or more parameters");
        assertThat(e.requestId()).contains("0217747937596950e2");
        assertThat(e.clientRequestId()).isEqualTo(server.last().header("X-Client-Request-Id"));
        assertThat(e.getMessage())
                .contains("HTTP 400 InvalidParameter (param duration): One or more")
                .contains("request id 0217747937596950e2");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void eachStatusHasItsType() {
        assertThat(createFails(Reply.error(401, "AuthenticationError", "bad key")))
                .isExactlyInstanceOf(AuthenticationException.class);
        ApiException overdue = createFails(Reply.error(403, "AccountOverdueError", "overdue"));
        assertThat(overdue).isExactlyInstanceOf(PermissionDeniedException.class);
        assertThat(((PermissionDeniedException) overdue).isAccountOverdue()).isTrue();
        ApiException denied = createFails(Reply.error(403, "AccessDenied", "no"));
        assertThat(((PermissionDeniedException) denied).isAccountOverdue()).isFalse();
        assertThat(createFails(Reply.error(404, "InvalidEndpointOrModel.NotFound", "no model")))
                .isExactlyInstanceOf(NotFoundException.class);
        assertThat(createFails(Reply.error(409, "Conflict", "no"))).isExactlyInstanceOf(ConflictException.class);
        assertThat(createFails(Reply.error(422, "Unprocessable", "no"))).isExactlyInstanceOf(BadRequestException.class);
        assertThat(createFails(Reply.error(429, "QuotaExceeded", "排队中状态的任务数已超过限制")))
                .isExactlyInstanceOf(QuotaExceededException.class);
        assertThat(createFails(Reply.error(429, "SetLimitExceeded", "safe mode")))
                .isExactlyInstanceOf(QuotaExceededException.class);
        assertThat(createFails(Reply.error(418, "Teapot", "odd"))).isExactlyInstanceOf(ApiException.class);
        assertThat(server.received()).hasSize(9);
    }

    @Test
    void theTypeIsTheOneTheServiceWrote() {
        // the documented set (contract §5.1): BadRequest, Unauthorized, Forbidden, NotFound, TooManyRequests,
        // InternalServerError; carried as written, never made up when absent
        assertThat(createFails(Reply.error(401, "AuthenticationError", "bad key"))
                        .type())
                .contains("Unauthorized");
        assertThat(createFails(Reply.error(403, "AccessDenied", "no")).type()).contains("Forbidden");
        assertThat(createFails(Reply.error(404, "ModelNotOpen", "no")).type()).contains("NotFound");
        assertThat(createFails(Reply.error(429, "ServerOverloaded", "busy")).type())
                .contains("TooManyRequests");
        assertThat(createFails(Reply.error(409, "Conflict", "no")).type()).isEmpty();
        server.enqueue(Reply.error(500, "InternalServiceError", "oops"));
        assertThatThrownBy(() -> client.tasks().create(CAT))
                .isInstanceOfSatisfying(
                        CreateOutcomeUnknownException.class,
                        e -> assertThat(((ApiException) e.getCause()).type()).contains("InternalServerError"));
    }

    @Test
    void anAnswerLargerThanTheLimitIsAnErrorNotAnAllocation() {
        try (SeedanceClient small = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .clock(clock)
                .sleeper(sleeper)
                .maxResponseBytes(64 * 1024)
                .build()) {
            server.enqueue(Reply.json(200, "{\"id\":\"cgt-1\",\"x\":\"" + "x".repeat(100_000) + "\"}"));
            assertThatThrownBy(() -> small.tasks().get("cgt-1"))
                    .isInstanceOf(SeedanceIOException.class)
                    .hasMessageContaining("the answer to GET /api/v3/contents/generations/tasks/cgt-1 announces")
                    .hasMessageContaining("more than the limit of 65536 bytes");
            server.enqueue(Reply.bytes(200, new byte[200_000]).chunked());
            assertThatThrownBy(() -> small.tasks().create(CAT))
                    .isInstanceOf(CreateOutcomeUnknownException.class)
                    .hasMessageContaining("is larger than the limit of 65536 bytes");
            assertThat(server.received()).hasSize(2); // neither retried
        }
    }

    @Test
    void rateLimitOnCreateIsNotRetriedAndCarriesRetryAfter() {
        ApiException e = createFails(Reply.error(429, "ModelAccountRpmRateLimitExceeded", "slow down")
                .header("Retry-After", "7"));
        assertThat(e).isExactlyInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(server.received()).hasSize(1);
        assertThat(sleeper.pauses).isEmpty();
    }

    @Test
    void moderationTellsInputFromOutputAndKeepsTheSubCode() {
        ContentModerationException input = (ContentModerationException) createFails(Reply.error(
                400, "InputImageSensitiveContentDetected.PrivacyInformation", "input image may contain real person"));
        assertThat(input.isInput()).isTrue();
        assertThat(input.isOutput()).isFalse();
        assertThat(input.subCode()).contains("PrivacyInformation");
        ContentModerationException output = (ContentModerationException)
                createFails(Reply.error(400, "OutputVideoSensitiveContentDetected.PolicyViolation", "copyright"));
        assertThat(output.isOutput()).isTrue();
        assertThat(output.subCode()).contains("PolicyViolation");
        ContentModerationException text =
                (ContentModerationException) createFails(Reply.error(400, "SensitiveContentDetected", "prompt"));
        assertThat(text.isInput()).isTrue();
        assertThat(text.subCode()).isEmpty();
    }

    @Test
    void aNonJsonErrorBodyBecomesTheMessage() {
        server.enqueue(Reply.bytes(404, "<html>gateway: no route</html>".getBytes()));
        assertThatThrownBy(() -> client.tasks().get("cgt-1"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("<html>gateway: no route</html>");
    }

    @Test
    void getIsRetriedOn5xxWithJitteredExponentialBackoff() {
        server.enqueue(Reply.error(503, "ServiceUnavailable", "busy"));
        server.enqueue(Reply.error(500, "InternalServiceError", "oops"));
        server.enqueue(Reply.json(200, TestSupport.taskJson("cgt-1", "running")));
        assertThat(client.tasks().get("cgt-1").status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(server.received()).hasSize(3);
        assertThat(server.received())
                .extracting(r -> r.header("X-Client-Request-Id"))
                .containsOnly(server.last().header("X-Client-Request-Id"));
        assertThat(sleeper.pauses).hasSize(2);
        assertThat(sleeper.pauses.get(0).toMillis()).isBetween(375L, 500L);
        assertThat(sleeper.pauses.get(1).toMillis()).isBetween(750L, 1000L);
    }

    @Test
    void retriesHonourRetryAfterExactly() {
        server.enqueue(
                Reply.error(429, "RateLimitExceeded.EndpointRPMExceeded", "rpm").header("Retry-After", "3"));
        server.enqueue(Reply.json(200, "{\"total\":0,\"items\":[]}"));
        assertThat(client.tasks().list(ListTasksQuery.all()).total()).isZero();
        assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterLongerThanTheLimitEndsTheRetries() {
        server.enqueue(Reply.error(429, "ServerOverloaded", "later").header("Retry-After", "600"));
        assertThatThrownBy(() -> client.tasks().get("cgt-1"))
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(10)));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void xShouldRetryOverridesTheStatus() {
        server.enqueue(Reply.error(503, "InternalServiceError", "do not").header("x-should-retry", "false"));
        assertThatThrownBy(() -> client.tasks().get("cgt-1")).isInstanceOf(ServerException.class);
        assertThat(server.received()).hasSize(1);

        server.enqueue(Reply.error(400, "Flaky", "try again").header("x-should-retry", "true"));
        server.enqueue(Reply.json(200, TestSupport.taskJson("cgt-1", "queued")));
        assertThat(client.tasks().get("cgt-1").status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void aReadWhoseBodyIsCutOrStallsIsRetried() {
        server.enqueue(Reply.json(200, TestSupport.taskJson("cgt-1", "running")).declaredLength(10_000));
        server.enqueue(Reply.json(200, TestSupport.taskJson("cgt-1", "running")).delay(Duration.ofSeconds(3)));
        server.enqueue(Reply.json(200, TestSupport.taskJson("cgt-1", "succeeded")));
        try (SeedanceClient impatient = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .requestTimeout(Duration.ofMillis(800))
                .clock(clock)
                .sleeper(sleeper)
                .build()) {
            assertThat(impatient.tasks().get("cgt-1").status()).isEqualTo(TaskStatus.SUCCEEDED);
        }
        assertThat(server.received()).hasSize(3);
        assertThat(sleeper.pauses).hasSize(2);
    }

    @Test
    void retriesStopAfterMaxRetries() {
        server.otherwise(r -> Reply.error(502, "BadGateway", "down"));
        assertThatThrownBy(() -> client.tasks().get("cgt-1"))
                .isInstanceOf(ServerException.class)
                .hasMessageContaining("HTTP 502");
        assertThat(server.received()).hasSize(3);
        assertThat(sleeper.pauses).hasSize(2);
    }

    @Test
    void quotaIsNotRetried() {
        server.enqueue(Reply.error(429, "QuotaExceeded", "used up"));
        assertThatThrownBy(() -> client.tasks().get("cgt-1")).isInstanceOf(QuotaExceededException.class);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aCreateThatGetsA5xxIsNeverResent() {
        server.otherwise(r -> Reply.error(500, "InternalServiceError", "boom"));
        Instant before = clock.instant();
        assertThatThrownBy(() -> client.tasks().create(CAT))
                .isInstanceOfSatisfying(CreateOutcomeUnknownException.class, e -> {
                    assertThat(e.request()).isSameAs(CAT);
                    assertThat(e.sentAt()).isEqualTo(before);
                    assertThat(e.failedAt()).isAfterOrEqualTo(e.sentAt());
                    assertThat(e.getCause()).isInstanceOf(ServerException.class);
                    assertThat(e.getMessage()).contains("not resent");
                });
        assertThat(server.received()).hasSize(1);
        assertThat(sleeper.pauses).isEmpty();
    }

    @Test
    void aCreateThatTimesOutIsNeverResent() {
        server.enqueue(Reply.json(200, "{\"id\":\"cgt-late\"}").delay(Duration.ofMillis(1500)));
        try (SeedanceClient impatient = SeedanceClient.builder()
                .apiKey(TestSupport.API_KEY)
                .baseUrl(server.baseUrl())
                .requestTimeout(Duration.ofMillis(300))
                .clock(clock)
                .sleeper(sleeper)
                .build()) {
            assertThatThrownBy(() -> impatient.tasks().create(CAT))
                    .isInstanceOf(CreateOutcomeUnknownException.class)
                    .hasCauseInstanceOf(SeedanceIOException.class);
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aCreateWhoseConnectionDropsAfterSendingIsNeverResent() throws Exception {
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        try (ServerSocket dropper = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!dropper.isClosed()) {
                    try (java.net.Socket s = dropper.accept()) {
                        accepted.incrementAndGet();
                        s.getInputStream().read(new byte[8192]); // take the request, then hang up without a word
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (SeedanceClient c =
                    TestSupport.client("http://127.0.0.1:" + dropper.getLocalPort() + "/api/v3", clock, sleeper)) {
                assertThatThrownBy(() -> c.tasks().create(CAT)).isInstanceOf(CreateOutcomeUnknownException.class);
            }
        }
        assertThat(accepted.get()).isEqualTo(1);
        assertThat(sleeper.pauses).isEmpty();
    }

    @Test
    void aCreateWithoutAnIdInItsAnswerIsAnUnknownOutcome() {
        server.enqueue(Reply.json(200, "{\"unexpected\":true}"));
        assertThatThrownBy(() -> client.tasks().create(CAT)).isInstanceOf(CreateOutcomeUnknownException.class);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aCreateIsRetriedWhenTheConnectionWasRefusedAndNothingWasSent() throws Exception {
        int port = freePort();
        AtomicReference<ScriptedServer> late = new AtomicReference<>();
        sleeper.onSleep = () -> {
            if (late.get() == null) {
                try {
                    late.set(new ScriptedServer(port).enqueue(Reply.json(200, "{\"id\":\"cgt-after-refusal\"}")));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try (SeedanceClient c = TestSupport.client("http://127.0.0.1:" + port + "/api/v3", clock, sleeper)) {
            assertThat(c.tasks().create(CAT)).isEqualTo("cgt-after-refusal");
        } finally {
            if (late.get() != null) {
                late.get().close();
            }
        }
        assertThat(sleeper.pauses).hasSize(1);
        assertThat(late.get().received()).hasSize(1);
    }

    @Test
    void aCreateThatNeverConnectsFailsPlainlyAfterTheRetries() throws Exception {
        int port = freePort();
        try (SeedanceClient c = TestSupport.client("http://127.0.0.1:" + port + "/api/v3", clock, sleeper)) {
            assertThatThrownBy(() -> c.tasks().create(CAT))
                    .isExactlyInstanceOf(SeedanceIOException.class)
                    .hasMessageContaining("nothing was sent");
        }
        assertThat(sleeper.pauses).hasSize(2);
    }

    @Test
    void aCreateWhoseGateSaysNoSendsNothing() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        assertThatThrownBy(() -> client.tasks()
                        .create(CAT, CreateOptions.defaults().gatedBy(() -> {
                            asked.incrementAndGet();
                            return false;
                        })))
                .isExactlyInstanceOf(SendRefusedException.class)
                .hasMessageContaining("not sent");
        assertThat(asked).hasValue(1);
        assertThat(server.received()).isEmpty();
        // a gate that cannot answer (it throws) is a no as well
        assertThatThrownBy(() -> client.tasks()
                        .create(CAT, CreateOptions.defaults().gatedBy(() -> {
                            throw new IllegalStateException("the database is out of reach");
                        })))
                .isExactlyInstanceOf(SendRefusedException.class);
        assertThat(server.received()).isEmpty();
        server.enqueue(Reply.json(200, "{\"id\":\"cgt-gated\"}"));
        assertThat(client.tasks().create(CAT, CreateOptions.defaults().gatedBy(() -> true)))
                .isEqualTo("cgt-gated");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void theGateIsAskedAgainBeforeEachAttemptAfterARefusedConnection() throws Exception {
        int port = freePort();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (SeedanceClient c = TestSupport.client("http://127.0.0.1:" + port + "/api/v3", clock, sleeper)) {
            // the first attempt finds no server (nothing sent); the gate then says no before the second
            assertThatThrownBy(() ->
                            c.tasks().create(CAT, CreateOptions.defaults().gatedBy(() -> asked.incrementAndGet() == 1)))
                    .isExactlyInstanceOf(SendRefusedException.class);
        }
        assertThat(asked).hasValue(2);
        assertThat(sleeper.pauses).hasSize(1);
    }

    @Test
    void aReadThatNeverConnectsIsAnIoError() throws Exception {
        int port = freePort();
        try (SeedanceClient c = TestSupport.client("http://127.0.0.1:" + port + "/api/v3", clock, sleeper)) {
            assertThatThrownBy(() -> c.tasks().get("cgt-1"))
                    .isInstanceOf(SeedanceIOException.class)
                    .hasMessageContaining("failed after 3 attempts");
        }
    }

    @Test
    void aDeleteWhoseFirstAnswerWasLostCountsTheTaskAsGone() {
        server.enqueue(Reply.error(503, "InternalServiceError", "lost"));
        server.enqueue(Reply.error(404, "NotFound.TaskId", "already deleted"));
        client.tasks().delete("cgt-1");
        assertThat(server.received())
                .extracting(ScriptedServer.Received::method)
                .containsExactly("DELETE", "DELETE");
    }

    @Test
    void aDeleteWhoseFirstAnswerWasLostChecksThatTheTaskIsCancelled() {
        server.enqueue(Reply.error(502, "BadGateway", "lost"));
        server.enqueue(Reply.error(409, "OperationDenied", "already cancelled"));
        server.enqueue(Reply.json(200, TestSupport.taskJson("cgt-1", "cancelled")));
        client.tasks().delete("cgt-1");
        assertThat(server.received())
                .extracting(ScriptedServer.Received::method)
                .containsExactly("DELETE", "DELETE", "GET");
    }

    @Test
    void aDeleteOfAnUnknownTaskIsNotFound() {
        server.enqueue(Reply.error(404, "NotFound.TaskId", "no such task"));
        assertThatThrownBy(() -> client.tasks().delete("cgt-1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anInterruptedReadStopsWithTheFlagSet() {
        server.otherwise(r -> Reply.error(503, "InternalServiceError", "busy"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> client.tasks().get("cgt-1"))
                    .isInstanceOf(SeedanceIOException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
