package dev.seedance4j.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of a list call. Only tasks of the last 7 days are listed.
 *
 * <pre>{@code
 * ListTasksQuery.builder().status(TaskStatus.RUNNING).pageSize(100).build();
 * ListTasksQuery.builder().taskIds(ids).build();       // exact ids, repeated filter.task_ids
 * }</pre>
 *
 * @param pageNum     {@code page_num}, 1–500, or {@code null} for the service default
 * @param pageSize    {@code page_size}, 1–500, or {@code null} for the service default
 * @param status      {@code filter.status}, or {@code null}
 * @param taskIds     {@code filter.task_ids}, sent as repeated keys; empty for no filter
 * @param model       {@code filter.model}: the endpoint id the tasks used, or {@code null}
 * @param serviceTier {@code filter.service_tier}, or {@code null} (the service then may list only {@code default})
 */
public record ListTasksQuery(
        Integer pageNum,
        Integer pageSize,
        TaskStatus status,
        List<String> taskIds,
        String model,
        ServiceTier serviceTier) {

    public ListTasksQuery {
        checkRange("page_num", pageNum);
        checkRange("page_size", pageSize);
        taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
    }

    /** No filter, service defaults for paging. */
    public static ListTasksQuery all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.pageNum = pageNum;
        b.pageSize = pageSize;
        b.status = status;
        b.taskIds.addAll(taskIds);
        b.model = model;
        b.serviceTier = serviceTier;
        return b;
    }

    private static void checkRange(String field, Integer value) {
        if (value != null && (value < 1 || value > 500)) {
            throw new ValidationException(List.of(new Violation(field, value.toString(), "must be within [1, 500]")));
        }
    }

    /** Builds a {@link ListTasksQuery}. */
    public static final class Builder {
        private Integer pageNum;
        private Integer pageSize;
        private TaskStatus status;
        private final List<String> taskIds = new ArrayList<>();
        private String model;
        private ServiceTier serviceTier;

        private Builder() {}

        public Builder pageNum(int pageNum) {
            this.pageNum = pageNum;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder status(TaskStatus status) {
            this.status = status;
            return this;
        }

        public Builder taskId(String taskId) {
            taskIds.add(Objects.requireNonNull(taskId, "task id"));
            return this;
        }

        public Builder taskIds(Collection<String> ids) {
            ids.forEach(this::taskId);
            return this;
        }

        public Builder model(String endpointOrModelId) {
            this.model = endpointOrModelId;
            return this;
        }

        public Builder serviceTier(ServiceTier serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        public ListTasksQuery build() {
            return new ListTasksQuery(pageNum, pageSize, status, taskIds, model, serviceTier);
        }
    }
}
