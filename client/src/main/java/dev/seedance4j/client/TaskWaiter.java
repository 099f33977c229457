package dev.seedance4j.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until tasks are terminal (succeeded, failed, cancelled, expired) or a deadline passes. Video tasks run for
 * minutes, so polls start at {@code initialInterval} and grow by {@code multiplier} up to {@code maxInterval}.
 * Many tasks are polled together: one list call per round per {@code batchSize} ids ({@code filter.task_ids});
 * a task the list does not return (e.g. on another service tier) is read on its own.
 *
 * <pre>{@code
 * TaskWaiter waiter = TaskWaiter.builder(client)
 *     .timeout(Duration.ofMinutes(30))
 *     .listener((before, now) -> System.out.println(now.id() + " " + now.status()))
 *     .build();
 * Task one = waiter.await(id);
 * Map<String, Task> all = waiter.awaitAll(ids);   // every id -> its terminal state
 * }</pre>
 *
 * <p>Transient failures while polling (network, 429, 5xx after the client's own retries) are logged and the next
 * round tries again; other errors end the wait. Waiting is interruptible.
 */
public final class TaskWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWaiter.class);

    private final SeedanceClient client;
    private final Duration timeout;
    private final Duration initialInterval;
    private final Duration maxInterval;
    private final double multiplier;
    private final int batchSize;
    private final WaitListener listener;

    private TaskWaiter(Builder b) {
        this.client = b.client;
        this.timeout = b.timeout;
        this.initialInterval = b.initialInterval;
        this.maxInterval = b.maxInterval;
        this.multiplier = b.multiplier;
        this.batchSize = b.batchSize;
        this.listener = b.listener;
    }

    public static Builder builder(SeedanceClient client) {
        return new Builder(client);
    }

    /**
     * Waits for one task.
     *
     * @return its terminal state
     * @throws WaitTimeoutException when the deadline passes first
     * @throws InterruptedException when the thread is interrupted
     */
    public Task await(String taskId) throws InterruptedException {
        return awaitAll(List.of(taskId)).get(taskId);
    }

    /**
     * Waits for every task of {@code taskIds}.
     *
     * @return each id (in the given order) with its terminal state
     * @throws WaitTimeoutException when the deadline passes first; it holds the last state of each task
     * @throws InterruptedException when the thread is interrupted
     */
    public Map<String, Task> awaitAll(Collection<String> taskIds) throws InterruptedException {
        Set<String> ids = new LinkedHashSet<>(taskIds);
        Clock clock = client.clock();
        Instant deadline = clock.instant().plus(timeout);
        Map<String, Task> seen = new LinkedHashMap<>();
        Duration interval = initialInterval;
        while (true) {
            List<String> pending = ids.stream()
                    .filter(id -> !seen.containsKey(id) || !seen.get(id).isTerminal())
                    .toList();
            if (pending.isEmpty()) {
                Map<String, Task> result = new LinkedHashMap<>();
                ids.forEach(id -> result.put(id, seen.get(id)));
                return result;
            }
            poll(pending, seen);
            pending = pending.stream()
                    .filter(id -> !seen.containsKey(id) || !seen.get(id).isTerminal())
                    .toList();
            if (pending.isEmpty()) {
                continue;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new WaitTimeoutException(
                        pending.size() + " of " + ids.size() + " tasks not finished after " + timeout + ": " + pending,
                        seen,
                        pending);
            }
            client.sleeper().sleep(interval.compareTo(left) < 0 ? interval : left);
            interval = next(interval);
        }
    }

    private void poll(List<String> pending, Map<String, Task> seen) throws InterruptedException {
        try {
            if (pending.size() == 1) {
                record(client.tasks().get(pending.get(0)), seen);
                return;
            }
            for (int from = 0; from < pending.size(); from += batchSize) {
                List<String> chunk = pending.subList(from, Math.min(from + batchSize, pending.size()));
                TaskPage page = client.tasks()
                        .list(ListTasksQuery.builder()
                                .pageNum(1)
                                .pageSize(chunk.size())
                                .taskIds(chunk)
                                .build());
                List<String> missing = new ArrayList<>(chunk);
                for (Task task : page.items()) {
                    if (missing.remove(task.id())) {
                        record(task, seen);
                    }
                }
                for (String id : missing) {
                    record(client.tasks().get(id), seen);
                }
            }
        } catch (SeedanceIOException | ServerException | RateLimitException transientFailure) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while polling");
            }
            LOG.warn(
                    "polling {} tasks failed, trying again next round: {}",
                    pending.size(),
                    transientFailure.getMessage());
        }
    }

    private void record(Task task, Map<String, Task> seen) {
        Task previous = seen.put(task.id(), task);
        if (listener != null && (previous == null || !Objects.equals(previous.status(), task.status()))) {
            listener.onStatusChange(previous, task);
        }
    }

    private Duration next(Duration interval) {
        Duration grown = Duration.ofMillis(Math.round(interval.toMillis() * multiplier));
        return grown.compareTo(maxInterval) > 0 ? maxInterval : grown;
    }

    /** Configures a {@link TaskWaiter}. */
    public static final class Builder {
        private final SeedanceClient client;
        private Duration timeout = Duration.ofHours(1);
        private Duration initialInterval = Duration.ofSeconds(5);
        private Duration maxInterval = Duration.ofSeconds(30);
        private double multiplier = 1.5;
        private int batchSize = 100;
        private WaitListener listener;

        private Builder(SeedanceClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** How long to wait in total (default 1 hour). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Pauses between rounds: from {@code initial}, times {@code multiplier}, up to {@code max}. */
        public Builder interval(Duration initial, Duration max, double multiplier) {
            if (multiplier < 1) {
                throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
            }
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
            }
            this.initialInterval = initial;
            this.maxInterval = max;
            this.multiplier = multiplier;
            return this;
        }

        /** Ids per list call, 1–500 (default 100). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 500) {
                throw new IllegalArgumentException("batchSize must be within [1, 500]: " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Told of every status change. */
        public Builder listener(WaitListener listener) {
            this.listener = listener;
            return this;
        }

        public TaskWaiter build() {
            return new TaskWaiter(this);
        }
    }
}
