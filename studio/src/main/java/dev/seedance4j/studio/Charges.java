package dev.seedance4j.studio;

import dev.seedance4j.client.ApiException;
import dev.seedance4j.client.OutcomeUnknownException;
import dev.seedance4j.client.SeedanceIOException;
import dev.seedance4j.client.ValidationException;
import dev.seedance4j.studio.internal.Money;
import dev.seedance4j.studio.internal.store.ChargeRecord;
import dev.seedance4j.studio.internal.store.StoreLocation;
import dev.seedance4j.studio.internal.store.StudioStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The ledger's non-video charges: image generations and chat completions, in the project's state database beside
 * its video tasks, so that {@code seedance status}, {@link StudioView#ledger()} and the budget count every yuan. As
 * for tasks, the estimate is written before the call and the billed figure after it, so that a process killed in
 * between leaves the money visible.
 *
 * <pre>{@code
 * try (Charges charges = Charges.open(Path.of("out/drama"))) {       // or studio.charges(), or open(dir, options)
 *     ChatResponse answer = charges.call(ChargeKind.CHAT, model.id(), ChargeSubject.episode("ep01"),
 *             estimatedTokens, estimatedCny, "breakdown of ep01",
 *             () -> client.chat().create(request),
 *             r -> new Charges.Billed(r.usage().totalTokens(), costs.chatCost(r).orElse(estimatedCny)));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Charges implements AutoCloseable {
    private final StudioStore store;
    private final Clock clock;
    private final boolean ownsStore;

    Charges(StudioStore store, Clock clock, boolean ownsStore) {
        this.store = store;
        this.clock = clock;
        this.ownsStore = ownsStore;
    }

    /** The charges of the project whose output folder is {@code outputDir} (its state database is created there). */
    public static Charges open(Path outputDir) {
        return open(outputDir, StudioOptions.builder().build());
    }

    /**
     * The charges of the project whose output folder is {@code outputDir}, in the store {@code options} name
     * ({@link StudioOptions#store()}: a shared PostgreSQL in team mode; empty: the output folder's state database,
     * created there) under its project id ({@link StudioOptions#projectId()}, default the output folder's name), as a
     * {@link Studio} opened with the same options keeps its tasks: status then shows both in one ledger.
     */
    public static Charges open(Path outputDir, StudioOptions options) {
        Path dir = outputDir.toAbsolutePath().normalize();
        StudioStore store = Studio.openNamedStore(options, dir).orElseGet(() -> {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StudioException("cannot create the output folder " + dir + ": " + e.getMessage(), e);
            }
            return StudioStore.open(StoreLocation.sqlite(dir.resolve(Studio.DATABASE)), Studio.projectId(options, dir));
        });
        return new Charges(store, options.clock(), true);
    }

    /** What the service billed for a call. */
    public record Billed(long units, BigDecimal cny) {
        public Billed {
            Objects.requireNonNull(cny, "cny");
        }
    }

    /**
     * Records the estimate of a call about to be made.
     *
     * @param units images or tokens ({@link ChargeKind#unit()})
     * @param purpose what the call is for, in words (shown by status)
     * @return the charge's id, for {@link #billed}, {@link #failed} or {@link #unknown}
     */
    public String estimate(
            ChargeKind kind, String model, ChargeSubject subject, long units, BigDecimal cny, String purpose) {
        String id = UUID.randomUUID().toString();
        store.insertCharge(new ChargeRecord(
                id,
                kind.label(),
                Objects.requireNonNull(model, "model"),
                kind.unit(),
                subject.kind(),
                subject.episode(),
                subject.id(),
                purpose,
                "estimated",
                units,
                Money.micros(cny),
                null,
                null,
                null,
                null,
                clock.millis(),
                null));
        return id;
    }

    /** Records what the service billed for the call. */
    public void billed(String chargeId, Billed billed) {
        store.billCharge(chargeId, billed.units(), Money.micros(billed.cny()), clock.millis());
    }

    /** The call provably billed nothing: the service refused it, or it was never sent. */
    public void failed(String chargeId, String errorCode, String note) {
        store.failCharge(chargeId, errorCode, note, clock.millis());
    }

    /** The call was sent and no answer came: it may have been billed, and its estimate stays counted. */
    public void unknown(String chargeId, String note) {
        store.markChargeUnknown(chargeId, note, clock.millis());
    }

    /**
     * Makes a call with its charge recorded around it: the estimate before, then billed, failed (an answered refusal,
     * an invalid request, nothing sent) or unknown (no answer) after it. The call's exception is rethrown.
     *
     * @param billed what the answer says was billed
     */
    public <T> T call(
            ChargeKind kind,
            String model,
            ChargeSubject subject,
            long units,
            BigDecimal cny,
            String purpose,
            Supplier<T> call,
            Function<T, Billed> billed) {
        String id = estimate(kind, model, subject, units, cny, purpose);
        T answer;
        try {
            answer = call.get();
        } catch (OutcomeUnknownException e) {
            unknown(id, e.getMessage());
            throw e;
        } catch (ApiException e) {
            failed(id, e.code(), e.getMessage());
            throw e;
        } catch (ValidationException | SeedanceIOException e) {
            failed(id, null, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            unknown(id, e.toString());
            throw e;
        }
        Billed figure;
        try {
            figure = billed.apply(answer);
        } catch (RuntimeException e) {
            // answered, so paid: but what was billed cannot be read; it stays counted at its estimate
            unknown(id, "answered, but the billed figure could not be read: " + e);
            throw e;
        }
        billed(id, figure);
        return answer;
    }

    public Optional<ChargeView> charge(String chargeId) {
        return store.charge(chargeId).map(Charges::view);
    }

    /** Every charge, in the order they were recorded. */
    public List<ChargeView> all() {
        return store.charges().stream().map(Charges::view).toList();
    }

    static ChargeView view(ChargeRecord c) {
        return new ChargeView(
                c.chargeId(),
                ChargeKind.fromLabel(c.kind()),
                c.model(),
                new ChargeSubject(c.subjectKind(), c.episodeId(), c.subjectId()),
                c.purpose(),
                c.status(),
                c.estimatedUnits(),
                Money.cny(c.estimatedCnyMicros()),
                c.billedUnits(),
                c.billedCnyMicros() == null ? null : Money.cny(c.billedCnyMicros()),
                c.errorCode(),
                c.note(),
                Instant.ofEpochMilli(c.createdAt()),
                c.finishedAt() == null ? null : Instant.ofEpochMilli(c.finishedAt()));
    }

    /** Closes the database connection when opened with {@link #open} ({@link Studio#charges()} leaves it open). */
    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }
}
