package dev.seedance4j.studio.internal.store;

import dev.seedance4j.studio.ShotKey;

/** One row of {@code takes}: one generation of a shot. */
public record TakeRecord(
        ShotKey shot,
        int takeNo,
        String identity,
        String state,
        String reason,
        String deliveredIntentId,
        long createdAt,
        Long finishedAt,
        Long seed) {

    public boolean delivered() {
        return "delivered".equals(state);
    }

    public boolean pending() {
        return "pending".equals(state);
    }
}
