package dev.seedance4j.studio;

import java.time.Instant;
import java.util.List;

/**
 * Who holds what in team mode: the project's open tasks with the worker holding each, its claims on reference sheets
 * being made and episodes being assembled, the live workers of the store and where each API key stands against its
 * quota (keys by fingerprint, never the key).
 */
public record TeamView(List<Holder> holders, List<Claim> claims, List<Worker> workers, List<Quota> quotas) {
    public TeamView {
        holders = List.copyOf(holders);
        claims = List.copyOf(claims);
        workers = List.copyOf(workers);
        quotas = List.copyOf(quotas);
    }

    /** Whether anything is held or any worker beats (team mode shows nothing otherwise). */
    public boolean isEmpty() {
        return holders.isEmpty() && claims.isEmpty() && workers.isEmpty();
    }

    /** An open task and its holder; {@code expired}: its worker stopped renewing and another may take it over. */
    public record Holder(
            ShotKey shot, String remoteId, String status, String worker, Instant leaseUntil, boolean expired) {}

    /**
     * A claim: {@code kind} {@code sheet} (a reference sheet being made, {@code subject} its name) or {@code assembly}
     * (an episode being assembled, {@code subject} the episode); {@code expired}: its worker stopped beating and another
     * may take it over.
     */
    public record Claim(String kind, String subject, String worker, Instant leaseUntil, boolean expired) {}

    /** A worker (one run or one project served by {@code seedance worker}) by its last heartbeat. */
    public record Worker(String worker, String host, long pid, Instant lastHeartbeat, boolean alive) {}

    /** An API key's limits and use across every worker of the store. */
    public record Quota(String key, int maxInFlight, int requestsPerMinute, long inFlight, long lastMinute) {}
}
