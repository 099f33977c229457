package dev.seedance4j.studio.internal.sheets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seedance4j.client.ApiException;
import dev.seedance4j.client.ContentModerationException;
import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.CreateOptions;
import dev.seedance4j.client.GeneratedImage;
import dev.seedance4j.client.ImageRequest;
import dev.seedance4j.client.ImageResponse;
import dev.seedance4j.client.ImageResponseFormat;
import dev.seedance4j.client.ImagesOutcomeUnknownException;
import dev.seedance4j.client.ResultExpiredException;
import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.SeedanceIOException;
import dev.seedance4j.client.SendRefusedException;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.studio.ChargeKind;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.StudioException;
import dev.seedance4j.studio.internal.Hashing;
import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.engine.Heartbeat;
import dev.seedance4j.studio.internal.plan.Source;
import dev.seedance4j.studio.internal.sheets.SheetPlanner.SheetPlan;
import dev.seedance4j.studio.internal.store.ChargeRecord;
import dev.seedance4j.studio.internal.store.SheetStore;
import dev.seedance4j.studio.internal.store.StudioStore;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Makes reference sheets with the same guarantees as video tasks: the call's intent (a charge at its estimate) is
 * written before the call; the answer is billed and its link kept before the image is downloaded; the image is
 * verified (a png or jpeg of the size asked) and kept under {@code sheets/} at once; a sheet whose image exists for
 * its exact request is reused.
 *
 * <p>The image API answers synchronously and keeps no record that could be asked later, so <b>a call whose outcome
 * is unknown</b> (the connection dropped after sending, a timeout, the process killed during the call) cannot be
 * reconciled. The policy: the call's charge is recorded as {@code unknown} (it may have been paid: it stays counted
 * at its estimate) and the sheet is asked again, at most {@link #MAX_UNKNOWN_CALLS} times per take; a take with
 * that many unknown calls fails ({@code LOST_TASK}) and the next run starts a new one. So a sheet is paid at most
 * once, except for calls recorded as {@code unknown} in the ledger.
 *
 * <p>Several workers of a project (team mode) never make the same sheet at once: a sheet is made under a claim held
 * by the lease rule of tasks ({@link SheetStore#claim}); another worker that needs it waits for its image, or takes
 * the claim over once its holder's lease ended and the grace of a call still on its way passed. An image call is sent
 * only while its worker still holds the claim with half a lease left (the fence, as for video creates).
 */
public final class SheetMaker {
    /** How many calls of one take may end without an answer before the take fails. */
    public static final int MAX_UNKNOWN_CALLS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Project project;
    private final Map<String, SheetPlan> plans = new LinkedHashMap<>();
    private final SheetStore store;
    private final SeedanceClient client;
    private final CostEstimator costs;
    private final Path outputDir;
    private final Clock clock;
    private final Consumer<String> log;
    private final int parallelism;
    private final Object budgetLock = new Object();
    /** How this maker claims the sheets it makes against other workers (null: it makes none, see {@link #pick}). */
    private final Claiming claiming;
    /** This maker's hold on its claims; kept alive by a heartbeat while {@link #make} runs. */
    private final StudioStore.Lease lease;

    public SheetMaker(
            Project project,
            List<SheetPlan> plans,
            SheetStore store,
            SeedanceClient client,
            CostEstimator costs,
            Path outputDir,
            Clock clock,
            Consumer<String> log,
            int parallelism,
            Claiming claiming) {
        this.project = project;
        this.claiming = claiming;
        this.lease = claiming == null ? null : Heartbeat.newLease(claiming.lease());
        this.parallelism = Math.max(1, parallelism);
        plans.forEach(p -> this.plans.put(p.name(), p));
        this.store = store;
        this.client = client;
        this.costs = costs;
        this.outputDir = outputDir;
        this.clock = clock;
        this.log = log;
    }

    /**
     * How a maker claims sheets against the other workers of the project: its lease, and how often it looks again
     * while another worker makes a sheet it needs.
     */
    public record Claiming(Duration lease, Duration poll) {}

    /** How one sheet ended in {@link #make}. */
    public record Outcome(
            String name,
            boolean delivered,
            boolean reused,
            Path image,
            Integer take,
            ReasonCode reason,
            String message) {}

    /**
     * The image each planned sheet's shots use (by name): the picked take while it belongs to the current plan of
     * the sheet and its file is intact, else the newest such delivered take; a sheet without one has no file yet.
     */
    public static Map<String, Source.Sheet> current(List<SheetPlan> plans, SheetStore store, Path outputDir) {
        Map<String, Integer> picks = store.picks();
        Map<String, List<SheetStore.Take>> takes = new LinkedHashMap<>();
        store.allTakes()
                .forEach(t ->
                        takes.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(t));
        Map<String, Source.Sheet> sheets = new LinkedHashMap<>();
        for (SheetPlan p : plans) {
            Optional<SheetStore.Take> used =
                    used(p.identity(), takes.getOrDefault(p.name(), List.of()), picks.get(p.name()), outputDir);
            sheets.put(
                    p.name(),
                    new Source.Sheet(
                            p.name(),
                            p.identity(),
                            used.map(t -> outputDir.resolve(t.imagePath())).orElse(null),
                            used.map(SheetStore.Take::imageSha256).orElse(null)));
        }
        return sheets;
    }

    /** The take shots use among {@code takes}: the picked one if usable, else the newest usable (see current). */
    static Optional<SheetStore.Take> used(
            String identity, List<SheetStore.Take> takes, Integer picked, Path outputDir) {
        List<SheetStore.Take> usable = takes.stream()
                .filter(t -> t.delivered() && t.identity().equals(identity) && intact(t, outputDir))
                .toList();
        return usable.stream()
                .filter(t -> picked != null && t.takeNo() == picked)
                .findFirst()
                .or(() -> usable.stream().reduce((a, b) -> b));
    }

    private static boolean intact(SheetStore.Take take, Path outputDir) {
        Path file = outputDir.resolve(take.imagePath());
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            return Files.size(file) == take.imageBytes() || Hashing.sha256(file).equals(take.imageSha256());
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Makes every sheet in {@code scope} that has no intact image for its current plan (resuming a take an earlier
     * run left pending), or, with {@code regen}, a new take of each in scope that is then picked.
     *
     * @param seed the regen take's seed (null: the planned one)
     * @param style the regen take's style (null: the project's)
     * @param budgetLeftMicros checked before each call: what may still be spent (null: no budget)
     */
    public List<Outcome> make(
            Predicate<String> scope,
            boolean regen,
            Long seed,
            String style,
            java.util.function.LongSupplier budgetLeftMicros) {
        List<SheetPlan> inScope =
                plans.values().stream().filter(p -> scope.test(p.name())).toList();
        if (inScope.isEmpty()) {
            return List.of();
        }
        // Sheets do not depend on each other: a few calls at once (each with its own charge and take).
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, inScope.size()));
        Heartbeat heartbeat = new Heartbeat(store.studio(), lease, clock);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (SheetPlan p : inScope) {
                futures.add(pool.submit(() -> makeOne(p, regen, seed, style, budgetLeftMicros)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r
                            ? r
                            : new StudioException("making a sheet failed: " + e.getCause(), e.getCause());
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("interrupted while making sheets", e);
        } finally {
            pool.shutdownNow();
            awaitCalls(pool);
            heartbeat.close();
            try {
                store.studio().releaseLeases(lease.worker()); // its claims are free at once: no call is on its way
            } catch (StudioException e) {
                log.accept("SHEETS: the claims could not be released; they end with the lease: " + e.getMessage());
            }
        }
    }

    /** Lets the calls still on their way (a sheet that failed stopped the others) end before the claims are freed. */
    private void awaitCalls(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(client.requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                log.accept("SHEETS: image calls still running; their claims end with the lease");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One sheet: reused when it has an image, else made under this worker's claim. While another worker holds the
     * claim this one waits, and then follows what it made: its image, or its failure (not paid again).
     */
    private Outcome makeOne(
            SheetPlan p, boolean regen, Long seed, String style, java.util.function.LongSupplier budgetLeftMicros) {
        Set<Integer> finishedBefore = null; // the takes finished when another worker was first seen making it
        while (true) {
            Heartbeat.expireGoneProcesses(store.studio(), clock.millis()); // a crashed run's claims go at once
            Optional<Outcome> known = madeAlready(p, regen, finishedBefore);
            if (known.isPresent()) {
                return known.get();
            }
            Optional<String> holder = store.claim(p.name(), lease, grace(), clock.millis());
            if (holder.isEmpty()) {
                try {
                    // read again under the claim: another worker may have finished it since
                    known = madeAlready(p, regen, finishedBefore);
                    return known.isPresent() ? known.get() : makeClaimed(p, regen, seed, style, budgetLeftMicros);
                } catch (ClaimLost lost) {
                    continue; // another worker took the claim over while this one stalled: follow it
                } finally {
                    store.release(p.name(), lease.worker());
                }
            }
            if (finishedBefore == null) {
                finishedBefore = finished(store.takes(p.name()));
                log.accept("SHEET " + p.name() + ": being made by another worker (" + holder.get() + "); waiting");
            }
            try {
                Thread.sleep(claiming.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StudioException("interrupted while waiting for the sheet of " + p.name(), e);
            }
        }
    }

    /**
     * The sheet's outcome when nothing is to be made: its image exists (reused), or, after waiting for another
     * worker ({@code finishedBefore} not null), that worker failed it (followed, not paid again). A regen always
     * makes a new take.
     */
    private Optional<Outcome> madeAlready(SheetPlan p, boolean regen, Set<Integer> finishedBefore) {
        if (regen) {
            return Optional.empty();
        }
        List<SheetStore.Take> takes = store.takes(p.name());
        Optional<SheetStore.Take> used =
                used(p.identity(), takes, store.picked(p.name()).orElse(null), outputDir);
        if (used.isPresent()) {
            return Optional.of(reused(p, used.get()));
        }
        if (finishedBefore == null) {
            return Optional.empty();
        }
        return newlyFailed(p, takes, finishedBefore).map(t -> {
            String message = t.message() + " (made by another worker of the project; nothing paid here)";
            log.accept("SHEET " + p.name() + " FAILED [" + t.reason() + "]: " + message);
            return new Outcome(p.name(), false, false, null, t.takeNo(), ReasonCode.valueOf(t.reason()), message);
        });
    }

    private Outcome reused(SheetPlan p, SheetStore.Take used) {
        log.accept("SHEET " + p.name() + ": reused " + used.imagePath());
        return new Outcome(p.name(), true, true, outputDir.resolve(used.imagePath()), used.takeNo(), null, null);
    }

    private static Set<Integer> finished(List<SheetStore.Take> takes) {
        return takes.stream()
                .filter(t -> !t.pending())
                .map(SheetStore.Take::takeNo)
                .collect(Collectors.toSet());
    }

    /** A take of the sheet's current plan that another worker failed since {@code finishedBefore} was read. */
    private static Optional<SheetStore.Take> newlyFailed(
            SheetPlan p, List<SheetStore.Take> takes, Set<Integer> finishedBefore) {
        return takes.stream()
                .filter(t -> t.identity().equals(p.identity())
                        && t.state().equals("failed")
                        && !finishedBefore.contains(t.takeNo()))
                .reduce((a, b) -> b);
    }

    /**
     * How long after its holder's lease ended a claim may still have an image call on its way: a call let through
     * its fence with half a lease left, then one attempt of an HTTP request.
     */
    private long grace() {
        return fenceMargin() + client.requestTimeout().toMillis();
    }

    private long fenceMargin() {
        return lease.millis() / 2;
    }

    /** This worker lost its claim before an image call was sent (it stalled past the fence): nothing was sent. */
    private static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super(null, null, false, false);
        }
    }

    /** Makes the sheet under this worker's claim: a regen's new take, the take an earlier run left, or a new one. */
    private Outcome makeClaimed(
            SheetPlan p, boolean regen, Long seed, String style, java.util.function.LongSupplier budgetLeftMicros) {
        List<SheetStore.Take> takes = store.takes(p.name());
        int take;
        Long takeSeed;
        String takeStyle;
        if (regen) {
            take = store.newTake(p.name(), p.identity(), seed, style, clock.millis());
            takeSeed = seed;
            takeStyle = style;
            event(
                    p,
                    "sheet_regen",
                    "new take " + take + (seed == null ? "" : " with seed " + seed)
                            + (style == null ? "" : " in style " + style));
        } else {
            Optional<SheetStore.Take> pending = takes.stream()
                    .filter(t -> t.pending() && t.identity().equals(p.identity()))
                    .reduce((a, b) -> b);
            if (pending.isPresent()) {
                take = pending.get().takeNo();
                takeSeed = pending.get().seed();
                takeStyle = pending.get().style();
                log.accept("SHEET " + p.name() + ": resuming take " + take);
            } else {
                take = store.newTake(p.name(), p.identity(), null, null, clock.millis());
                takeSeed = null;
                takeStyle = null;
            }
        }
        Outcome outcome = makeTake(p, take, p.requestFor(takeSeed, takeStyle, project), budgetLeftMicros);
        if (outcome.delivered() && (regen || takeSeed != null || takeStyle != null)) {
            store.pick(p.name(), take);
        }
        return outcome;
    }

    private Outcome makeTake(SheetPlan p, int take, ImageRequest request, java.util.function.LongSupplier budgetLeft) {
        // What an earlier run left: an answered call whose image was not kept yet is downloaded, not paid again;
        // a call cut short by the process dying cannot be asked about and counts as unknown.
        int unknown = 0;
        for (SheetStore.Call call : store.calls(p.name(), take)) {
            if (call.status().equals("estimated")) {
                store.studio()
                        .markChargeUnknown(
                                call.chargeId(),
                                "the process stopped during this image call; the image API keeps nothing to ask,"
                                        + " so it may have been paid; the sheet is asked again",
                                clock.millis());
                event(p, "sheet_call_unknown", "take " + take + ": a call cut short by a stop may have been paid");
                unknown++;
            } else if (call.status().equals("unknown")) {
                unknown++;
            } else if (call.status().equals("billed") && call.imageUrl() != null) {
                Optional<Outcome> kept = keep(p, take, new GeneratedImage(call.imageUrl(), null, call.imageSize()));
                if (kept.isPresent()) {
                    return kept.get();
                }
            }
        }
        while (true) {
            if (unknown >= MAX_UNKNOWN_CALLS) {
                return fail(
                        p,
                        take,
                        ReasonCode.LOST_TASK,
                        unknown + " image calls ended without an answer (each may have been paid: see the ledger);"
                                + " run again to try a new take");
            }
            BigDecimal estimate = p.estimateCny();
            String chargeId = UUID.randomUUID().toString();
            long now = clock.millis();
            // the budget check and the intent together: calls made at once cannot both pass a budget made for one
            synchronized (budgetLock) {
                if (budgetLeft != null && budgetLeft.getAsLong() < Money.micros(estimate)) {
                    return fail(p, take, ReasonCode.BUDGET, "not made: the budget would be passed");
                }
                insertIntent(p, take, request, chargeId, estimate, now);
            }
            ImageResponse answer;
            try {
                answer = client.images()
                        .generate(
                                request.toBuilder()
                                        .responseFormat(ImageResponseFormat.URL)
                                        .build(),
                                CreateOptions.defaults()
                                        .gatedBy(() -> store.holdsClaim(
                                                p.name(), lease.worker(), clock.millis() + fenceMargin())));
            } catch (SendRefusedException e) {
                store.studio()
                        .failCharge(
                                chargeId, null, "not sent: this worker's claim on the sheet lapsed", clock.millis());
                throw new ClaimLost();
            } catch (ImagesOutcomeUnknownException e) {
                store.studio().markChargeUnknown(chargeId, "no answer: " + e.getMessage(), clock.millis());
                event(p, "sheet_call_unknown", "take " + take + ": no answer (may have been paid); asking again");
                unknown++;
                continue;
            } catch (ContentModerationException e) {
                store.studio().failCharge(chargeId, e.code(), e.getMessage(), clock.millis());
                return fail(p, take, ReasonCode.MODERATION, e.getMessage());
            } catch (ApiException e) {
                store.studio().failCharge(chargeId, e.code(), e.getMessage(), clock.millis());
                return fail(
                        p, take, e.httpStatus() == 400 ? ReasonCode.INVALID : ReasonCode.SERVICE_ERROR, e.getMessage());
            } catch (ValidationException | SeedanceIOException e) {
                store.studio().failCharge(chargeId, null, e.getMessage(), clock.millis());
                return fail(p, take, ReasonCode.INVALID, e.getMessage());
            }
            if (answer.images().isEmpty()) {
                // answered without an image and without an error: billed as reported, and nothing to keep
                store.answered(
                        chargeId,
                        answer.billedImages(),
                        Money.micros(costs.imageCost(answer).orElse(BigDecimal.ZERO)),
                        null,
                        null,
                        clock.millis());
                return fail(p, take, ReasonCode.SERVICE_ERROR, "the service answered without an image");
            }
            GeneratedImage image = answer.images().get(0);
            BigDecimal billed = costs.imageCost(answer).orElse(estimate);
            store.answered(
                    chargeId, answer.billedImages(), Money.micros(billed), image.url(), image.size(), clock.millis());
            Optional<Outcome> kept = keep(p, take, image);
            if (kept.isPresent()) {
                return kept.get();
            }
            // the link failed before the image was kept: paid, and asked again (recorded as an event)
            event(
                    p,
                    "sheet_link_lost",
                    "take " + take + ": the image link failed before the image was kept; asking again");
        }
    }

    private void insertIntent(
            SheetPlan p, int take, ImageRequest request, String chargeId, BigDecimal estimate, long now) {
        store.insertCall(
                new ChargeRecord(
                        chargeId,
                        ChargeKind.IMAGE.label(),
                        request.model().id(),
                        ChargeKind.IMAGE.unit(),
                        "sheet",
                        null,
                        p.name(),
                        "sheet of " + p.name() + ", take " + take,
                        "estimated",
                        1,
                        Money.micros(estimate),
                        null,
                        null,
                        null,
                        null,
                        now,
                        null),
                p.name(),
                take,
                requestJson(request));
    }

    /** Downloads and verifies the image into {@code sheets/}; empty when its link no longer works. */
    private Optional<Outcome> keep(SheetPlan p, int take, GeneratedImage image) {
        String base = "sheets/" + p.name() + "-" + p.identity().substring(0, 8) + "-t" + take;
        Path png = outputDir.resolve(base + ".png");
        try {
            Files.createDirectories(png.getParent());
            client.images().download(image, png);
            Path file = png;
            if (!isPng(png)) {
                file = outputDir.resolve(base + ".jpg");
                Files.move(png, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            String relative = outputDir.relativize(file).toString().replace('\\', '/');
            int[] size = imageSize(image);
            store.deliver(
                    p.name(),
                    take,
                    new SheetStore.Image(relative, Hashing.sha256(file), Files.size(file), size[0], size[1]),
                    clock.millis());
            event(p, "sheet_delivered", "take " + take + " -> " + relative);
            log.accept("SHEET " + p.name() + ": take " + take + " -> " + relative);
            return Optional.of(new Outcome(p.name(), true, false, file, take, null, null));
        } catch (ResultExpiredException e) {
            return Optional.empty();
        } catch (SeedanceException | IOException e) {
            return Optional.of(fail(p, take, ReasonCode.UNVERIFIED, "the image could not be kept: " + e.getMessage()));
        }
    }

    private static boolean isPng(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        }
    }

    private static int[] imageSize(GeneratedImage image) {
        var size = image.imageSize();
        return size != null && size.isExact() ? new int[] {size.width(), size.height()} : new int[] {0, 0};
    }

    private Outcome fail(SheetPlan p, int take, ReasonCode reason, String message) {
        store.fail(p.name(), take, reason.name(), message, clock.millis());
        event(p, "sheet_failed", "take " + take + " [" + reason + "]: " + message);
        log.accept("SHEET " + p.name() + " FAILED [" + reason + "]: " + message);
        return new Outcome(p.name(), false, false, null, take, reason, message);
    }

    private void event(SheetPlan p, String kind, String detail) {
        store.studio().event(null, kind, "sheet " + p.name() + ": " + detail, clock.millis());
    }

    private static String requestJson(ImageRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.model().id());
        root.put("prompt", request.prompt());
        root.put("size", request.size().value());
        if (request.seed() != null) {
            root.put("seed", request.seed());
        }
        root.put("watermark", request.watermark());
        return root.toString();
    }

    /** Chooses the take of a sheet that shots use; it must be delivered. */
    public void pick(String name, int take) {
        SheetStore.Take chosen = store.takes(name).stream()
                .filter(t -> t.takeNo() == take)
                .findFirst()
                .orElseThrow(() -> new StudioException("the sheet of " + name + " has no take " + take));
        if (!chosen.delivered()) {
            throw new StudioException(
                    "take " + take + " of the sheet of " + name + " has no image (" + chosen.state() + ")");
        }
        store.pick(name, take);
        store.studio().event(null, "sheet_picked", "sheet " + name + ": take " + take, clock.millis());
    }
}
