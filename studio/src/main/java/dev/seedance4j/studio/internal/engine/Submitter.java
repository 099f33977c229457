package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.RunEvent;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.VideoPublisher;
import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.plan.Source;
import dev.seedance4j.studio.internal.store.StudioStore;
import dev.seedance4j.studio.internal.store.TaskRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one shot: build its request, claim the shot by writing the intent (the take is already in the store), create
 * the task, record its remote id. That order is the durable contract: a crash after the intent and before the
 * remote id leaves an intent the {@link Reconciler} resolves against the account's task list, so nothing is sent
 * twice. Errors are read by the {@link ErrorClassifier}.
 */
final class Submitter {
    private static final Logger LOG = LoggerFactory.getLogger(Submitter.class);
    private static final Duration URL_MARGIN = Duration.ofMinutes(30);

    /** What became of one submission. */
    enum Sent {
        /** A task was created, or the create's outcome is unknown and will be reconciled: the shot is in flight. */
        IN_FLIGHT,
        /** Another run of the project holds this shot's open task: this run follows it, nothing was sent. */
        FOLLOWING,
        /** Not created and may be sent later (rate limit, quota): stop submitting for now. */
        LATER,
        /**
         * Every key of the account is at its limit across the workers of the store (team mode): nothing was written
         * or sent; try again when a task ends.
         */
        QUOTA_FULL,
        /** The service could not be reached (nothing was sent): the shot waits, and so do the others. */
        NOT_SENT,
        /** The shot failed for good. */
        FAILED
    }

    private final RunContext run;
    private final RateLimiter limiter;
    private final Supplier<URI> callbackUrl;
    private final Map<Path, Media> inlineCache = new HashMap<>();
    private int created;

    Submitter(RunContext run, RateLimiter limiter, Supplier<URI> callbackUrl) {
        this.run = run;
        this.limiter = limiter;
        this.callbackUrl = callbackUrl;
    }

    /** Creates the engine has made in this run. */
    int created() {
        return created;
    }

    /** Whether the rate limiter lets one more create through now. */
    boolean mayCreate() {
        return limiter.tryAcquire();
    }

    /** Claim the shot → write the intent → create → record the remote id. */
    Sent submit(ShotRun shot) {
        ShotPlan plan = shot.plan;
        CreateTaskRequest request;
        try {
            URI callback = callbackUrl.get();
            request = plan.toRequest(
                    this::resolve,
                    shot.seedOverride,
                    run.options.executionExpiresAfter().orElse(null),
                    callback == null ? null : callback.toString());
        } catch (SeedanceException | StudioException e) {
            run.fail(shot, ReasonCode.INVALID, "cannot build the request: " + e.getMessage());
            return Sent.FAILED;
        }
        String intentId = UUID.randomUUID().toString();
        StudioStore.Claim claim = claim(shot, intentId, request);
        if (claim.quotaFull()) {
            return Sent.QUOTA_FULL;
        }
        shot.takeNo = claim.takeNo();
        shot.phase = ShotRun.Phase.IN_FLIGHT;
        if (claim.alreadyOpen() != null) {
            String remote = claim.alreadyOpen().remoteId();
            run.emit(
                    RunEvent.Kind.RESUMED,
                    plan.key(),
                    "another run of this project is generating it (" + (remote == null ? "create in progress" : remote)
                            + "); following that task, nothing sent",
                    null);
            return Sent.FOLLOWING;
        }
        TaskRecord intent = run.store.task(intentId).orElseThrow();
        String remoteId;
        try {
            remoteId = run.clientOf(claim.keyId()).tasks().create(request);
        } catch (SeedanceException e) {
            return refused(shot, intent, ErrorClassifier.ofCreate(e), e);
        }
        created++;
        try {
            run.store.markSubmitted(intentId, remoteId, run.now());
        } catch (StudioException e) {
            run.unrecorded.put(intentId, remoteId); // paid: kept until the database answers again
            throw e;
        }
        limiter.succeeded();
        run.store.event(plan.key(), "submitted", remoteId + " (take " + shot.takeNo + ")", run.now());
        run.emit(RunEvent.Kind.SUBMITTED, plan.key(), remoteId + " (take " + shot.takeNo + ")", null);
        return Sent.IN_FLIGHT;
    }

    /**
     * The hook of team mode: claiming the shot, checking every key's quota across the workers of the store and
     * writing the intent (leased to this run) is one transaction that other runs and workers respect. Nothing is
     * written when another holds an open task for the shot (it is followed) or when no key has room.
     */
    private StudioStore.Claim claim(ShotRun shot, String intentId, CreateTaskRequest request) {
        ShotPlan plan = shot.plan;
        return run.store.claimIntent(
                new StudioStore.IntentSpec(
                        intentId,
                        plan.key(),
                        shot.takeNo,
                        null,
                        plan.identity(),
                        plan.model().id(),
                        request.seed(),
                        RequestJson.describe(request),
                        plan.estimate().tokens(),
                        Money.micros(plan.estimate().cny())),
                run.lease,
                run.keys,
                run.now());
    }

