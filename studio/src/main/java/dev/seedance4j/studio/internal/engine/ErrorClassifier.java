package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.client.ApiException;
import dev.seedance4j.client.AuthenticationException;
import dev.seedance4j.client.BadRequestException;
import dev.seedance4j.client.ContentModerationException;
import dev.seedance4j.client.CreateOutcomeUnknownException;
import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.PermissionDeniedException;
import dev.seedance4j.client.QuotaExceededException;
import dev.seedance4j.client.RateLimitException;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.SeedanceIOException;
import dev.seedance4j.client.SendRefusedException;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.studio.ReasonCode;
import java.time.Duration;

/**
 * The one place that turns what the service answered into what the engine does and what the user reads: a create's
 * error into a {@link Verdict}, a failed task's error code into a {@link ReasonCode}. Every message that ends a shot
 * carries the reason's remedy.
 */
final class ErrorClassifier {
    private ErrorClassifier() {}

    /** What to do after a create call threw. */
    sealed interface Verdict {
        /**
         * The create may have made a task: keep the intent open and reconcile it against the task list. When
         * {@code answered}, the service accepted the create but its answer named no task id: a task most likely
         * exists, so the shot is not sent again in this run even if the task list does not show it.
         */
        record Unknown(String detail, boolean answered) implements Verdict {}

        /** The service could not be reached and the client says nothing was sent: not created. */
        record NotSent(String detail) implements Verdict {}

        /**
         * The run's lease on the intent lapsed before sending (its fence said no): nothing was sent, and the intent
         * is its holder's to settle.
         */
        record Fenced(String detail) implements Verdict {}

        /** Not created, and it may be sent again later: wait {@code retryAfter} (null = the limiter's back-off). */
        record Later(String code, String detail, Duration retryAfter) implements Verdict {}

        /** The account was refused: nothing more may be sent in this run. */
        record AccountRefused(String code, String detail) implements Verdict {}

        /**
         * The shot fails for good with {@code reason}: {@code detail} is the service's words (kept on the task),
         * {@code message} what the shot ends with (with the remedy).
         */
        record Fails(ReasonCode reason, String code, String detail, String message) implements Verdict {}
    }

    static Verdict ofCreate(SeedanceException e) {
        if (e instanceof CreateOutcomeUnknownException) {
            // the client's words for a 2xx answer without a usable id (see Tasks.create)
            String detail = e.getMessage();
            boolean answered =
                    detail != null && (detail.contains("not a task id") || detail.contains("without a task id"));
            return new Verdict.Unknown(detail, answered);
        }
        if (e instanceof SendRefusedException) {
            return new Verdict.Fenced(e.getMessage());
        }
        if (e instanceof SeedanceIOException) {
            // a create that may have reached the service is a CreateOutcomeUnknownException; this one did not
            return new Verdict.NotSent(e.getMessage());
        }
        if (e instanceof RateLimitException r) {
            return new Verdict.Later(r.code(), e.getMessage(), r.retryAfter().orElse(null));
        }
        if (e instanceof QuotaExceededException q) {
            return new Verdict.Later(q.code(), e.getMessage(), null);
        }
        if (e instanceof AuthenticationException || e instanceof PermissionDeniedException) {
            ApiException a = (ApiException) e;
            return new Verdict.AccountRefused(a.code(), a.serverMessage());
        }
        if (e instanceof ContentModerationException m) {
            ReasonCode reason = m.code().contains("PrivacyInformation") ? ReasonCode.REAL_FACE : ReasonCode.MODERATION;
            return new Verdict.Fails(
                    reason, m.code(), m.serverMessage(), m.code() + ": " + m.serverMessage() + "; " + reason.remedy());
        }
        if (e instanceof BadRequestException || e instanceof NotFoundException || e instanceof ValidationException) {
            String code = e instanceof ApiException a ? a.code() : "ValidationException";
            return new Verdict.Fails(ReasonCode.INVALID, code, e.getMessage(), e.getMessage());
        }
        // Anything else may have reached the service: the outcome is unknown until reconciled.
        return new Verdict.Unknown(e.getMessage(), false);
    }

    /** The reason of a task the service failed (or a refused create), from its error code. */
    static ReasonCode ofTaskError(String code) {
        if (code == null) {
            return ReasonCode.SERVICE_ERROR;
        }
        if (code.contains("PrivacyInformation")) {
            return ReasonCode.REAL_FACE;
        }
        return code.contains("SensitiveContent") ? ReasonCode.MODERATION : ReasonCode.SERVICE_ERROR;
    }

    /** Output moderation may pass with another seed; input moderation never does. */
    static boolean rerollable(ReasonCode reason, String code) {
        return reason == ReasonCode.MODERATION && code != null && code.startsWith("Output");
    }

    /** The message a shot ends with when its task failed: the service's words and the remedy. */
    static String taskFailure(ReasonCode reason, String code, String message) {
        return code + ": " + message + (reason == ReasonCode.SERVICE_ERROR ? "" : "; " + reason.remedy());
    }
}
