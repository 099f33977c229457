package dev.seedance4j.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's idea of "now": the system clock plus an offset that only grows. Tests call {@link #advance} to
 * jump over execution expiry, result-URL lifetimes and the 7-day / 24-hour retention without waiting. Run times of
 * tasks are real (scaled) time and are not affected.
 */
public final class EmulatorClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetNanos = new AtomicLong();
    /** Emulators using this clock apply expiry and retention as soon as it moves. */
    private final List<Runnable> advanceListeners = new CopyOnWriteArrayList<>();

    private EmulatorClock(Clock base) {
        this.base = base;
    }

    /** A clock that follows the system clock until advanced. */
    public static EmulatorClock system() {
        return new EmulatorClock(Clock.systemUTC());
    }

    /**
     * Moves the clock forward by {@code amount} (must not be negative). When this returns, every emulator on this
     * clock has expired the tasks and dropped the records that the new time calls for.
     */
    public void advance(Duration amount) {
        if (amount.isNegative()) throw new IllegalArgumentException("the emulator clock only moves forward: " + amount);
        offsetNanos.addAndGet(amount.toNanos());
        advanceListeners.forEach(Runnable::run);
    }

    void onAdvance(Runnable listener) {
        advanceListeners.add(listener);
    }

    void removeAdvanceListener(Runnable listener) {
        advanceListeners.remove(listener);
    }

    /** How far the clock has been advanced in total. */
    public Duration offset() {
        return Duration.ofNanos(offsetNanos.get());
    }

    @Override
    public Instant instant() {
        return base.instant().plusNanos(offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the emulator clock is always UTC");
    }
}
