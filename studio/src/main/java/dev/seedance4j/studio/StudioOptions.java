package dev.seedance4j.studio;

import dev.seedance4j.client.PriceTable;
import dev.seedance4j.client.SeedanceClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Studio} runs. Build with {@link #builder()}; only {@code client} is needed to run (planning and
 * status work without one).
 *
 * <pre>{@code
 * StudioOptions options = StudioOptions.builder()
 *     .client(SeedanceClient.fromEnv())
 *     .concurrency(10)                 // the account's concurrency for the model
 *     .requestsPerMinute(60)           // the account's RPM
 *     .budgetCny(new BigDecimal("150")) // overrides budget.max_cny of the project
 *     .build();
 * }</pre>
 *
 * @param outputDir where the state database, clips and episodes go; empty = {@code out/<project name>} beside the
 *     project file
 * @param maxRerolls how many times a shot failed by output moderation is tried again with a new seed (0 = never)
 * @param pollMin shortest wait between two polls of the in-flight tasks
 * @param pollMax longest wait between two polls once a task in flight may have finished by the run times learnt
 *     so far (a round waits for that moment, up to three times this after the last one)
 * @param reconcileAfter how long to wait before looking for a task whose create had an unknown outcome
 * @param clockSkew tolerance between this machine's clock and the service's when matching creation times
 * @param executionExpiresAfter sent as {@code execution_expires_after} (1 h … 72 h): a task still queued or running
 *     then ends as expired (reason EXPIRED) instead of holding a slot for the service's default 48 h; it does not
 *     change a shot's identity
 * @param callbackListen where to receive the service's callbacks ({@code callback_url}); empty = poll only. A
 *     callback wakes the engine at once; polling goes on at {@code pollMax} as a sweeper behind it
 * @param callbackUrl the URL the service should call, when it differs from the listening address (a tunnel or a
 *     reverse proxy); empty = {@code http://<listening address>/seedance/callback}
 * @param fetchThreads how many results are downloaded and verified at once while the run goes on submitting and
 *     polling
 * @param giveUpAfter a run that has had no answer from the service for this long stops (the shots not sent stay
 *     not generated; a later run resumes what is in flight)
 * @param store where the state lives: a {@code jdbc:postgresql://…} URL (team mode) or a SQLite file; empty = the
 *     SQLite file {@code studio.db} in the output folder
 * @param projectId the project's id in the store (one PostgreSQL holds many projects); empty = the output folder's
 *     name
 * @param quotaKey the fingerprint of the API key whose limits ({@code concurrency} tasks in flight,
 *     {@code requestsPerMinute} creates) every worker sharing the store enforces together; set from the key with
 *     {@link Builder#quotaKey}, never the key itself
 * @param quotaKeyLabel how status and the board name that key (default: its fingerprint)
 * @param leaseTime how long a worker's hold on its tasks lasts without a heartbeat; another worker takes them over
 *     after that (renewed every third of it)
 * @param databaseOutageLimit how long a run waits for a state database that is out of reach before it stops
 * @param pooledKeys more keys of the account, each with its own limits, tried after the main one ({@code client},
 *     {@code quotaKey}) when it has no room
 */
public record StudioOptions(
        Optional<SeedanceClient> client,
        Optional<Path> outputDir,
        int concurrency,
        int requestsPerMinute,
        Optional<BigDecimal> budgetCny,
        PriceTable prices,
        Optional<VideoPublisher> videoPublisher,
        int maxRerolls,
        Duration pollMin,
        Duration pollMax,
        Duration reconcileAfter,
        Duration clockSkew,
        Optional<Duration> executionExpiresAfter,
        Optional<java.net.InetSocketAddress> callbackListen,
        Optional<java.net.URI> callbackUrl,
        int fetchThreads,
        Duration giveUpAfter,
        Clock clock,
        Optional<String> store,
        Optional<String> projectId,
        String quotaKey,
        String quotaKeyLabel,
        Duration leaseTime,
        Duration databaseOutageLimit,
        List<PooledKey> pooledKeys) {

    public StudioOptions {
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (fetchThreads < 1 || giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("fetchThreads must be ≥ 1 and giveUpAfter positive");
        }
        if (concurrency < 1 || requestsPerMinute < 1 || maxRerolls < 0) {
            throw new IllegalArgumentException("concurrency and requestsPerMinute must be ≥ 1, maxRerolls ≥ 0");
        }
        Objects.requireNonNull(quotaKey, "quotaKey");
        Objects.requireNonNull(quotaKeyLabel, "quotaKeyLabel");
        pooledKeys = List.copyOf(pooledKeys);
        if (leaseTime.toMillis() < 1_000) {
            throw new IllegalArgumentException("leaseTime must be at least 1 s");
        }
        store.ifPresent(dev.seedance4j.studio.internal.store.StoreLocation::parse);
        projectId.ifPresent(id -> {
            if (id.isBlank() || id.length() > 100) {
                throw new IllegalArgumentException("a project id must be 1 to 100 characters");
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.client = client.orElse(null);
        b.outputDir = outputDir.orElse(null);
        b.concurrency = concurrency;
        b.requestsPerMinute = requestsPerMinute;
        b.budgetCny = budgetCny.orElse(null);
        b.prices = prices;
        b.videoPublisher = videoPublisher.orElse(null);
        b.maxRerolls = maxRerolls;
        b.pollMin = pollMin;
        b.pollMax = pollMax;
        b.reconcileAfter = reconcileAfter;
        b.clockSkew = clockSkew;
        b.executionExpiresAfter = executionExpiresAfter.orElse(null);
        b.callbackListen = callbackListen.orElse(null);
        b.callbackUrl = callbackUrl.orElse(null);
        b.fetchThreads = fetchThreads;
        b.giveUpAfter = giveUpAfter;
        b.clock = clock;
        b.store = store.orElse(null);
        b.projectId = projectId.orElse(null);
        b.quotaKey = quotaKey;
        b.quotaKeyLabel = quotaKeyLabel;
        b.leaseTime = leaseTime;
        b.databaseOutageLimit = databaseOutageLimit;
        b.pooledKeys.addAll(pooledKeys);
        return b;
    }

    /** Builds {@link StudioOptions}; every value has a sensible default. */
    public static final class Builder {
        private SeedanceClient client;
        private Path outputDir;
        private int concurrency = 10;
        private int requestsPerMinute = 60;
        private BigDecimal budgetCny;
        private PriceTable prices = PriceTable.defaults();
        private VideoPublisher videoPublisher;
        private int maxRerolls;
        private Duration pollMin = Duration.ofSeconds(2);
        private Duration pollMax = Duration.ofSeconds(30);
        private Duration reconcileAfter = Duration.ofSeconds(5);
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration executionExpiresAfter;
        private java.net.InetSocketAddress callbackListen;
        private java.net.URI callbackUrl;
        private int fetchThreads = 4;
        private Duration giveUpAfter = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private String store;
        private String projectId;
        private String quotaKey = "account";
        private String quotaKeyLabel;
        private Duration leaseTime = Duration.ofSeconds(30);
        private Duration databaseOutageLimit = Duration.ofMinutes(10);
        private final List<PooledKey> pooledKeys = new java.util.ArrayList<>();

        private Builder() {}

        public Builder client(SeedanceClient client) {
            this.client = client;
            return this;
        }

        public Builder outputDir(Path outputDir) {
            this.outputDir = outputDir;
            return this;
        }

        public Builder concurrency(int tasks) {
            this.concurrency = tasks;
            return this;
        }

        public Builder requestsPerMinute(int rpm) {
            this.requestsPerMinute = rpm;
            return this;
        }

        public Builder budgetCny(BigDecimal budget) {
            this.budgetCny = budget;
            return this;
        }

        public Builder prices(PriceTable prices) {
            this.prices = prices;
            return this;
        }

        public Builder videoPublisher(VideoPublisher publisher) {
            this.videoPublisher = publisher;
            return this;
        }

        public Builder maxRerolls(int rerolls) {
            this.maxRerolls = rerolls;
            return this;
        }

        public Builder pollInterval(Duration min, Duration max) {
            this.pollMin = min;
            this.pollMax = max;
            return this;
        }

        public Builder reconcileAfter(Duration wait) {
            this.reconcileAfter = wait;
            return this;
        }

        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        public Builder executionExpiresAfter(Duration expiry) {
            this.executionExpiresAfter = expiry;
            return this;
        }

        /** Receive callbacks on {@code listenOn}; the service calls {@code publicUrl} (null: the listening address). */
        public Builder callbacks(java.net.InetSocketAddress listenOn, java.net.URI publicUrl) {
            this.callbackListen = listenOn;
            this.callbackUrl = publicUrl;
            return this;
        }

        /** Results downloaded and verified at once (default 4). */
        public Builder fetchThreads(int threads) {
            this.fetchThreads = threads;
            return this;
        }

        /** Stop a run that has had no answer from the service for this long (default 5 minutes). */
        public Builder giveUpAfter(Duration silence) {
            this.giveUpAfter = silence;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Keeps the state at {@code url}: {@code jdbc:postgresql://host:port/database[?user=…&password=…]} for team
         * mode (many workers, many projects, one quota), or a SQLite file.
         *
         * @throws IllegalArgumentException at {@link #build} when the location cannot be read
         */
        public Builder store(String url) {
            this.store = url;
            return this;
        }

        /** The project's id in the store; default: the output folder's name. */
        public Builder projectId(String id) {
            this.projectId = id;
            return this;
        }

        /**
         * The API key whose limits ({@link #concurrency}, {@link #requestsPerMinute}) all workers sharing the store
         * enforce together. Only a fingerprint is kept. Without it every worker counts against one shared quota.
         */
        public Builder quotaKey(String apiKey) {
            this.quotaKey = dev.seedance4j.studio.internal.store.KeyFingerprint.of(apiKey);
            this.quotaKeyLabel = null;
            return this;
        }

        /** {@link #quotaKey(String)}, named {@code label} in status and on the board (never the key). */
        public Builder quotaKey(String apiKey, String label) {
            quotaKey(apiKey);
            this.quotaKeyLabel = Objects.requireNonNull(label, "label");
            return this;
        }

        /** How long a worker's hold on its tasks lasts without a heartbeat (default 30 s). */
        public Builder leaseTime(Duration lease) {
            this.leaseTime = lease;
            return this;
        }

        /** How long a run waits for a state database that is out of reach before it stops (default 10 min). */
        public Builder databaseOutageLimit(Duration limit) {
            this.databaseOutageLimit = limit;
            return this;
        }

        /** Adds a key to the account's pool (see {@link PooledKey}); the main key is always tried first. */
        public Builder poolKey(PooledKey key) {
            pooledKeys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        public StudioOptions build() {
            return new StudioOptions(
                    Optional.ofNullable(client),
                    Optional.ofNullable(outputDir),
                    concurrency,
                    requestsPerMinute,
                    Optional.ofNullable(budgetCny),
                    prices,
                    Optional.ofNullable(videoPublisher),
                    maxRerolls,
                    pollMin,
                    pollMax,
                    reconcileAfter,
                    clockSkew,
                    Optional.ofNullable(executionExpiresAfter),
                    Optional.ofNullable(callbackListen),
                    Optional.ofNullable(callbackUrl),
                    fetchThreads,
                    giveUpAfter,
                    clock,
                    Optional.ofNullable(store),
                    Optional.ofNullable(projectId),
                    quotaKey,
                    quotaKeyLabel == null ? quotaKey : quotaKeyLabel,
                    leaseTime,
                    databaseOutageLimit,
                    pooledKeys);
        }
    }
}
