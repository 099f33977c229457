package dev.seedance4j.studio.internal.engine;

import dev.seedance4j.studio.ReasonCode;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import java.util.Set;

/** What one shot is doing in this run. Only the conductor thread reads and changes it. */
final class ShotRun {
    /** Where the shot is in this run (the durable state is in the store; see {@code ShotStateRule}). */
    enum Phase {
        WAITING,
        IN_FLIGHT,
        DELIVERED,
        FAILED,
        OUT_OF_SCOPE
    }

    final ShotPlan plan;
    Phase phase = Phase.WAITING;
    boolean reused;
    Integer takeNo;
    Long seedOverride;
    boolean pickWhenDelivered;
    int rerolls;
    ReasonCode reason;
    String message;
    /** How many shots wait on this one (directly or not): the longer its tail, the earlier it is sent. */
    int dependants;
    /**
     * The shot's delivered tasks when this run started (intent ids): a claim follows any other delivered task of the
     * same request, which another run made meanwhile.
     */
    Set<String> knownDelivered = Set.of();

    ShotRun(ShotPlan plan) {
        this.plan = plan;
    }

    boolean isTake(int take) {
        return takeNo != null && takeNo == take;
    }
}
