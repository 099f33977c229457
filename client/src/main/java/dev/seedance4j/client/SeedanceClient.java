package dev.seedance4j.client;

import dev.seedance4j.client.internal.DownloadLimits;
import dev.seedance4j.client.internal.HttpTransport;
import dev.seedance4j.client.internal.ResultDownloader;
import dev.seedance4j.client.internal.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client of the Ark APIs: video generation tasks ({@link #tasks()}), chat completions ({@link #chat()}) and
 * image generation ({@link #images()}). Build one per application and share it: it is thread-safe.
 *
 * <pre>{@code
 * try (SeedanceClient client = SeedanceClient.fromEnv()) {          // ARK_API_KEY, optional ARK_BASE_URL
 *     String id = client.tasks().create(
 *             CreateTaskRequest.textToVideo(Model.SEEDANCE_2_0, "小猫对着镜头打哈欠").duration(5).build());
 *     Task done = client.waiter().await(id);
 *     if (done.isSucceeded()) {
 *         client.download(done, Path.of("cat.mp4"));
 *     }
 * }
 * }</pre>
 *
 * <p>Chat completions and Seedream images use the same key and the same rules:
 * <pre>{@code
 * ChatResponse shots = client.chat().create(ChatRequest.builder(Model.SEED_1_6).user("把这一场拆成镜头，输出 JSON：……")
 *         .responseFormat(ResponseFormat.jsonObject()).thinking(Thinking.DISABLED).build());
 * ImageResponse sheet = client.images().generate(
 *         ImageRequest.builder(Model.SEEDREAM_4_5, "林夏的角色设定图", ImageSize.of(2560, 1440)).build());
 * client.images().download(sheet.images().get(0), Path.of("lin.png"));
 * }</pre>
 *
 * <p>Or configure everything:
 * <pre>{@code
 * SeedanceClient client = SeedanceClient.builder()
 *     .apiKey(key)
 *     .baseUrl("http://127.0.0.1:8080/api/v3")   // e.g. the emulator
 *     .requestTimeout(Duration.ofSeconds(30))
 *     .maxRetries(3)
 *     .maxConcurrentRequests(8)
 *     .header("X-Project-Name", "drama")
 *     .build();
 * }</pre>
 *
 * <p>The API key is sent only in the {@code Authorization} header of API requests; it never appears in
 * {@code toString}, logs or exception messages, and is never sent to result links.
 */
public final class SeedanceClient implements AutoCloseable {
    /** The public endpoint in Beijing. */
    public static final String DEFAULT_BASE_URL = "https://ark.cn-beijing.volces.com/api/v3";

    private static final String USER_AGENT = "seedance4j/0.1 (java-" + System.getProperty("java.version") + ")";

    private final URI baseUri;
    private final Duration requestTimeout;
    private final HttpTransport transport;
    private final ResultDownloader downloader;
    private final Tasks tasks;
    private final Chat chat;
    private final Images images;
    private final ModelTable models;
    private final ExecutorService ownedExecutor;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SeedanceClient(Builder b) {
        this.baseUri = b.baseUri;
        this.requestTimeout = b.requestTimeout;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        RetryPolicy retry = new RetryPolicy(b.maxRetries, b.initialBackoff, b.maxBackoff, b.maxRetryAfter);
        // API calls never follow redirects (the Authorization header must not travel); result links may.
        HttpClient api = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpClient files = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.transport = new HttpTransport(
                api,
                new HttpTransport.Config(
                        baseUri,
                        b.apiKey,
                        Map.copyOf(b.headers),
                        b.requestTimeout,
                        retry,
                        b.maxConcurrentRequests,
                        b.clock,
                        b.sleeper,
                        USER_AGENT,
                        b.maxResponseBytes),
                Executors.newCachedThreadPool(daemonThreads("seedance-http-")));
        this.downloader = new ResultDownloader(files, retry, b.downloadTimeout, b.sleeper);
        Executor executor = b.executor;
        if (executor == null) {
            ownedExecutor = Executors.newCachedThreadPool(daemonThreads("seedance-client-"));
            executor = ownedExecutor;
        } else {
            ownedExecutor = null;
        }
        Executor open = executor;
        Executor checked = command -> {
            ensureOpen();
            open.execute(command);
        };
        this.models = b.models != null ? b.models : ModelTable.defaults();
        this.tasks = new Tasks(transport, models, b.maxResponseBytes, checked, this::ensureOpen);
        this.chat = new Chat(
                transport, models, b.resendChatAfterUnknownOutcome, b.maxResponseBytes, checked, this::ensureOpen);
        this.images = new Images(
                transport,
                downloader,
                models,
                b.resendImagesAfterUnknownOutcome,
                b.maxResponseBytes,
                checked,
                this::ensureOpen);
    }

    /** A builder; {@link Builder#apiKey} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment: {@code ARK_API_KEY} (required), {@code ARK_BASE_URL} (default
     * {@value #DEFAULT_BASE_URL}) and {@code SEEDANCE_MODELS} (an override file of the {@link ModelTable}).
     *
     * @throws SeedanceException when {@code ARK_API_KEY} is not set
     */
    public static SeedanceClient fromEnv() {
        return builder().environment(System.getenv()).build();
    }

    /** The task endpoints. */
    public Tasks tasks() {
        return tasks;
    }

    /** Chat completions. */
    public Chat chat() {
        return chat;
    }

    /** Image generation (Seedream). */
    public Images images() {
        return images;
    }

    /**
     * How long one attempt of a request may take, from sending to the end of its answer ({@link
     * Builder#requestTimeout}): a create that its gate let through has landed or failed within it.
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The model table requests are validated by. */
    public ModelTable modelTable() {
        return models;
    }

    /** A waiter with the default schedule (5 s growing to 30 s between polls, 1 hour deadline). */
    public TaskWaiter waiter() {
        return TaskWaiter.builder(this).build();
    }

    /**
     * Saves the task's {@code video_url} to {@code target} (through a temporary file and an atomic move, checked
     * against Content-Length). When the link answers 403/404, the task is read again once for a fresh link. Only
     * http(s) links are fetched, and no more bytes than a clip of the task's resolution, ratio and length can have
     * (2 bits per pixel per frame, plus 16 MB): a larger body is refused, not saved.
     *
     * @return {@code target}
     * @throws ResultExpiredException      when no working link can be had
     * @throws InvalidResultLinkException  when the link is not an http(s) URL with a host
     * @throws SeedanceIOException         when the download keeps failing or is larger than a clip can be
     */
    public Path download(Task task, Path target) {
        ensureOpen();
        downloader.download(task, Task::videoUrl, "video_url", target, tasks::get, DownloadLimits.video(task));
        return target;
    }

    /** Saves the task's {@code last_frame_url} (a png; needs {@code return_last_frame}) like {@link #download}. */
    public Path downloadLastFrame(Task task, Path target) {
        ensureOpen();
        downloader.download(
                task, Task::lastFrameUrl, "last_frame_url", target, tasks::get, DownloadLimits.lastFrame(task));
        return target;
    }

    /** The base URL requests go to. */
    public URI baseUrl() {
        return baseUri;
    }

    Clock clock() {
        return clock;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    /** Refuses new calls and stops the client's own threads. Calls in flight finish. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
            if (ownedExecutor != null) ownedExecutor.shutdown();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this SeedanceClient is closed");
        }
    }

    @Override
    public String toString() {
        return "SeedanceClient[baseUrl=" + baseUri + ", apiKey=****" + (closed.get() ? ", closed" : "") + "]";
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures a {@link SeedanceClient}. */
    public static final class Builder {
        private String apiKey;
        private URI baseUri = normalize(DEFAULT_BASE_URL);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration downloadTimeout = Duration.ofMinutes(10);
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private int maxConcurrentRequests = 16;
        private long maxResponseBytes = 16L * 1024 * 1024;
        private boolean resendChatAfterUnknownOutcome = true;
        private boolean resendImagesAfterUnknownOutcome;
        private ModelTable models;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Executor executor;

        private Builder() {}

        /** The Ark API key (required). Never printed. */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw new IllegalArgumentException("the API key is blank or contains whitespace/control characters");
            }
            this.apiKey = apiKey;
            return this;
        }

        /** e.g. {@code https://ark.ap-southeast.bytepluses.com/api/v3} or an emulator's URL. */
        public Builder baseUrl(String baseUrl) {
            this.baseUri = normalize(Objects.requireNonNull(baseUrl, "baseUrl"));
            return this;
        }

        /**
         * Takes {@code ARK_API_KEY}, {@code ARK_BASE_URL} and {@code SEEDANCE_MODELS} from {@code environment} where
         * set.
         */
        public Builder environment(Map<String, String> environment) {
            String key = environment.get("ARK_API_KEY");
            if (key == null || key.isBlank()) {
                throw new SeedanceException("ARK_API_KEY is not set: export your Ark API key, or point "
                        + "ARK_BASE_URL at the emulator and set any key");
            }
            apiKey(key.strip());
            this.models = ModelTable.fromEnvironment(environment);
            String base = environment.get("ARK_BASE_URL");
            if (base != null && !base.isBlank()) {
                baseUrl(base.strip());
            }
            return this;
        }

        /** Time to establish a connection (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Time for one API request and its response (default 60 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Time for one download attempt (default 10 min). */
        public Builder downloadTimeout(Duration timeout) {
            this.downloadTimeout = positive(timeout, "downloadTimeout");
            return this;
        }

        /** Retries after the first attempt for requests safe to repeat (default 2; 0 disables). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** First and longest computed pause between retries (default 0.5 s doubling up to 8 s, 25 % jitter). */
        public Builder retryBackoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            this.maxBackoff = positive(max, "max backoff");
            return this;
        }

        /** The longest {@code Retry-After} the client waits by itself (default 60 s); longer ones end retries. */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = positive(max, "maxRetryAfter");
            return this;
        }

        /** API requests in flight at most, across threads (default 16). */
        public Builder maxConcurrentRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be >= 1: " + max);
            }
            this.maxConcurrentRequests = max;
            return this;
        }

        /**
         * The largest API answer read, in bytes (default 16 MB; a task list of 500 items is well under 1 MB). A
         * larger answer is an error, not an allocation: to a create or a chat call it makes the outcome unknown.
         */
        public Builder maxResponseBytes(long max) {
            if (max < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024: " + max);
            }
            this.maxResponseBytes = max;
            return this;
        }

        /**
         * Whether a chat completion whose outcome is unknown (a timeout, a dropped connection after sending, a
         * 408 or 5xx) is sent again, within {@link #maxRetries} (default true). Chat calls are idempotent in effect
         * but billed per call: each such send is counted in {@link ChatResponse#unansweredAttempts()} so that a
         * ledger can record it. Off: {@link ChatOutcomeUnknownException} instead.
         */
        public Builder resendChatAfterUnknownOutcome(boolean resend) {
            this.resendChatAfterUnknownOutcome = resend;
            return this;
        }

        /**
         * Whether an image generation call whose outcome is unknown is sent again (default false). Images are billed
         * per image and the API has no way to look a call up afterwards, so by default such a call raises
         * {@link ImagesOutcomeUnknownException} and the caller decides (and records the possible cost). On: resent
         * within {@link #maxRetries}, each such send counted in {@link ImageResponse#unansweredAttempts()}.
         */
        public Builder resendImagesAfterUnknownOutcome(boolean resend) {
            this.resendImagesAfterUnknownOutcome = resend;
            return this;
        }

        /**
         * The model table requests are validated by (default {@link ModelTable#defaults()}, or
         * {@link ModelTable#fromEnvironment} for {@link #environment}).
         */
        public Builder modelTable(ModelTable table) {
            this.models = Objects.requireNonNull(table, "table");
            return this;
        }

        /** A header sent with every API request, e.g. {@code X-Project-Name}. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.equalsIgnoreCase("Authorization")) {
                throw new IllegalArgumentException("set the key with apiKey(), not as a header");
            }
            headers.put(name, value);
            return this;
        }

        /** The clock (tests; default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How pauses are taken (tests; default {@link Sleeper#system()}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Where the {@code ...Async} calls run (default: the client's own daemon threads). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public SeedanceClient build() {
            if (apiKey == null) {
                throw new IllegalStateException("apiKey is required (or use SeedanceClient.fromEnv())");
            }
            return new SeedanceClient(this);
        }

        private static URI normalize(String url) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + url);
            }
            return URI.create(url.endsWith("/") ? url : url + "/");
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        @Override
        public String toString() {
            return "SeedanceClient.Builder[baseUrl=" + baseUri + ", apiKey=" + (apiKey == null ? "unset" : "****")
                    + "]";
        }
    }
}
