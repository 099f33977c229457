package dev.seedance4j.studio;

import java.time.Instant;
import java.util.List;

/**
 * Who holds what in team mode: the project's open tasks with the worker holding each, the live workers of the store
 * and where each API key stands against its quota (keys by fingerprint, never the key).
 */
public record TeamView(List<Holder> holders, List<Worker> workers, List<Quota> quotas) {
    public TeamView {
        holders = List.copyOf(holders);
        workers = List.copyOf(workers);
        quotas = List.copyOf(quotas);
    }

    /** An open task and its holder; {@code expired}: its worker stopped renewing and another may take it over. */
    public record Holder(
            ShotKey shot, String remoteId, String status, String worker, Instant leaseUntil, boolean expired) {}

    /** A worker (one run or one project served by {@code seedance worker}) by its last heartbeat. */
    public record Worker(String worker, String host, long pid, Instant lastHeartbeat, boolean alive) {}

    /** An API key's limits and use across every worker of the store. */
    public record Quota(String key, int maxInFlight, int requestsPerMinute, long inFlight, long lastMinute) {}
}
