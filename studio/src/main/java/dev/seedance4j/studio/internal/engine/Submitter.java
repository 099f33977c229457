package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.client.CreateOptions;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends shots: build each request, claim the shot by writing the intent (the take is already in the store, or made
 * with it), create the task, record its remote id. That order is the durable contract: a crash after the intent and before the
 * remote id leaves an intent the {@link Reconciler} resolves against the account's task list, so nothing is sent
 * twice. Errors are read by the {@link ErrorClassifier}.
 */
final class Submitter implements AutoCloseable {
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
        /**
         * This run's lease on the intent lapsed before the create was sent (its fence): nothing was sent. The intent
         * is closed as not created when nobody took it over (the shot waits to be sent again), else left to the
         * worker that did, and the shot follows it.
         */
        FENCED,
        /** The shot failed for good. */
        FAILED
    }

    private final RunContext run;
    private final RateLimiter limiter;
    private final Supplier<URI> callbackUrl;
    private final Map<Path, Media> inlineCache = new HashMap<>();
    /** Creates of one batch go out together, so that tasks started together finish together. */
    private final ExecutorService pool;

    private int created;

    Submitter(RunContext run, RateLimiter limiter, Supplier<URI> callbackUrl) {
        this.run = run;
        this.limiter = limiter;
        this.callbackUrl = callbackUrl;
        AtomicInteger n = new AtomicInteger();
        // as many creates at once as the run's keys together may have in flight (at most 16)
        int inFlight =
                run.keys.stream().mapToInt(StudioStore.KeyQuota::maxInFlight).sum();
        this.pool = Executors.newFixedThreadPool(Math.min(16, inFlight), r -> {
            Thread t = new Thread(r, "seedance-create-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the create threads (the batch in progress, if any, has been taken). */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Creates the engine has made in this run. */
    int created() {
        return created;
    }

    /** Whether the rate limiter lets one more create through now. */
    boolean mayCreate() {
        return limiter.tryAcquire();
    }

    /**
     * Sends a batch of shots: for each, claim the shot and write the intent (here, one after the other), then the
     * creates go out in parallel, each recording its remote id the moment the service answers, and the outcomes
     * are taken here in order. Returns what became of each shot, in the batch's order.
     */
    List<Sent> submit(List<ShotRun> shots) {
        List<Sent> sent = new ArrayList<>();
        List<Prepared> ready = new ArrayList<>();
        boolean quotaFull = false;
        for (ShotRun shot : shots) {
            // once every key is full the batch's other claims would only take the store's locks to find it so
            Prepared p = quotaFull ? new Prepared(shot, null, null, Sent.QUOTA_FULL) : claim(shot);
            quotaFull = p.outcome == Sent.QUOTA_FULL;
            ready.add(p);
            sent.add(p.outcome);
        }
        List<CompletableFuture<Created>> creates = new ArrayList<>();
        for (Prepared p : ready) {
            creates.add(p.outcome != null ? null : CompletableFuture.supplyAsync(() -> create(p), pool));
        }
        StudioException accountRefused = null;
        for (int i = 0; i < shots.size(); i++) {
            if (creates.get(i) == null) {
                continue;
            }
            Created created = creates.get(i).join();
            try {
                sent.set(i, record(ready.get(i), created));
            } catch (StudioException e) {
                accountRefused = e; // the others' outcomes are taken first
                sent.set(i, Sent.LATER);
            }
        }
        if (accountRefused != null) {
            throw accountRefused;
        }
        return sent;
    }

    /** A shot whose intent is written and whose create may go out ({@code outcome} null), or what became of it. */
    private record Prepared(ShotRun shot, TaskRecord intent, CreateTaskRequest request, Sent outcome) {}

    /** What the create call gave: the remote id (already recorded), or the error. */
    private record Created(String remoteId, SeedanceException error) {}

    /** Step 1, on the conductor: build the request, claim the shot by writing its intent. */
    private Prepared claim(ShotRun shot) {
        ShotPlan plan = shot.plan;
        CreateTaskRequest request;
        try {
            URI callback = callbackUrl.get();
            request = plan.toRequest(
                    this::resolve,
                    shot.seedOverride,
                    // every shot's last frame from the service: a small download, where taking it from the clip
                    // costs this machine a decode (160 of them cost a 200-shot run on 2 cores 6 % of its makespan)
                    true,
                    run.options.executionExpiresAfter().orElse(null),
                    callback == null ? null : callback.toString());
        } catch (SeedanceException | StudioException e) {
            run.fail(shot, ReasonCode.INVALID, "cannot build the request: " + e.getMessage());
            return new Prepared(shot, null, null, Sent.FAILED);
        }
        String intentId = UUID.randomUUID().toString();
        StudioStore.Claim claim = writeIntent(shot, intentId, request);
        if (claim.quotaFull()) {
            return new Prepared(shot, null, null, Sent.QUOTA_FULL);
        }
        shot.takeNo = claim.takeNo();
        shot.phase = ShotRun.Phase.IN_FLIGHT;
        if (claim.alreadyOpen() != null) {
            // the conductor follows it to its end (or, delivered already, to its clip) through the store
            run.emit(RunEvent.Kind.RESUMED, plan.key(), RunContext.followingMessage(claim.alreadyOpen()), null);
            return new Prepared(shot, null, null, Sent.FOLLOWING);
        }
        return new Prepared(shot, run.store.task(intentId).orElseThrow(), request, null);
    }

    /**
     * Step 2, on a create thread: the create call, sent only while this run still holds the intent (asked right
     * before sending, see {@link RunContext#maySend}), and the remote id recorded right after.
     */
    private Created create(Prepared p) {
        String remoteId;
        String intentId = p.intent.intentId();
        try {
            remoteId = run.clientOf(p.intent)
                    .tasks()
                    .create(p.request, CreateOptions.defaults().gatedBy(() -> run.maySend(intentId)));
        } catch (SeedanceException e) {
            return new Created(null, e);
        } catch (RuntimeException e) { // never lose a create's outcome: the intent is reconciled
            return new Created(null, new SeedanceException("the create failed unexpectedly: " + e, e));
        }
        try {
            if (!run.store.markSubmitted(intentId, remoteId, run.now())) {
                // the intent was taken over and settled while this create was on its way (a stall longer than the
                // grace): the task exists and was paid, and the store already names another outcome
                String found =
                        run.store.task(intentId).map(TaskRecord::remoteId).orElse(null);
                if (!remoteId.equals(found)) {
                    LOG.warn(
                            "created {} for {} after another worker settled its intent ({}): paid, and not recorded",
                            remoteId,
                            p.shot.plan.key(),
                            found == null ? "as not created" : "as " + found);
                    run.store.event(
                            p.shot.plan.key(),
                            "created_late",
                            remoteId + " was created after another worker settled its intent; it is paid and not"
                                    + " followed",
                            run.now());
                }
            }
        } catch (StudioException e) {
            // paid: kept until the database answers again (the conductor records it first, see Engine)
            run.unrecorded.put(p.intent.intentId(), remoteId);
            LOG.warn("the remote id {} could not be recorded yet: {}", remoteId, e.getMessage());
        }
        return new Created(remoteId, null);
    }

    /** Step 3, on the conductor: what the create gave becomes the shot's state and the run's events. */
    private Sent record(Prepared p, Created created) {
        ShotRun shot = p.shot;
        if (created.error != null) {
            return refused(shot, p.intent, ErrorClassifier.ofCreate(created.error), created.error);
        }
        this.created++;
        limiter.succeeded();
        String what = created.remoteId + " (take " + shot.takeNo + ")";
        run.store.event(shot.plan.key(), "submitted", what, run.now());
        run.emit(RunEvent.Kind.SUBMITTED, shot.plan.key(), what, null);
        return Sent.IN_FLIGHT;
    }

    /**
     * The hook of team mode: claiming the shot, checking every key's quota across the workers of the store and
     * writing the intent (leased to this run) is one transaction that other runs and workers respect. Nothing is
     * written when another holds an open task for the shot (it is followed) or when no key has room.
     */
    private StudioStore.Claim writeIntent(ShotRun shot, String intentId, CreateTaskRequest request) {
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
                        Money.micros(plan.estimate().cny()),
                        shot.knownDelivered),
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
        if (verdict instanceof ErrorClassifier.Verdict.Fenced f) {
            LOG.warn("create for {} not sent: {}", shot.plan.key(), f.detail());
            // Only the holder sends, and this run sent nothing for it: while nobody took the intent over, it is
            // closed as not created here, for certain (a look at the task list could only mistake another
            // worker's task for it). Taken over, it is the taker's to settle, and this run follows the outcome.
            boolean stillOurs =
                    run.store.task(intent.intentId()).filter(run::holds).isPresent();
            if (stillOurs
                    && run.store.markNotCreated(
                            intent.intentId(),
                            "not sent: the lease lapsed before sending (" + f.detail() + ")",
                            run.now())) {
                shot.phase = ShotRun.Phase.WAITING;
                return Sent.FENCED;
            }
            run.emit(
                    RunEvent.Kind.RESUMED,
                    shot.plan.key(),
                    "not sent: this run's lease on the intent lapsed before sending (a stall); the worker that took"
                            + " it over settles it, and this run follows the outcome",
                    null);
            return Sent.FENCED;
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
        if (source instanceof Source.Sheet s) {
            return inlineCache.computeIfAbsent(s.made(), Media::file);
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
