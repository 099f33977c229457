package dev.seedance4j.client;

import dev.seedance4j.client.internal.HttpTransport;
import dev.seedance4j.client.internal.WireFormat;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The video generation task endpoints: create, get, list, delete, each with an async twin. Obtain it from
 * {@link SeedanceClient#tasks()}; thread-safe.
 *
 * <pre>{@code
 * String id = client.tasks().create(CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "小猫打哈欠").build());
 * Task task = client.tasks().get(id);
 * for (Task t : client.tasks().listAll(ListTasksQuery.builder().status(TaskStatus.RUNNING).build())) { ... }
 * client.tasks().delete(id);   // cancels a queued task, deletes a finished record
 * }</pre>
 *
 * <p>Get, list and delete are retried on network failures, 408, 429 and 5xx. <b>Create is never resent</b> once
 * any byte may have reached the service: see {@link CreateOutcomeUnknownException}.
 */
public final class Tasks {
    private static final String PATH = "contents/generations/tasks";
    // Safe in a URL path and a file name: no dots, no slashes.
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    // What a create may answer (contract §1.3: cgt-<yyyyMMddHHmmss>-<5 alnum>, the suffix alphabet UNCERTAIN).
    private static final Pattern CREATED_ID = Pattern.compile("cgt-[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final int LIST_ALL_PAGE_SIZE = 100;

    private final HttpTransport transport;
    private final HttpTransport.PostPolicy policy;
    private final ModelTable models;
    private final Executor executor;
    private final Runnable ensureOpen;

    Tasks(HttpTransport transport, ModelTable models, long maxResponseBytes, Executor executor, Runnable ensureOpen) {
        this.transport = transport;
        // A create is never resent and a 429 is left to the caller's scheduler: both are decisions about money.
        this.policy = new HttpTransport.PostPolicy(false, false, maxResponseBytes);
        this.models = models;
        this.executor = executor;
        this.ensureOpen = ensureOpen;
    }

    /**
     * Validates {@code request} by its model's rules and creates the task.
     *
     * @return the new task's id ({@code cgt-...})
     * @throws ValidationException            when the request breaks the contract (nothing sent)
     * @throws CreateOutcomeUnknownException  when a task may or may not have been made (never resent)
     * @throws ApiException                   when the service refused it (no task made)
     */
    public String create(CreateTaskRequest request) {
        return create(request, CreateOptions.defaults());
    }

    /**
     * Creates the task, validating as {@code options} say.
     *
     * @throws SendRefusedException when the options' gate said no right before sending (nothing sent)
     */
    public String create(CreateTaskRequest request, CreateOptions options) {
        Objects.requireNonNull(request, "request");
        ensureOpen.run();
        if (options.validate()) {
            RequestValidator.check(request, options.rulesOf() == null ? request.model() : options.rulesOf(), models);
        }
        byte[] body = WireFormat.bytes(WireFormat.createBody(request));
        HttpTransport.Response response = transport.post(
                PATH,
                body,
                request.model().id(),
                policy,
                options.gate(),
                e -> new CreateOutcomeUnknownException(request, e.sentAt(), e.failedAt(), e.getCause()));
        String id;
        try {
            id = WireFormat.text(transport.json(response, "create"), "id");
        } catch (SeedanceException unreadable) {
            id = null;
        }
        if (id == null || !CREATED_ID.matcher(id).matches()) {
            // The service said yes but not to what: the task most likely exists.
            throw new CreateOutcomeUnknownException(
                    request,
                    response.sentAt(),
                    transport.clock().instant(),
                    new SeedanceException("HTTP " + response.status()
                            + (id == null
                                    ? " without a task id"
                                    : " with " + Media.abbreviate(transport.redact(id))
                                            + ", which is not a task id (cgt-…)")
                            + " (client request id " + response.clientRequestId() + ")"));
        }
        return id;
    }

    /** Reads a task. @throws NotFoundException when it does not exist or is older than 7 days */
    public Task get(String taskId) {
        ensureOpen.run();
        HttpTransport.Response response = transport.sendRepeatable("GET", PATH + "/" + checkId(taskId));
        if (!response.isSuccess()) {
            throw transport.toException(response);
        }
        return WireFormat.task(transport.json(response, "get " + taskId));
    }

    /** One page of tasks of the last 7 days matching {@code query}. */
    public TaskPage list(ListTasksQuery query) {
        ensureOpen.run();
        HttpTransport.Response response = transport.sendRepeatable("GET", PATH + queryString(query));
        if (!response.isSuccess()) {
            throw transport.toException(response);
        }
        return WireFormat.page(transport.json(response, "list"));
    }

    /**
     * Every task matching {@code query} (its page number is ignored), fetched page by page as the iteration goes
     * ({@code page_size} of the query, else 100). Each {@code iterator()} starts again from page 1.
     */
    public Iterable<Task> listAll(ListTasksQuery query) {
        int pageSize = query.pageSize() == null ? LIST_ALL_PAGE_SIZE : query.pageSize();
        return () -> new PageIterator(query, pageSize);
    }

    /**
     * Cancels a queued task (it becomes {@code cancelled}) or deletes the record of a finished one.
     *
     * @throws ConflictException when the status does not allow it (running, cancelled)
     * @throws NotFoundException when there is no such task
     */
    public void delete(String taskId) {
        ensureOpen.run();
        HttpTransport.Response response = transport.sendRepeatable("DELETE", PATH + "/" + checkId(taskId));
        if (response.isSuccess()) {
            return;
        }
        // An earlier attempt may have done the job before its answer was lost: then the task is gone (404) or
        // already cancelled (409). Only those two outcomes are taken as success, and only after such an attempt.
        if (response.earlierAttemptMayHaveArrived()) {
            if (response.status() == 404) {
                return;
            }
            if (response.status() == 409
                    && TaskStatus.CANCELLED.equals(get(taskId).status())) {
                return;
            }
        }
        throw transport.toException(response);
    }

    /** {@link #create(CreateTaskRequest)} on the client's executor. */
    public CompletableFuture<String> createAsync(CreateTaskRequest request) {
        return async(() -> create(request));
    }

    /** {@link #create(CreateTaskRequest, CreateOptions)} on the client's executor. */
    public CompletableFuture<String> createAsync(CreateTaskRequest request, CreateOptions options) {
        return async(() -> create(request, options));
    }

    /** {@link #get(String)} on the client's executor. */
    public CompletableFuture<Task> getAsync(String taskId) {
        return async(() -> get(taskId));
    }

    /** {@link #list(ListTasksQuery)} on the client's executor. */
    public CompletableFuture<TaskPage> listAsync(ListTasksQuery query) {
        return async(() -> list(query));
    }

    /** {@link #delete(String)} on the client's executor. */
    public CompletableFuture<Void> deleteAsync(String taskId) {
        return async(() -> {
            delete(taskId);
            return null;
        });
    }

    private <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, executor);
    }

    /**
     * Whether {@code id} is a task id this client puts into a request path ({@link #get}, {@link #delete}): a letter
     * or digit, then up to 127 letters, digits, {@code -} or {@code _} (no dot or slash, so also safe as a file name).
     * An id a list or a get answers that is not one is a hostile or broken answer, best left alone.
     */
    public static boolean isTaskId(String id) {
        return id != null && TASK_ID.matcher(id).matches();
    }

    private static String checkId(String taskId) {
        Objects.requireNonNull(taskId, "task id");
        if (!isTaskId(taskId)) {
            throw new ValidationException(
                    List.of(new Violation("task_id", taskId, "must be a task id such as cgt-20260514183217-t8rzv")));
        }
        return taskId;
    }

    static String queryString(ListTasksQuery q) {
        List<String> params = new ArrayList<>();
        if (q.pageNum() != null) {
            params.add("page_num=" + q.pageNum());
        }
        if (q.pageSize() != null) {
            params.add("page_size=" + q.pageSize());
        }
        if (q.status() != null) {
            params.add("filter.status=" + encode(q.status().value()));
        }
        for (String id : q.taskIds()) {
            params.add("filter.task_ids=" + encode(id));
        }
        if (q.model() != null) {
            params.add("filter.model=" + encode(q.model()));
        }
        if (q.serviceTier() != null) {
            params.add("filter.service_tier=" + encode(q.serviceTier().value()));
        }
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Walks the pages lazily; stops at an empty or short page, or when {@code total} items were seen. */
    private final class PageIterator implements Iterator<Task> {
        private final ListTasksQuery query;
        private final int pageSize;
        private Iterator<Task> current = List.<Task>of().iterator();
        private int nextPage = 1;
        private long seen;
        private boolean exhausted;

        PageIterator(ListTasksQuery query, int pageSize) {
            this.query = query;
            this.pageSize = pageSize;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !exhausted) {
                TaskPage page = list(
                        query.toBuilder().pageNum(nextPage).pageSize(pageSize).build());
                nextPage++;
                seen += page.items().size();
                exhausted = page.items().size() < pageSize || seen >= page.total() || nextPage > 500;
                current = page.items().iterator();
            }
            return current.hasNext();
        }

        @Override
        public Task next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
