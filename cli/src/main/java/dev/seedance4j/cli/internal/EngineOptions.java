package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.PooledKey;
import dev.seedance4j.studio.StudioOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Option(
            names = "--keys",
            paramLabel = "LIST",
            description = "Several API keys of the account, pooled: the NAMES of the environment variables that hold"
                    + " them, each with its limits, VARIABLE[:CONCURRENCY[:RPM]] separated by commas, e.g."
                    + " ARK_KEY_A:10:60,ARK_KEY_B:5 (a limit left out is --concurrency or --rpm; default:"
                    + " $SEEDANCE_KEYS, else ARK_API_KEY alone). Never a key itself.")
    String keys;

    /**
     * The keys of the pool from {@code --keys}, else {@code SEEDANCE_KEYS}, checked (every variable set, every limit
     * at least 1); empty when neither is set (then ARK_API_KEY alone, with --concurrency and --rpm). The embedded
     * emulator takes no key: {@code --keys} with it is refused, {@code SEEDANCE_KEYS} left aside like ARK_API_KEY.
     */
    List<ApiKeys.Key> keyPool(Map<String, String> env, boolean emulator) {
        if (keys != null) {
            if (emulator) {
                throw new UserError(
                        ExitCodes.BAD_INPUT,
                        "--keys names the API keys of a real service; --emulator needs none (leave one out)");
            }
            return ApiKeys.parse(keys, "--keys", ExitCodes.BAD_INPUT, concurrency, requestsPerMinute, env);
        }
        String fromEnv = env.get("SEEDANCE_KEYS");
        if (emulator || fromEnv == null || fromEnv.isBlank()) return List.of();
        return ApiKeys.parse(fromEnv, "SEEDANCE_KEYS", ExitCodes.AUTH_OR_CONFIG, concurrency, requestsPerMinute, env);
    }

    /**
     * The environment the service's client is made from: with a pool, ARK_API_KEY is its first key (the one tried
     * first; the others get clients of their own in {@link #applyQuota}).
     */
    Map<String, String> serviceEnvironment(Map<String, String> env, boolean emulator) {
        List<ApiKeys.Key> pool = keyPool(env, emulator);
        if (pool.isEmpty()) return env;
        Map<String, String> withKey = new HashMap<>(env);
        withKey.put("ARK_API_KEY", pool.get(0).value());
        return withKey;
    }

    /**
     * The run's limits and keys, shared by every worker on the store (only fingerprints are kept): --concurrency and
     * --rpm for ARK_API_KEY, or the pool's keys each with its own limits, the first tried first. Nothing for the
     * embedded emulator, whose workers share one quota.
     */
    void applyQuota(StudioOptions.Builder options, Backend backend, Map<String, String> env) {
        options.concurrency(concurrency).requestsPerMinute(requestsPerMinute);
        if (backend.isEmulator()) return;
        List<ApiKeys.Key> pool = keyPool(env, false);
        if (pool.isEmpty()) {
            String key = env.get("ARK_API_KEY");
            if (key != null && !key.isBlank()) options.quotaKey(key.strip());
            return;
        }
        ApiKeys.Key first = pool.get(0);
        options.concurrency(first.concurrency())
                .requestsPerMinute(first.requestsPerMinute())
                .quotaKey(first.value(), first.variable());
        for (ApiKeys.Key key : pool.subList(1, pool.size())) {
            options.poolKey(PooledKey.of(
                    backend.clientWithKey(key.value()),
                    key.value(),
                    key.variable(),
                    key.concurrency(),
                    key.requestsPerMinute()));
        }
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
