package dev.seedance4j.client;

import java.time.Instant;

/**
 * A create request was sent (at least partly) but no answer came back, or the answer was a server error: a task
 * may or may not exist and may be billed. The client never resends such a request. To reconcile, list the tasks
 * created in the window {@link #sentAt()} … {@link #failedAt()} (plus clock skew) and compare them with
 * {@link #request()}; only when none matches is it safe to create again.
 *
 * <pre>{@code
 * try {
 *     id = client.tasks().create(request);
 * } catch (CreateOutcomeUnknownException e) {
 *     // find it: tasks with created_at within [e.sentAt() - skew, e.failedAt() + skew] and the same model
 * }
 * }</pre>
 */
public class CreateOutcomeUnknownException extends OutcomeUnknownException {
    private final transient CreateTaskRequest request;

    public CreateOutcomeUnknownException(CreateTaskRequest request, Instant sentAt, Instant failedAt, Throwable cause) {
        super(
                "create " + request.model() + " may or may not have made a task (sent " + sentAt + ", failed "
                        + failedAt + ": " + cause.getMessage() + "); not resent. Reconcile through list before creating"
                        + " again.",
                sentAt,
                failedAt,
                1,
                cause);
        this.request = request;
    }

    /** The request whose outcome is unknown. */
    public CreateTaskRequest request() {
        return request;
    }
}
