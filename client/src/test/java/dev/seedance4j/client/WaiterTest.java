package dev.seedance4j.client;

import static dev.seedance4j.client.ScriptedServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The waiter: batch polling through list, backoff, listener, deadline, interruption. */
class WaiterTest extends LoopbackTest {
    /** How many polls each task answers "running" before it succeeds. */
    private final Map<String, Integer> runningPolls = new ConcurrentHashMap<>();

    @BeforeEach
    void script() {
        server.otherwise(r -> {
            if (r.path().endsWith("/tasks")) {
                List<String> items = new ArrayList<>();
                for (String id : r.queryValues("filter.task_ids")) {
                    if (!id.equals("cgt-flex")) { // a flex task the default-tier list does not show
                        items.add(state(id));
                    }
                }
                return Reply.json(200, "{\"total\":" + items.size() + ",\"items\":[" + String.join(",", items) + "]}");
            }
            String id = r.path().substring(r.path().lastIndexOf('/') + 1);
            return Reply.json(200, state(id));
        });
    }

    private String state(String id) {
        int left = runningPolls.merge(id, -1, Integer::sum);
        return TestSupport.taskJson(id, left >= 0 ? "running" : id.startsWith("cgt-bad") ? "failed" : "succeeded");
    }

    @Test
    void manyTasksArePolledWithOneListCallPerBatch() throws Exception {
        List<String> ids = List.of("cgt-0", "cgt-1", "cgt-2", "cgt-3", "cgt-bad4");
        ids.forEach(id -> runningPolls.put(id, 2));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        TaskWaiter waiter = TaskWaiter.builder(client)
                .batchSize(2)
                .interval(Duration.ofSeconds(5), Duration.ofSeconds(8), 1.5)
                .listener((before, now) ->
                        events.add(now.id() + ":" + (before == null ? "-" : before.status()) + "->" + now.status()))
                .build();

        Map<String, Task> done = waiter.awaitAll(ids);

        assertThat(done.keySet()).containsExactlyElementsOf(ids);
        assertThat(done.get("cgt-0").status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(done.get("cgt-bad4").status()).isEqualTo(TaskStatus.FAILED);
        // 3 rounds × 3 list calls (2 + 2 + 1 ids), never a get
        assertThat(server.received()).hasSize(9).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/v3/contents/generations/tasks");
            assertThat(r.queryValues("filter.task_ids")).hasSizeBetween(1, 2);
            assertThat(r.queryValues("page_size"))
                    .containsExactly(
                            String.valueOf(r.queryValues("filter.task_ids").size()));
        });
        assertThat(server.received().subList(0, 3))
                .flatExtracting(r -> r.queryValues("filter.task_ids"))
                .containsExactlyElementsOf(ids);
        assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(5), Duration.ofMillis(7500));
        assertThat(events)
                .contains("cgt-0:-->running", "cgt-0:running->succeeded", "cgt-bad4:running->failed")
                .hasSize(10);
    }

    @Test
    void aTaskTheListDoesNotShowIsReadOnItsOwn() throws Exception {
        Map<String, Task> done = client.waiter().awaitAll(List.of("cgt-a", "cgt-flex"));
        assertThat(done.values()).allSatisfy(t -> assertThat(t.isSucceeded()).isTrue());
        assertThat(server.received())
                .extracting(ScriptedServer.Received::path)
                .containsExactly("/api/v3/contents/generations/tasks", "/api/v3/contents/generations/tasks/cgt-flex");
    }

    @Test
    void oneTaskIsPolledWithGet() throws Exception {
        runningPolls.put("cgt-one", 1);
        Task task = client.waiter().await("cgt-one");
        assertThat(task.isSucceeded()).isTrue();
        assertThat(server.received())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.path()).endsWith("/tasks/cgt-one"));
    }

    @Test
    void theDeadlineEndsTheWaitWithTheLastStates() {
        runningPolls.put("cgt-slow", 1000);
        runningPolls.put("cgt-quick", 0);
        TaskWaiter waiter = TaskWaiter.builder(client)
                .timeout(Duration.ofSeconds(60))
                .interval(Duration.ofSeconds(10), Duration.ofSeconds(40), 2)
                .build();
        assertThatThrownBy(() -> waiter.awaitAll(List.of("cgt-slow", "cgt-quick")))
                .isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
                    assertThat(e.unfinished()).containsExactly("cgt-slow");
                    assertThat(e.lastSeen().get("cgt-slow").status()).isEqualTo(TaskStatus.RUNNING);
                    assertThat(e.lastSeen().get("cgt-quick").status()).isEqualTo(TaskStatus.SUCCEEDED);
                });
        // 10 + 20 + 30 (cut to the deadline) = 60 s, then one last poll
        assertThat(sleeper.pauses)
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    @Test
    void transientPollFailuresAreRiddenOut() throws Exception {
        server.enqueue(Reply.error(503, "InternalServiceError", "a"));
        server.enqueue(Reply.error(503, "InternalServiceError", "b"));
        server.enqueue(Reply.error(503, "InternalServiceError", "c"));
        Task task = client.waiter().await("cgt-x");
        assertThat(task.isSucceeded()).isTrue();
        assertThat(server.received()).hasSize(4);
    }

    @Test
    void fatalPollFailuresEndTheWait() {
        server.enqueue(Reply.error(401, "AuthenticationError", "bad key"));
        assertThatThrownBy(() -> client.waiter().await("cgt-x")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void waitingIsInterruptible() {
        runningPolls.put("cgt-forever", 1000);
        sleeper.onSleep = () -> Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> client.waiter().await("cgt-forever")).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(server.received().size()).isLessThanOrEqualTo(2);
    }
}
