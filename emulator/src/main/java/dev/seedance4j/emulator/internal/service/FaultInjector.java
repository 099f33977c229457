package dev.seedance4j.emulator.internal.service;

import dev.seedance4j.emulator.Faults;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, deterministically for a seed, whether the n-th opportunity of each fault kind gets the fault: the
 * decision is a hash of (seed, kind, n), so runs with the same seed and the same sequence of requests agree.
 */
public final class FaultInjector {

    /** The fault kinds, with the names used in specs and stats. */
    public enum Kind {
        SERVER_ERROR("5xx"),
        RATE_LIMIT("429"),
        SLOW("slow"),
        DROP_BEFORE("drop"),
        DROP_AFTER("drop-after"),
        TRUNCATE("truncate"),
        MODERATION("moderation"),
        STUCK("stuck"),
        CHAT_INVALID_JSON("chat-invalid-json"),
        CHAT_TRUNCATE("chat-truncate"),
        CHAT_SCHEMA("chat-schema");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Faults faults;
    private final Map<Kind, AtomicLong> opportunities = new EnumMap<>(Kind.class);

    public FaultInjector(Faults faults) {
        this.faults = faults;
        for (Kind kind : Kind.values()) opportunities.put(kind, new AtomicLong());
    }

    /** True when this opportunity gets the fault. */
    public boolean inject(Kind kind) {
        double rate = rate(kind);
        if (rate <= 0) return false;
        long n = opportunities.get(kind).getAndIncrement();
        long h = mix(
                faults.seed() * 0x9E3779B97F4A7C15L + kind.ordinal() * 0xBF58476D1CE4E5B9L + n * 0x94D049BB133111EBL);
        return (h >>> 11) * 0x1.0p-53 < rate;
    }

    /** How long a request that got the {@link Kind#SLOW} fault waits. */
    public java.time.Duration slowDelay() {
        return faults.slowDelay();
    }

    /** Starts every sequence again, as after a reset. */
    public void reset() {
        opportunities.values().forEach(counter -> counter.set(0));
    }

    private double rate(Kind kind) {
        return switch (kind) {
            case SERVER_ERROR -> faults.serverErrorRate();
            case RATE_LIMIT -> faults.rateLimitRate();
            case SLOW -> faults.slowRate();
            case DROP_BEFORE -> faults.dropBeforeRate();
            case DROP_AFTER -> faults.dropAfterRate();
            case TRUNCATE -> faults.truncatedDownloadRate();
            case MODERATION -> faults.outputModerationRate();
            case STUCK -> faults.stuckRate();
            case CHAT_INVALID_JSON -> faults.chatInvalidJsonRate();
            case CHAT_TRUNCATE -> faults.chatTruncateRate();
            case CHAT_SCHEMA -> faults.chatSchemaViolationRate();
        };
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
