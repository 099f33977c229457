package dev.seedance4j.client;

import static dev.seedance4j.client.AgainstEmulator.emulator;
import static dev.seedance4j.client.AgainstEmulator.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Every error the emulator can produce arrives as the right typed exception (each test on its own emulator). */
class ErrorsAgainstEmulatorTest {

    @Test
    void serviceValidationWhenTheClientSkipsItsOwn() {
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            CreateTaskRequest tooLong =
                    small(Model.SEEDANCE_2_0, "一个很长的镜头").duration(99).build();
            assertThatThrownBy(() -> client.tasks().create(tooLong)).isInstanceOf(ValidationException.class);

            assertThatThrownBy(() -> client.tasks().create(tooLong, CreateOptions.skipValidation()))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("InvalidParameter");
                        assertThat(e.param()).contains("duration");
                        assertThat(e.requestId()).isPresent();
                    });
            assertThat(ark.stats().creates()).isZero();
            assertThat(ark.stats().requests("create")).isEqualTo(1); // the client-side refusal sent nothing
        }
    }

    @Test
    void wrongKeyIsAnAuthenticationErrorThatNeverShowsTheKey() {
        try (Emulator ark = emulator(b -> b.apiKeys("the-only-good-key"));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            assertThatThrownBy(() -> client.tasks().list(ListTasksQuery.all()))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("AuthenticationError");
                        assertThat(e.getMessage()).doesNotContain(AgainstEmulator.API_KEY);
                    });
            try (SeedanceClient good = AgainstEmulator.clientBuilder(ark)
                    .apiKey("the-only-good-key")
                    .build()) {
                assertThat(good.tasks().list(ListTasksQuery.all()).total()).isZero();
            }
        }
    }

    @Test
    void unknownModelAndUnknownTaskAreNotFound() {
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            CreateTaskRequest unknownModel =
                    small(Model.of("doubao-seedance-9-9-991231"), "未来的模型").build();
            assertThatThrownBy(() -> client.tasks().create(unknownModel, CreateOptions.skipValidation()))
                    .isInstanceOfSatisfying(
                            NotFoundException.class,
                            e -> assertThat(e.code()).isEqualTo("InvalidEndpointOrModel.NotFound"));

            String missing = "cgt-20260514103217-nope1";
            assertThatThrownBy(() -> client.tasks().get(missing))
                    .isInstanceOfSatisfying(
                            NotFoundException.class, e -> assertThat(e.code()).isEqualTo("NotFound.TaskId"));
            assertThatThrownBy(() -> client.tasks().delete(missing)).isInstanceOf(NotFoundException.class);
            assertThat(ark.stats().creates()).isZero();
        }
    }

    @Test
    void tooManyCreatesPerMinuteIsARateLimit() {
        try (Emulator ark = emulator(
                        b -> b.rpm(2).faults(Faults.builder().stuckRate(1).build()));
                SeedanceClient client =
                        AgainstEmulator.clientBuilder(ark).maxRetries(1).build()) {
            client.tasks().create(small(Model.SEEDANCE_2_0, "一").build());
            client.tasks().create(small(Model.SEEDANCE_2_0, "二").build());

            assertThatThrownBy(() ->
                            client.tasks().create(small(Model.SEEDANCE_2_0, "三").build()))
                    .isInstanceOfSatisfying(RateLimitException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(429);
                        assertThat(e.code()).isEqualTo("ModelAccountRpmRateLimitExceeded");
                    });
            assertThat(ark.stats().creates()).isEqualTo(2);
        }
    }

    @Test
    void aFullQueueIsQuotaExceededAndNotRetried() {
        try (Emulator ark = emulator(b -> b.concurrency(1)
                        .queueLimit(1)
                        .faults(Faults.builder().stuckRate(1).build()));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            client.tasks().create(small(Model.SEEDANCE_2_0, "运行中").build());
            client.tasks().create(small(Model.SEEDANCE_2_0, "排队中").build());

            assertThatThrownBy(() -> client.tasks()
                            .create(small(Model.SEEDANCE_2_0, "排不上").build()))
                    .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(429);
                        assertThat(e.code()).isEqualTo("QuotaExceeded");
                    });
            assertThat(ark.stats().requests("create")).isEqualTo(3);
            assertThat(ark.stats().creates()).isEqualTo(2);
        }
    }

    @Test
    void serverErrorsEndInServerExceptionOnReadsAndAnUnknownOutcomeOnCreate() {
        try (Emulator ark = emulator(
                        b -> b.faults(Faults.builder().serverErrorRate(1).build()));
                SeedanceClient client =
                        AgainstEmulator.clientBuilder(ark).maxRetries(2).build()) {
            assertThatThrownBy(() -> client.tasks().list(ListTasksQuery.all()))
                    .isInstanceOfSatisfying(ServerException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(500);
                        assertThat(e.code()).isEqualTo("InternalServiceError");
                    });
            assertThat(ark.stats().requests("list")).isEqualTo(3);

            // a 500 does not say whether the task was made: never resent
            assertThatThrownBy(() -> client.tasks()
                            .create(small(Model.SEEDANCE_2_0, "服务出错").build()))
                    .isInstanceOf(CreateOutcomeUnknownException.class);
            assertThat(ark.stats().requests("create")).isEqualTo(1);
        }
    }

    @Test
    void moderatedPromptIsRefusedAsInputModeration() {
        try (Emulator ark = emulator(b -> b.moderatedWords("血腥"));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            assertThatThrownBy(() -> client.tasks()
                            .create(small(Model.SEEDANCE_2_0, "一个血腥的场面").build()))
                    .isInstanceOfSatisfying(ContentModerationException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("InputTextSensitiveContentDetected");
                        assertThat(e.isInput()).isTrue();
                        assertThat(e.isOutput()).isFalse();
                    });
            assertThat(ark.stats().creates()).isZero();
        }
    }

    @Test
    void moderatedOutputIsAFailedTaskThatCostsNothing() throws Exception {
        try (Emulator ark = emulator(
                        b -> b.faults(Faults.builder().outputModerationRate(1).build()));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            CreateTaskRequest request = small(Model.SEEDANCE_2_0, "平静的湖面").build();
            Task done = AgainstEmulator.waiter(client).await(client.tasks().create(request));

            assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(done.error().code()).isEqualTo("OutputVideoSensitiveContentDetected.PolicyViolation");
            assertThat(done.error().isModeration()).isTrue();
            assertThat(done.videoUrl()).isNull();
            assertThat(CostEstimator.defaults().actualCny(request, done)).isEqualByComparingTo(BigDecimal.ZERO);
            assertThat(ark.stats().tokensBilled()).isZero();
        }
    }
}
