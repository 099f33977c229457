package dev.seedance4j.emulator.internal.genai;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/** Amounts (requests, tokens, images) per model over the last minute, for RPM, TPM and IPM limits. */
public final class RateWindow {

    private record Entry(Instant at, long amount) {}

    private final Map<String, ArrayDeque<Entry>> byModel = new HashMap<>();

    /** What the model used in the minute before {@code now}. */
    public synchronized long used(String model, Instant now) {
        ArrayDeque<Entry> entries = byModel.computeIfAbsent(model, k -> new ArrayDeque<>());
        Instant start = now.minus(Duration.ofMinutes(1));
        while (!entries.isEmpty() && !entries.peekFirst().at().isAfter(start)) entries.pollFirst();
        long sum = 0;
        for (Entry entry : entries) sum += entry.amount();
        return sum;
    }

    /** Adds {@code amount} unless that would pass {@code limit}; false (nothing added) when it would. */
    public synchronized boolean tryAdd(String model, Instant now, long amount, long limit) {
        if (used(model, now) + amount > limit) return false;
        add(model, now, amount);
        return true;
    }

    public synchronized void add(String model, Instant now, long amount) {
        byModel.computeIfAbsent(model, k -> new ArrayDeque<>()).addLast(new Entry(now, amount));
    }

    public synchronized void clear() {
        byModel.clear();
    }
}
