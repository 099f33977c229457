package dev.seedance4j.emulator.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.emulator.EmulatorStats;
import dev.seedance4j.emulator.RenderSpec;
import dev.seedance4j.emulator.RenderedClip;
import dev.seedance4j.emulator.VideoRenderer;
import dev.seedance4j.emulator.internal.service.GenerationRequest.MediaItem;
import dev.seedance4j.emulator.internal.service.GenerationRequest.MediaItem.Kind;
import dev.seedance4j.emulator.internal.service.MediaFetcher.FetchedMedia;
import dev.seedance4j.emulator.internal.service.Task.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service model behind the HTTP API: admission (moderation, RPM, queue limit), per-model queues and concurrency,
 * run time, rendering, expiry, retention, result URLs, callbacks and the counters of {@code /emulator/stats}.
 */
public final class TaskService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskService.class);
    /** Observed ids carry Beijing wall-clock time (cgt-20260514183217 was created at 10:32:17 UTC). */
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneId.of("Asia/Shanghai"));

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration CANCELLED_RETENTION = Duration.ofHours(24);
    private static final Comparator<Task> QUEUE_ORDER =
            Comparator.comparingInt((Task t) -> -t.request.priority()).thenComparingLong(t -> t.sequence);

    private final ServiceConfig config;
    private final Clock clock;
    private final Path dataDirectory;
    private final VideoRenderer renderer;
    private final RequestValidator validator;
    private final MediaFetcher fetcher;
    private final FaultInjector faults;
    private final UrlSigner signer = new UrlSigner();
    private final CallbackSender callbacks;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> createsByModel = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> faultCounts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> requestCounts = new ConcurrentHashMap<>();
    private final LongAdder tokensBilled = new LongAdder();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService renderPool;
    private volatile String publicBaseUrl = "http://127.0.0.1";

    /** One model's queue, running count and recent creates (for RPM). Guarded by its own monitor. */
    private static final class Lane {
        final PriorityQueue<Task> queue = new PriorityQueue<>(QUEUE_ORDER);
        final ArrayDeque<Instant> recentCreates = new ArrayDeque<>();
        int running;
    }

    public TaskService(
            ServiceConfig config, Clock clock, Path dataDirectory, VideoRenderer renderer, MediaFetcher fetcher) {
        this.config = config;
        this.clock = clock;
        this.dataDirectory = dataDirectory;
        this.renderer = renderer;
        this.fetcher = fetcher;
        this.validator = new RequestValidator(config.endpoints());
        this.faults = new FaultInjector(config.faults());
        this.callbacks = new CallbackSender(config.callbackTimeout(), config.callbackRetryDelay());
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("emulator-timer"));
        this.renderPool = Executors.newFixedThreadPool(config.renderThreads(), daemon("emulator-render"));
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Where result URLs point: scheme, host and port of the emulator's HTTP server. */
    public void publicBaseUrl(String url) {
        this.publicBaseUrl = url;
    }

    public FaultInjector faults() {
        return faults;
    }

    public void countRequest(String endpoint) {
        requestCounts.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    public void countFault(String kind) {
        faultCounts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    // ---------------------------------------------------------------- create

    public Task create(JsonNode body) {
        GenerationRequest request = validator.validate(body);
        String lowerPrompt = request.prompt().toLowerCase(Locale.ROOT);
        for (String word : config.moderatedWords()) {
            if (!word.isBlank() && lowerPrompt.contains(word.toLowerCase(Locale.ROOT))) {
                countFault("input-moderation");
                throw new ApiException(
                        400,
                        "InputTextSensitiveContentDetected",
                        "The request failed because the input text may contain sensitive information.",
                        "content");
            }
        }
        Instant now = clock.instant();
        String id = newId(now);
        Path directory = dataDirectory.resolve(id);
        Task task;
        try {
            task = prepare(id, request, directory, now);
        } catch (RuntimeException e) {
            deleteTree(directory);
            throw e;
        }
        Lane lane = lane(request.model().id());
        synchronized (lane) {
            Instant windowStart = now.minus(Duration.ofMinutes(1));
            while (!lane.recentCreates.isEmpty()
                    && !lane.recentCreates.peekFirst().isAfter(windowStart)) lane.recentCreates.pollFirst();
            if (lane.recentCreates.size() >= config.rpmOf(request.model().id())) {
                deleteTree(directory);
                boolean endpoint =
                        !request.requestedModel().equals(request.model().id());
                throw new ApiException(
                        429,
                        endpoint ? "RateLimitExceeded.EndpointRPMExceeded" : "ModelAccountRpmRateLimitExceeded",
                        "The request has exceeded the RPM (requests per minute) limit of model "
                                + request.model().id() + ". Please try again later.",
                        "");
            }
            if (queuedCount() >= config.queueLimit()) {
                deleteTree(directory);
                throw new ApiException(
                        429,
                        "QuotaExceeded",
                        "The number of queued tasks in your account has exceeded the limit of " + config.queueLimit()
                                + ".",
                        "");
            }
            lane.recentCreates.addLast(now);
            tasks.put(id, task);
            callbacks.send(task); // before any dispatcher can move it on
            lane.queue.add(task);
        }
        createsByModel
                .computeIfAbsent(request.model().id(), k -> new LongAdder())
                .increment();
        dispatch(request.model().id());
        return task;
    }

    private Task prepare(String id, GenerationRequest request, Path directory, Instant now) {
        GenerationRequest effective = request;
        List<FetchedMedia> media = new ArrayList<>();
        if (request.draftTaskId() != null) {
            Task draft = tasks.get(request.draftTaskId());
            if (draft == null || draft.status() != Status.SUCCEEDED || !draft.request.draft()) {
                throw ApiException.invalid(
                        "content[0].draft_task.id",
                        "The draft task " + request.draftTaskId() + " does not exist or is not a succeeded draft.");
            }
            media.addAll(draft.media);
            effective = inheritDraft(request, draft);
        } else {
            for (MediaItem item : request.media()) media.add(fetcher.fetch(item, directory.resolve("input")));
            checkTotal(media, Kind.VIDEO);
            checkTotal(media, Kind.AUDIO);
        }
        String ratio = effective.ratio().equals("adaptive") ? adaptiveRatio(media) : effective.ratio();
        int[] size = OutputSize.pixels(request.model(), effective.resolution(), ratio);
        int duration;
        if (effective.frames() != null) {
            // Renders are whole seconds at 24 fps; `frames` is returned as asked and billed as asked.
            duration = Math.max(1, Math.round(effective.frames() / 24f));
        } else {
            duration = effective.duration() == -1 ? RequestValidator.CHOSEN_DURATION : effective.duration();
        }
        long seed = effective.seed() == -1 ? derivedSeed(effective, media, ratio) : effective.seed();
        return new Task(
                id,
                sequence.incrementAndGet(),
                effective,
                media,
                directory,
                now,
                effective.resolution(),
                ratio,
                size[0],
                size[1],
                duration,
                seed);
    }

    /** A final video from a 1.5 pro draft keeps the draft's content, seed, ratio and duration. */
    private static GenerationRequest inheritDraft(GenerationRequest request, Task draft) {
        GenerationRequest d = draft.request;
        return new GenerationRequest(
                request.requestedModel(),
                request.model(),
                d.prompt(),
                d.media(),
                request.draftTaskId(),
                request.callbackUrl(),
                request.returnLastFrame(),
                request.serviceTier(),
                request.executionExpiresAfter(),
                request.generateAudio(),
                false,
                false,
                request.safetyIdentifier(),
                request.priority(),
                request.resolution(),
                draft.ratio,
                draft.duration,
                null,
                draft.seed,
                d.cameraFixed(),
                request.watermark());
    }

    private static void checkTotal(List<FetchedMedia> media, Kind kind) {
        double total = media.stream()
                .filter(m -> m.item().kind() == kind)
                .mapToDouble(FetchedMedia::seconds)
                .sum();
        if (total > 15.0 + 1e-6) {
            throw ApiException.invalid(
                    "content",
                    String.format(
                            Locale.ROOT,
                            "The reference %ss last %.2f s in total; at most 15 s are allowed.",
                            kind.name().toLowerCase(Locale.ROOT),
                            total));
        }
    }

    /**
     * {@code adaptive} (contract §3.6): first/first+last frame → closest to the first image; reference scene → the
     * first video if any (video before image), else the first reference image; text only → 16:9 (the service picks
     * from the prompt, which the emulator does not interpret).
     */
    private static String adaptiveRatio(List<FetchedMedia> media) {
        FetchedMedia chosen = media.stream()
                .filter(m -> m.item().kind() == Kind.VIDEO)
                .findFirst()
                .orElseGet(() -> media.stream()
                        .filter(m -> m.item().kind() == Kind.IMAGE)
                        .findFirst()
                        .orElse(null));
        return chosen == null ? "16:9" : OutputSize.nearestRatio(chosen.width(), chosen.height());
    }

    /** Seed -1: a hash of everything that shapes the picture, so that the same request gives the same clip. */
    private static long derivedSeed(GenerationRequest r, List<FetchedMedia> media, String ratio) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String shape = String.join(
                    "\n",
                    r.model().id(),
                    r.prompt(),
                    r.resolution(),
                    ratio,
                    String.valueOf(r.duration()),
                    String.valueOf(r.frames()),
                    String.valueOf(r.generateAudio()),
                    String.valueOf(r.watermark()),
                    String.valueOf(r.cameraFixed()));
            digest.update(shape.getBytes(StandardCharsets.UTF_8));
            for (FetchedMedia m : media) {
                digest.update((m.item().kind() + ":" + m.item().role()).getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(m.file()));
            }
            byte[] hash = digest.digest();
            return ((hash[0] & 0x7fL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String newId(Instant now) {
        String prefix = "cgt-" + ID_TIME.format(now) + "-";
        while (true) {
            StringBuilder id = new StringBuilder(prefix);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 5; i++) id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
            String candidate = id.toString();
            if (!tasks.containsKey(candidate)) return candidate;
        }
    }

    // ---------------------------------------------------------------- running

    private Lane lane(String model) {
        return lanes.computeIfAbsent(model, k -> new Lane());
    }

    private void dispatch(String model) {
        Lane lane = lane(model);
        List<Task> started = new ArrayList<>();
        synchronized (lane) {
            while (lane.running < config.concurrencyOf(model) && !lane.queue.isEmpty()) {
                Task task = lane.queue.poll();
                if (task.transition(Status.QUEUED, Status.RUNNING, clock.instant())) {
                    callbacks.send(task);
                    lane.running++;
                    started.add(task);
                }
            }
        }
        started.forEach(this::run);
    }

    private void run(Task task) {
        long runMillis = runTime(task).toMillis();
        if (faults.inject(FaultInjector.Kind.STUCK)) {
            countFault("stuck");
            return; // holds its slot until execution_expires_after turns it into `expired`
        }
        if (faults.inject(FaultInjector.Kind.MODERATION)) {
            countFault("moderation");
            scheduler.schedule(
                    () -> finishFailed(
                            task,
                            "OutputVideoSensitiveContentDetected.PolicyViolation",
                            "The request failed because the output video may be related to copyright restrictions."),
                    runMillis,
                    TimeUnit.MILLISECONDS);
            return;
        }
        CompletableFuture<Void> runTime = new CompletableFuture<>();
        scheduler.schedule(() -> runTime.complete(null), runMillis, TimeUnit.MILLISECONDS);
        CompletableFuture.supplyAsync(() -> render(task), renderPool)
                .thenCombine(runTime, (clip, ignored) -> clip)
                .whenComplete((clip, error) -> {
                    if (error == null) finishSucceeded(task, clip);
                    else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause()
                                : error;
                        if (renderPool.isShutdown()) return; // closing: ffmpeg was interrupted on purpose
                        log.warn("rendering task {} failed", task.id, cause);
                        finishFailed(
                                task, "InternalServiceError", "The service encountered an unexpected internal error.");
                    }
                });
    }

    /**
     * Realistic run time, multiplied by the time scale: 30 s of overhead plus 24 s per output second at 720p,
     * growing with the pixel count (a 5 s 720p clip takes 150 s at scale 1, 1.5 s at the default 0.01).
     */
    private Duration runTime(Task task) {
        double seconds = 30 + task.duration * 24.0 * ((double) task.width * task.height) / (1280 * 720);
        return Duration.ofMillis(Math.round(seconds * config.timeScale() * 1000));
    }

    private RenderedClip render(Task task) {
        if (task.status() != Status.RUNNING) return null;
        List<FetchedMedia> media = task.media;
        RenderSpec spec = new RenderSpec(
                task.id,
                task.width,
                task.height,
                task.duration,
                task.request.prompt(),
                task.seed,
                task.request.generateAudio(),
                task.request.watermark(),
                task.request.returnLastFrame(),
                file(media, "first_frame"),
                file(media, "last_frame"),
                files(media, Kind.IMAGE, "reference_image"),
                files(media, Kind.VIDEO, null),
                files(media, Kind.AUDIO, null));
        try {
            Path out = task.directory.resolve("out");
            Files.createDirectories(out);
            return renderer.render(spec, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(List<FetchedMedia> media, String role) {
        return media.stream()
                .filter(m -> m.item().kind() == Kind.IMAGE)
                .filter(m -> role.equals(m.item().role())
                        || (role.equals("first_frame") && m.item().role() == null))
                .map(FetchedMedia::file)
                .findFirst()
                .orElse(null);
    }

    private static List<Path> files(List<FetchedMedia> media, Kind kind, String role) {
        return media.stream()
                .filter(m -> m.item().kind() == kind
                        && (role == null || role.equals(m.item().role())))
                .map(FetchedMedia::file)
                .toList();
    }

    private void finishSucceeded(Task task, RenderedClip clip) {
        Instant now = clock.instant();
        long expires = now.plus(config.resultUrlTtl()).getEpochSecond();
        String video = signedUrl(task.id, "video.mp4", expires);
        String lastFrame =
                clip != null && clip.lastFrame() != null ? signedUrl(task.id, "last_frame.png", expires) : null;
        if (clip == null || !task.succeed(clip, tokens(task), video, lastFrame, now)) return;
        if (tasks.get(task.id) == task) tokensBilled.add(task.tokens());
        release(task);
        callbacks.send(task);
    }

    private void finishFailed(Task task, String code, String message) {
        if (!task.fail(Status.RUNNING, code, message, clock.instant())) return;
        release(task);
        callbacks.send(task);
    }

    private void release(Task task) {
        if (tasks.get(task.id) != task) return; // forgotten by a reset, which already emptied its lane
        Lane lane = lane(task.request.model().id());
        synchronized (lane) {
            lane.running--;
        }
        dispatch(task.request.model().id());
    }

    /**
     * Tokens per contract §7.1: W × H × frames / 1024 with frames = 24·s + 1. With video input (2.0 series) the
     * input seconds add 24·s frames each, and a minimum applies. UNCERTAIN: the minimum is modelled as the tokens of
     * (output + 4) s, which reproduces the observed 90396 (480p) and 194400 (720p) at 5 s output.
     */
    private static long tokens(Task task) {
        long pixels = (long) task.width * task.height;
        long frames = task.request.frames() != null ? task.request.frames() : 24L * task.duration + 1;
        if (!task.request.hasVideoInput()) return pixels * frames / 1024;
        // Whole seconds per input video, as the service reports output duration (floor of frames / 24): a 15 s
        // reference added exactly 24 x 15 frames in the observed bills, although such a clip has 361 frames.
        long inputSeconds = task.media.stream()
                .filter(m -> m.item().kind() == Kind.VIDEO)
                .mapToLong(m -> (long) Math.floor(m.seconds() + 1e-6))
                .sum();
        long tokens = pixels * (frames + 24 * inputSeconds) / 1024;
        long minimum = pixels * 24L * (task.duration + 4) / 1024;
        return Math.max(tokens, minimum);
    }

    private String signedUrl(String taskId, String name, long expires) {
        String path = "/files/" + taskId + "/" + name;
        return publicBaseUrl + path + "?expires=" + expires + "&signature=" + signer.sign(path, expires);
    }

    // ---------------------------------------------------------------- queries

    public ObjectNode get(String id) {
        return visibleTask(id).toJson();
    }

    private Task visibleTask(String id) {
        Task task = tasks.get(id);
        if (task != null) refresh(task, clock.instant());
        if (task == null || tasks.get(id) != task) {
            // UNCERTAIN (contract §10.2): code and status for an unknown task id; NotFound.{Parameter} is documented.
            throw new ApiException(404, "NotFound.TaskId", "The specified task " + id + " is not found.", "id");
        }
        return task;
    }

    /** List with the contract's filters; newest first (UNCERTAIN ordering), page_size 10 by default (UNCERTAIN). */
    public ObjectNode list(Map<String, List<String>> query) {
        int pageNum = pageParameter(query, "page_num", 1);
        int pageSize = pageParameter(query, "page_size", 10);
        String statusFilter = single(query, "filter.status");
        // `expired` is accepted as a filter although the doc's list omits it (UNCERTAIN).
        if (statusFilter != null && Status.fromWire(statusFilter) == null) {
            throw ApiException.invalid(
                    "filter.status",
                    "The filter.status `" + statusFilter
                            + "` is not one of queued, running, cancelled, succeeded, failed, expired.");
        }
        String tier = single(query, "filter.service_tier");
        if (tier != null && !tier.equals("default") && !tier.equals("flex")) {
            throw ApiException.invalid("filter.service_tier", "The filter.service_tier must be default or flex.");
        }
        String model = single(query, "filter.model");
        Set<String> ids = new HashSet<>();
        for (String value : query.getOrDefault("filter.task_ids", List.of())) {
            if (!value.isEmpty()) ids.add(value);
        }
        Instant now = clock.instant();
        List<Task> matching = new ArrayList<>();
        // Pollers ask for their own few ids; look those up instead of scanning every record.
        Iterable<Task> candidates = ids.isEmpty()
                ? tasks.values()
                : ids.stream()
                        .map(tasks::get)
                        .filter(java.util.Objects::nonNull)
                        .toList();
        for (Task task : candidates) {
            refresh(task, now);
            if (tasks.get(task.id) != task) continue;
            if (statusFilter != null && !task.status().wire().equals(statusFilter)) continue;
            // Without filter.service_tier every tier is listed (UNCERTAIN: the doc's "default" may hide flex tasks).
            if (tier != null && !task.request.serviceTier().equals(tier)) continue;
            if (model != null
                    && !model.equals(task.request.requestedModel())
                    && !model.equals(task.request.model().id())) continue;
            if (!ids.isEmpty() && !ids.contains(task.id)) continue;
            matching.add(task);
        }
        matching.sort(Comparator.comparingLong((Task t) -> t.sequence).reversed());
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("total", matching.size());
        ArrayNode items = result.putArray("items");
        long from = (long) (pageNum - 1) * pageSize;
        for (long i = from; i < Math.min(matching.size(), from + pageSize); i++)
            items.add(matching.get((int) i).toJson());
        return result;
    }

    private static int pageParameter(Map<String, List<String>> query, String name, int fallback) {
        String value = single(query, name);
        if (value == null || value.isEmpty()) return fallback;
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= 500) return parsed;
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.invalid(name, "The parameter `" + name + "` must be an integer within [1, 500].");
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** DELETE per the contract's status table: cancel when queued, delete when finished, refuse otherwise. */
    public void delete(String id) {
        Task task = visibleTask(id);
        Lane lane = lane(task.request.model().id());
        synchronized (lane) {
            if (task.transition(Status.QUEUED, Status.CANCELLED, clock.instant())) {
                lane.queue.remove(task);
                return; // no callback: the doc's callback statuses do not include cancelled
            }
        }
        Status status = task.status();
        if (status == Status.RUNNING || status == Status.CANCELLED) {
            // UNCERTAIN (contract §10.2): 409 is observed for a running task; the code is not documented.
            throw new ApiException(
                    409,
                    "OperationDenied.InvalidState",
                    "The task " + id + " cannot be cancelled or deleted while it is " + status.wire() + ".",
                    "id");
        }
        remove(task);
    }

    /** The file behind a signed result URL; 403 for a bad or expired signature, 404 when the task is gone. */
    public Path resultFile(String taskId, String name, String expires, String signature) {
        signer.check(
                "/files/" + taskId + "/" + name,
                expires,
                signature,
                clock.instant().getEpochSecond());
        Task task = tasks.get(taskId);
        RenderedClip clip = task == null ? null : task.clip();
        Path file = clip == null ? null : name.equals("video.mp4") ? clip.video() : clip.lastFrame();
        if (file == null || !Files.isRegularFile(file))
            throw new ApiException(404, "NoSuchKey", "The file no longer exists.", "");
        return file;
    }

    // ---------------------------------------------------------------- time

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("sweep failed", e);
        }
    }

    /** Applies execution expiry and retention to every task at the clock's current time. */
    public void sweep() {
        Instant now = clock.instant();
        for (Task task : tasks.values()) refresh(task, now);
    }

    private void refresh(Task task, Instant now) {
        Status status = task.status();
        if (!status.terminal() && !now.isBefore(task.createdAt.plusSeconds(task.request.executionExpiresAfter())))
            expire(task, now);
        boolean retained = now.isBefore(task.createdAt.plus(RETENTION))
                && !(task.status() == Status.CANCELLED
                        && !now.isBefore(task.updatedAt().plus(CANCELLED_RETENTION)));
        if (!retained) remove(task);
    }

    private void expire(Task task, Instant now) {
        Lane lane = lane(task.request.model().id());
        boolean wasRunning;
        synchronized (lane) {
            if (task.transition(Status.QUEUED, Status.EXPIRED, now)) {
                lane.queue.remove(task);
                wasRunning = false;
            } else if (task.transition(Status.RUNNING, Status.EXPIRED, now)) {
                lane.running--;
                wasRunning = true;
            } else {
                return;
            }
        }
        callbacks.send(task);
        if (wasRunning) dispatch(task.request.model().id());
    }

    private void remove(Task task) {
        if (tasks.remove(task.id, task)) deleteTree(task.directory);
    }

    // ---------------------------------------------------------------- stats

    private int queuedCount() {
        int queued = 0;
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                queued += lane.queue.size();
            }
        }
        return queued;
    }

    public EmulatorStats stats() {
        int running = 0;
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                running += lane.running;
            }
        }
        Map<Status, Long> byStatus = new EnumMap<>(Status.class);
        for (Task task : tasks.values()) byStatus.merge(task.status(), 1L, Long::sum);
        Map<String, Long> tasksByStatus = new TreeMap<>();
        byStatus.forEach((status, count) -> tasksByStatus.put(status.wire(), count));
        return new EmulatorStats(
                snapshot(createsByModel),
                queuedCount(),
                running,
                tasksByStatus,
                tokensBilled.sum(),
                snapshot(faultCounts),
                snapshot(requestCounts),
                callbacks.delivered.get(),
                callbacks.failed.get());
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** Forgets every task and counter; tasks still rendering finish unseen. */
    public void reset() {
        List<Task> all = new ArrayList<>(tasks.values());
        tasks.clear();
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                lane.queue.clear();
                lane.recentCreates.clear();
                lane.running = 0;
            }
        }
        all.forEach(task -> deleteTree(task.directory));
        createsByModel.clear();
        faultCounts.clear();
        requestCounts.clear();
        tokensBilled.reset();
        callbacks.delivered.set(0);
        callbacks.failed.set(0);
        faults.reset();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        renderPool.shutdownNow();
        callbacks.close();
        try {
            renderPool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path directory) {
        if (!Files.exists(directory)) return;
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.debug("cannot delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.debug("cannot delete {}: {}", directory, e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
