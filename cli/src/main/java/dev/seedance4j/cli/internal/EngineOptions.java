package dev.seedance4j.cli.internal;

import picocli.CommandLine.Option;

/** How fast a run may send: the account's limits, and how often a moderated clip is tried again. */
public final class EngineOptions {

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "10",
            description = "Tasks in flight at once: the account's concurrency (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--rpm",
            paramLabel = "N",
            defaultValue = "60",
            description = "Creates per minute: the account's RPM (default: ${DEFAULT-VALUE}).")
    int requestsPerMinute;

    @Option(
            names = "--rerolls",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Retries with a new seed for a clip refused by output moderation (default: ${DEFAULT-VALUE}).")
    int rerolls;

    @Option(
            names = "--lease",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Team mode: how long this run's hold on its tasks lasts without a heartbeat; another"
                    + " worker takes them over after that (default: ${DEFAULT-VALUE}).")
    int leaseSeconds = 30;

    /**
     * The key whose limits --concurrency and --rpm are, shared by every worker on the store (only a fingerprint is
     * kept); empty for the emulator, whose workers share one quota.
     */
    java.util.Optional<String> quotaKey(java.util.Map<String, String> env, boolean emulator) {
        String key = env.get("ARK_API_KEY");
        return emulator || key == null || key.isBlank()
                ? java.util.Optional.empty()
                : java.util.Optional.of(key.strip());
    }

    @Option(
            names = "--give-up-after",
            paramLabel = "DURATION",
            description = "Stop a run that has had no answer from the service for this long, e.g. 90s, 5m"
                    + " (default: SEEDANCE_GIVE_UP_AFTER, else 5m). Shots not sent stay not generated.")
    String giveUpAfter;

    /** {@code --give-up-after}, else {@code SEEDANCE_GIVE_UP_AFTER}, else null (the library's default). */
    java.time.Duration giveUpAfter(java.util.Map<String, String> env) {
        if (giveUpAfter != null) return Flags.duration("--give-up-after", giveUpAfter);
        String fromEnv = env.get("SEEDANCE_GIVE_UP_AFTER");
        return fromEnv == null || fromEnv.isBlank() ? null : Flags.duration("SEEDANCE_GIVE_UP_AFTER", fromEnv);
    }

    /** The values, checked here so that a mistake names its flag. */
    void check() {
        Flags.atLeast("--concurrency", concurrency, 1, "tasks in flight at once");
        Flags.atLeast("--rpm", requestsPerMinute, 1, "creates per minute");
        Flags.atLeast("--rerolls", rerolls, 0, "retries after output moderation");
        Flags.atLeast("--lease", leaseSeconds, 2, "seconds a worker's hold on its tasks lasts");
    }
}
