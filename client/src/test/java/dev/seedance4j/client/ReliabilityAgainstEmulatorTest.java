package dev.seedance4j.client;

import static dev.seedance4j.client.AgainstEmulator.emulator;
import static dev.seedance4j.client.AgainstEmulator.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No create sent twice, reads that ride out faults, and result links that expire, against the emulator. */
class ReliabilityAgainstEmulatorTest {
    @TempDir
    Path dir;

    @Test
    void aCreateWhoseAnswerIsLostIsNeverResentAndIsFoundByReconciling() {
        try (Emulator ark = emulator(b ->
                        b.faults(Faults.builder().dropAfterRate(1).stuckRate(1).build()));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            CreateTaskRequest request = small(Model.SEEDANCE_2_0_FAST, "连接断了").build();

            Throwable thrown = catchThrowable(() -> client.tasks().create(request));
            assertThat(thrown).isInstanceOf(CreateOutcomeUnknownException.class);
            CreateOutcomeUnknownException lost = (CreateOutcomeUnknownException) thrown;

            assertThat(lost.request()).isEqualTo(request);
            assertThat(ark.stats().requests("create")).isEqualTo(1);
            assertThat(ark.stats().creates()).isEqualTo(1);
            // reconcile: created_at has second precision, so widen the window by a second of skew each side
            Instant from = lost.sentAt().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
            Instant to = lost.failedAt().plusSeconds(1);
            List<Task> matches = new ArrayList<>();
            for (Task task : client.tasks()
                    .listAll(
                            ListTasksQuery.builder().model(request.model().id()).build())) {
                if (!task.createdAt().isBefore(from) && !task.createdAt().isAfter(to)) {
                    matches.add(task);
                }
            }
            assertThat(matches).hasSize(1);
            assertThat(matches.get(0).model()).isEqualTo(Model.SEEDANCE_2_0_FAST);
        }
    }