    private Sent refused(ShotRun shot, TaskRecord intent, ErrorClassifier.Verdict verdict, SeedanceException e) {
        if (verdict instanceof ErrorClassifier.Verdict.Unknown u) {
            run.store.markUnknown(intent.intentId(), u.detail(), run.now());
            run.store.event(shot.plan.key(), "create_unknown", u.detail(), run.now());
            if (u.answered()) {
                // Reconciliation may still adopt the task (the shot is then delivered); it is never sent again here.
                run.fail(
                        shot,
                        ReasonCode.SERVICE_ERROR,
                        "the service accepted the create but answered no task id (" + u.detail()
                                + "); a task may exist and be billed, so it is not sent again: check the account's"
                                + " tasks before running again");
                return Sent.FAILED;
            }
            LOG.warn(
                    "create for {} has an unknown outcome; will reconcile against the task list: {}",
                    shot.plan.key(),
                    u.detail());
            return Sent.IN_FLIGHT;
        }
        if (verdict instanceof ErrorClassifier.Verdict.NotSent n) {
            run.store.fail(intent, "NOT_CREATED", null, n.detail(), false, run.now());
            shot.phase = ShotRun.Phase.WAITING;
            LOG.warn("could not reach the service for {}, nothing was sent: {}", shot.plan.key(), n.detail());
            return Sent.NOT_SENT;
        }
        if (verdict instanceof ErrorClassifier.Verdict.Later l) {
            Duration wait = limiter.backOff(l.retryAfter());
            run.store.fail(intent, "NOT_CREATED", l.code(), l.detail(), false, run.now());
            shot.phase = ShotRun.Phase.WAITING;
            run.emit(
                    RunEvent.Kind.RATE_LIMITED,
                    shot.plan.key(),
                    "429 " + l.code() + "; submissions pause for " + wait.toMillis() + " ms",
                    null);
            return Sent.LATER;
        }
        if (verdict instanceof ErrorClassifier.Verdict.AccountRefused a) {
            run.store.fail(intent, "NOT_CREATED", a.code(), a.detail(), false, run.now());
            shot.phase = ShotRun.Phase.WAITING;
            throw new StudioException(
                    "the service refused the account (" + a.code() + "): " + a.detail() + "; nothing more is sent", e);
        }
        ErrorClassifier.Verdict.Fails f = (ErrorClassifier.Verdict.Fails) verdict;
        run.store.fail(intent, f.reason().name(), f.code(), f.detail(), true, run.now());
        run.fail(shot, f.reason(), f.message());
        return Sent.FAILED;
    }

    /** What the service receives for each input, resolved at the moment of sending. */
    private Media resolve(Source source) {
        if (source instanceof Source.LocalFile f) {
            return inlineCache.computeIfAbsent(f.path(), p -> Media.file(f.checkedPath()));
        }
        if (source instanceof Source.Remote r) {
            return Media.url(r.url());
        }
        if (source instanceof Source.LocalVideo v) {
            VideoPublisher publisher = run.options
                    .videoPublisher()
                    .orElseThrow(() -> new StudioException("local video " + v.path()
                            + " needs a VideoPublisher (StudioOptions.videoPublisher) to get a URL"));
            return Media.url(publisher.publish(v.checkedPath(), Duration.ofHours(24)))
                    .withDuration(Duration.ofMillis(Math.round(v.seconds() * 1000)));
        }
        if (source instanceof Source.LastFrameOf l) {
            TaskRecord dep = run.usableClip(run.planByKey.get(l.shot())).orElseThrow();
            return Media.file(run.outputDir.resolve(dep.lastFramePath()));
        }
        Source.ClipOf c = (Source.ClipOf) source;
        TaskRecord dep = run.usableClip(run.planByKey.get(c.shot())).orElseThrow();
        Duration length = Duration.ofMillis(Math.round(dep.clipSeconds() * 1000));
        if (dep.videoUrl() != null
                && dep.urlExpiresAt() != null
                && dep.urlExpiresAt() > run.now() + URL_MARGIN.toMillis()) {
            return Media.url(dep.videoUrl()).withDuration(length);
        }
        VideoPublisher publisher = run.options
                .videoPublisher()
                .orElseThrow(() -> new StudioException("the result link of " + c.shot()
                        + " has expired; republishing its clip needs a VideoPublisher"));
        return Media.url(publisher.publish(run.outputDir.resolve(dep.clipPath()), Duration.ofHours(24)))
                .withDuration(length);
    }
}