    @Test
    void aCreateThatTimesOutIsNeverResentAlthoughTheServiceGoesOnToMakeTheTask() throws Exception {
        Faults slow = Faults.builder()
                .slowRate(1)
                .slowDelay(Duration.ofMillis(600))
                .stuckRate(1)
                .build();
        try (Emulator ark = emulator(b -> b.faults(slow));
                SeedanceClient client = AgainstEmulator.clientBuilder(ark)
                        .requestTimeout(Duration.ofMillis(200))
                        .maxRetries(3)
                        .build()) {
            assertThatThrownBy(() -> client.tasks()
                            .create(small(Model.SEEDANCE_2_0, "慢吞吞").build()))
                    .isInstanceOf(CreateOutcomeUnknownException.class);
            assertThat(ark.stats().requests("create")).isEqualTo(1);

            // the service finishes the request the client gave up on: exactly the task the client could not know of
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ark.stats().creates() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ark.stats().creates()).isEqualTo(1);
            assertThat(ark.stats().requests("create")).isEqualTo(1);
        }
    }

    @Test
    void readsThatTimeOutAreRetried() {
        Faults sometimesSlow = Faults.builder()
                .slowRate(0.3)
                .slowDelay(Duration.ofMillis(400))
                .stuckRate(1)
                .seed(5)
                .build();
        try (Emulator ark = emulator(b -> b.faults(sometimesSlow));
                SeedanceClient client = AgainstEmulator.clientBuilder(ark)
                        .requestTimeout(Duration.ofMillis(150))
                        .maxRetries(8)
                        .build()) {
            List<String> ids = new ArrayList<>();
            while (ids.size() < 2) {
                try {
                    ids.add(client.tasks()
                            .create(small(Model.SEEDANCE_2_0, "镜头").build()));
                } catch (CreateOutcomeUnknownException timedOut) {
                    // a slow create still makes its task later; this test is about reads, so the extra task does no
                    // harm
                }
            }

            for (int round = 0; round < 6; round++) {
                assertThat(client.tasks().get(ids.get(round % 2)).id()).isEqualTo(ids.get(round % 2));
                assertThat(client.tasks()
                                .list(ListTasksQuery.builder().taskIds(ids).build())
                                .items())
                        .isNotEmpty();
            }
            assertThat(ark.stats().faults("slow")).isPositive();
        }
    }

    @Test
    void readsRideOutServerErrorsAndOverload() {
        // stuck: nothing renders, so the reads measure retries and not a busy CPU
        Faults flaky = Faults.builder()
                .serverErrorRate(0.2)
                .rateLimitRate(0.1)
                .stuckRate(1)
                .seed(7)
                .build();
        try (Emulator ark = emulator(b -> b.faults(flaky).concurrency(1));
                SeedanceClient client =
                        AgainstEmulator.clientBuilder(ark).maxRetries(8).build()) {
            List<String> ids = new ArrayList<>();
            while (ids.size() < 3) {
                try {
                    ids.add(client.tasks()
                            .create(small(Model.SEEDANCE_2_0, "镜头").build()));
                } catch (CreateOutcomeUnknownException | RateLimitException unknown) {
                    // the emulator's 500 and 429 faults create nothing (checked below), so creating again is safe here
                }
            }
            assertThat(ark.stats().creates()).isEqualTo(3);

            for (int round = 0; round < 10; round++) {
                for (String id : ids) {
                    assertThat(client.tasks().get(id).id()).isEqualTo(id);
                }
                assertThat(client.tasks()
                                .list(ListTasksQuery.builder().taskIds(ids).build())
                                .items())
                        .hasSize(3);
            }

            assertThat(ark.stats().faults("5xx")).isPositive();
            assertThat(ark.stats().faults("429")).isPositive();
            assertThat(ark.stats().requests("get") + ark.stats().requests("list"))
                    .isGreaterThan(40);
        }
    }

    @Test
    void anExpiredLinkIsReadAgainOnceThenReportedExpired() throws Exception {
        try (Emulator ark = emulator(b -> {});
                SeedanceClient client = AgainstEmulator.client(ark)) {
            Task done = AgainstEmulator.waiter(client)
                    .await(client.tasks().create(small(Model.SEEDANCE_2_0, "日落").build()));
            assertThat(done.isSucceeded()).isTrue();
            ark.clock().advance(Duration.ofHours(25));
            long getsBefore = ark.stats().requests("get");
            Path target = dir.resolve("sunset.mp4");

            assertThatThrownBy(() -> client.download(done, target))
                    .isInstanceOfSatisfying(ResultExpiredException.class, e -> {
                        assertThat(e.taskId()).isEqualTo(done.id());
                        assertThat(e.httpStatus()).isEqualTo(403);
                    });
            assertThat(ark.stats().requests("get") - getsBefore).isEqualTo(1);
            assertThat(target).doesNotExist();
        }
    }

    @Test
    void aShortLinkLifetimeExpiresTheLinkToo() throws Exception {
        try (Emulator ark = emulator(b -> b.resultUrlTtl(Duration.ofSeconds(1)));
                SeedanceClient client = AgainstEmulator.client(ark)) {
            Task done = AgainstEmulator.waiter(client)
                    .await(client.tasks().create(small(Model.SEEDANCE_2_0, "雨夜").build()));
            Path fresh = client.download(done, dir.resolve("fresh.mp4"));
            assertThat(AgainstEmulator.probe(fresh).video()).isPresent();

            ark.clock().advance(Duration.ofSeconds(2));
            assertThatThrownBy(() -> client.download(done, dir.resolve("late.mp4")))
                    .isInstanceOf(ResultExpiredException.class);
        }
    }

    @Test
    void truncatedDownloadsAreRetriedAndNeverLeaveAPartialFile() throws Exception {
        Faults halfTruncated =
                Faults.builder().truncatedDownloadRate(0.5).seed(3).build();
        try (Emulator ark = emulator(b -> b.faults(halfTruncated));
                SeedanceClient client =
                        AgainstEmulator.clientBuilder(ark).maxRetries(8).build()) {
            Task done = AgainstEmulator.waiter(client)
                    .await(client.tasks().create(small(Model.SEEDANCE_2_0, "海浪").build()));

            for (int i = 0; i < 4; i++) {
                Path copy = client.download(done, dir.resolve("wave-" + i + ".mp4"));
                assertThat(AgainstEmulator.probe(copy).durationSeconds())
                        .isEqualTo(AgainstEmulator.SECONDS, within(0.1));
            }
            assertThat(ark.stats().faults("truncate")).isPositive();
        }
        try (Emulator ark = emulator(
                        b -> b.faults(Faults.builder().truncatedDownloadRate(1).build()));
                SeedanceClient client =
                        AgainstEmulator.clientBuilder(ark).maxRetries(2).build()) {
            Task done = AgainstEmulator.waiter(client)
                    .await(client.tasks().create(small(Model.SEEDANCE_2_0, "海浪").build()));
            Path target = dir.resolve("never.mp4");

            assertThatThrownBy(() -> client.download(done, target)).isInstanceOf(SeedanceIOException.class);
            assertThat(target).doesNotExist();
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("never"));
            }
        }
    }
}
