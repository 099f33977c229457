package dev.seedance4j.emulator;

import dev.seedance4j.emulator.internal.chat.ChatService;
import dev.seedance4j.emulator.internal.genai.FaultPlan;
import dev.seedance4j.emulator.internal.genai.GenAi;
import dev.seedance4j.emulator.internal.genai.GenAiConfig;
import dev.seedance4j.emulator.internal.http.ApiServer;
import dev.seedance4j.emulator.internal.images.ImageService;
import dev.seedance4j.emulator.internal.render.FfmpegVideoRenderer;
import dev.seedance4j.emulator.internal.service.MediaFetcher;
import dev.seedance4j.emulator.internal.service.ModelTable;
import dev.seedance4j.emulator.internal.service.RealFaces;
import dev.seedance4j.emulator.internal.service.ServiceConfig;
import dev.seedance4j.emulator.internal.service.TaskService;
import dev.seedance4j.media.Ffmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A local Seedance service on Volcengine Ark's wire contract that renders real MP4 files: the same paths, JSON,
 * status codes, errors and task lifecycle, so that any Ark client (ours or the official SDKs) works against it
 * unchanged. Use it like OkHttp's MockWebServer:
 *
 * <pre>{@code
 * try (Emulator emulator = Emulator.builder().timeScale(0).build().start()) {
 *     String baseUrl = emulator.baseUrl();            // http://127.0.0.1:<port>/api/v3
 *     // ... point a client at baseUrl with any Bearer key ...
 *     emulator.clock().advance(Duration.ofHours(25));  // result URLs expire, cancelled records vanish
 *     assertEquals(1, emulator.stats().creates());
 * }
 * }</pre>
 *
 * <p>Under {@code /api/v3} it serves video tasks, chat completions ({@code /chat/completions}, deterministic replies
 * that honour {@code response_format}) and image generation ({@code /images/generations}, real PNG/JPEG images).
 * Besides, it serves result files under {@code /files/...} (signed, expiring) and introspection under
 * {@code /emulator/}: {@code GET stats}, {@code POST reset}, {@code GET clock}, {@code POST clock/advance?seconds=N}.
 *
 * <p>Built with a {@link Builder#dataDirectory data directory}, the emulator survives its process as the service
 * does: every task (state, times, usage, inputs and results) is kept there and taken up again by the next emulator
 * started on that directory; one emulator at a time may use it. Without one, everything lives in a temporary
 * directory deleted on close.
 */
public final class Emulator implements AutoCloseable {

    private final Builder settings;
    private final EmulatorClock clock;
    private final Path dataDirectory;
    private final boolean ownsDataDirectory;
    private FileChannel lockChannel;
    private TaskService service;
    private GenAi genai;
    private ApiServer server;
    private Runnable sweepOnAdvance;
    private boolean closed;

    private Emulator(Builder settings) {
        this.settings = settings;
        this.clock = settings.clock != null ? settings.clock : EmulatorClock.system();
        try {
            this.ownsDataDirectory = settings.dataDirectory == null;
            this.dataDirectory = ownsDataDirectory
                    ? Files.createTempDirectory("seedance-emulator-")
                    : Files.createDirectories(settings.dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the emulator's data directory", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts serving (after taking up the tasks kept in a persistent data directory); returns this for chaining.
     *
     * @throws IllegalArgumentException when the model table given to {@link Builder#modelTable} is not valid
     * @throws IllegalStateException    when another emulator uses the same data directory
     */
    public synchronized Emulator start() {
        if (server != null || closed) throw new IllegalStateException(closed ? "closed" : "already started");
        ModelTable models = ModelTable.load(settings.modelTable);
        Ffmpeg ffmpeg = settings.ffmpeg != null ? settings.ffmpeg : Ffmpeg.locate();
        VideoRenderer renderer = new FfmpegVideoRenderer(ffmpeg);
        if (!ownsDataDirectory) lockDataDirectory();
        ServiceConfig config = new ServiceConfig(
                settings.timeScale,
                settings.faults,
                settings.concurrency,
                settings.concurrencyByModel,
                settings.rpm,
                settings.rpmByModel,
                settings.queueLimit,
                settings.resultUrlTtl,
                settings.assetDirectory,
                settings.moderatedWords,
                settings.endpoints,
                settings.callbackTimeout,
                settings.callbackRetryDelay,
                settings.fetchTimeout,
                settings.renderThreads,
                models,
                !ownsDataDirectory);
        RealFaces realFaces = new RealFaces(settings.realFaces);
        MediaFetcher fetcher = new MediaFetcher(settings.fetchTimeout, settings.assetDirectory, ffmpeg, realFaces);
        service = new TaskService(config, clock, dataDirectory, renderer, fetcher, ffmpeg);
        genai = new GenAi(
                new GenAiConfig(
                        settings.endpoints,
                        settings.moderatedWords,
                        settings.rpmByModel,
                        settings.resultUrlTtl,
                        models,
                        settings.chatFaultPlan,
                        settings.imageFaultPlan,
                        settings.renderThreads),
                clock,
                dataDirectory,
                service,
                fetcher,
                realFaces);
        try {
            server = new ApiServer(
                    service,
                    genai,
                    settings.apiKeys,
                    clock,
                    new InetSocketAddress(settings.host, settings.port),
                    settings.httpThreads);
            server.downloadPace(settings.downloadRate, settings.downloadLatency);
        } catch (IOException e) {
            service.close();
            unlockDataDirectory();
            throw new UncheckedIOException("cannot listen on " + settings.host + ":" + settings.port, e);
        }
        server.start();
        service.publicBaseUrl(rootUrl());
        genai.publicBaseUrl(rootUrl());
        service.start();
        genai.sweep(); // images a previous emulator kept whose URLs have expired since
        sweepOnAdvance = () -> {
            service.sweep();
            genai.sweep();
        };
        clock.onAdvance(sweepOnAdvance);
        return this;
    }

    /** Two emulators on one data directory would run (and pay for) the same stored tasks twice. */
    private void lockDataDirectory() {
        Path lockFile = dataDirectory.resolve(".lock");
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another emulator of this JVM
            }
            if (lock == null) {
                unlockDataDirectory();
                throw new IllegalStateException("another emulator is using the data directory " + dataDirectory
                        + " (is another run of the same project still going?)");
            }
        } catch (IOException e) {
            unlockDataDirectory();
            throw new UncheckedIOException("cannot lock the emulator's data directory " + dataDirectory, e);
        }
    }

    private void unlockDataDirectory() {
        if (lockChannel == null) return;
        try {
            lockChannel.close(); // releases the lock
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
        lockChannel = null;
    }

    /** The port the emulator listens on (the chosen one when built with port 0). */
    public int port() {
        return running().port();
    }

    /** Scheme, host and port, e.g. {@code http://127.0.0.1:49152}. */
    public String rootUrl() {
        String host = settings.host.contains(":") ? "[" + settings.host + "]" : settings.host;
        return "http://" + host + ":" + port();
    }

    /** The Ark base URL to give clients: {@code http://127.0.0.1:<port>/api/v3}. */
    public String baseUrl() {
        return rootUrl() + "/api/v3";
    }

    /** What the emulator has received and done since it started or was last reset. */
    public EmulatorStats stats() {
        running();
        return genai.stats(service.stats());
    }

    /** The clock behind expiry, retention and URL lifetimes; advance it to skip time. */
    public EmulatorClock clock() {
        return clock;
    }

    /** Forgets every task, counter and file, as a fresh emulator on the same port. */
    public void reset() {
        running();
        service.reset();
        genai.reset();
    }

    /** Where inputs and rendered files live. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    private ApiServer running() {
        if (server == null) throw new IllegalStateException("the emulator is not started");
        return server;
    }

    /**
     * Stops serving and rendering; deletes a temporary data directory, keeps a given one (with its tasks as they
     * are, to be taken up by the next emulator on it). Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (sweepOnAdvance != null) clock.removeAdvanceListener(sweepOnAdvance);
        if (server != null) server.close();
        if (service != null) service.close();
        unlockDataDirectory();
        if (ownsDataDirectory) deleteTree(dataDirectory);
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException e) {
            // a file still held by a finishing ffmpeg; the temp directory is the OS's to clean then
        }
    }

    /**
     * Settings of an emulator. Defaults: loopback on a random port, time scale 0.01 (a 5 s 720p clip takes about
     * 1.5 s), no faults, any API key, the built-in model table's concurrency and RPM per model, 1000 queued tasks,
     * result URLs valid 24 h, callbacks answered within 5 s and re-sent after 1 s, reference media fetched within
     * 30 s, a temporary data directory.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private double timeScale = 0.01;
        private Faults faults = Faults.none();
        private final Set<String> apiKeys = new LinkedHashSet<>();
        private int concurrency;
        private final Map<String, Integer> concurrencyByModel = new HashMap<>();
        private int rpm;
        private final Map<String, Integer> rpmByModel = new HashMap<>();
        private int queueLimit = 1000;
        private Duration resultUrlTtl = Duration.ofHours(24);
        private Path assetDirectory;
        private final Set<String> moderatedWords = new LinkedHashSet<>();
        private final Map<String, String> endpoints = new HashMap<>();
        private Duration callbackTimeout = Duration.ofSeconds(5);
        private Duration callbackRetryDelay = Duration.ofSeconds(1);
        private Duration fetchTimeout = Duration.ofSeconds(30);
        private long downloadRate;
        private Duration downloadLatency = Duration.ZERO;
        private int renderThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int httpThreads = 256;
        private Path dataDirectory;
        private Path modelTable;
        private EmulatorClock clock;
        private Ffmpeg ffmpeg;
        private final Set<String> realFaces = new LinkedHashSet<>();
        private final List<String> chatFaultPlan = new ArrayList<>();
        private final List<String> imageFaultPlan = new ArrayList<>();

        private Builder() {}

        /** Address to bind; {@code 127.0.0.1} by default ({@code 0.0.0.0} exposes it to the network). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Multiplier of realistic run times: 1 = minutes like the service, 0 = only rendering time. */
        public Builder timeScale(double scale) {
            if (!(scale >= 0)) throw new IllegalArgumentException("timeScale must be >= 0: " + scale);
            this.timeScale = scale;
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        /** Only these Bearer keys are accepted (default: any non-empty key). */
        public Builder apiKeys(String... keys) {
            apiKeys.addAll(List.of(keys));
            return this;
        }

        /**
         * Running tasks per model (default: the model table's, 10 for most models, 5 for 1.0 lite); more wait
         * {@code queued}, by priority then in order.
         */
        public Builder concurrency(int tasks) {
            this.concurrency = positive("concurrency", tasks);
            return this;
        }

        public Builder concurrency(String model, int tasks) {
            concurrencyByModel.put(model, positive("concurrency", tasks));
            return this;
        }

        /** Video creates per minute for every video model (default: the model table's, 600, 300 for the 1.0 lite models). */
        public Builder rpm(int perMinute) {
            this.rpm = positive("rpm", perMinute);
            return this;
        }

        /** Per model: video creates, chat requests or images per minute (default: the model table's). */
        public Builder rpm(String model, int perMinute) {
            rpmByModel.put(model, positive("rpm", perMinute));
            return this;
        }

        /** Queued tasks in the account before creates get 429 {@code QuotaExceeded} (default 1000). */
        public Builder queueLimit(int tasks) {
            this.queueLimit = positive("queueLimit", tasks);
            return this;
        }

        /** How long result URLs work (default 24 h). */
        public Builder resultUrlTtl(Duration ttl) {
            this.resultUrlTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** Folder of {@code asset://<id>} files, named {@code <id>} or {@code <id>.<ext>}. */
        public Builder assetDirectory(Path directory) {
            this.assetDirectory = directory;
            return this;
        }

        /**
         * Prompts (video, image) and chat messages containing one of these words (case-insensitive) get 400
         * {@code InputTextSensitiveContentDetected}.
         */
        public Builder moderatedWords(String... words) {
            moderatedWords.addAll(List.of(words));
            return this;
        }

        /** Accepts an endpoint id ({@code ep-...}) in {@code model}, standing for {@code modelId} (any API). */
        public Builder endpoint(String endpointId, String modelId) {
            endpoints.put(endpointId, modelId);
            return this;
        }

        /** How long a callback receiver has to answer 2xx (default 5 s). */
        public Builder callbackTimeout(Duration timeout) {
            this.callbackTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Pause before re-sending a terminal callback (default 1 s). */
        public Builder callbackRetryDelay(Duration delay) {
            this.callbackRetryDelay = Objects.requireNonNull(delay);
            return this;
        }

        /**
         * How long fetching one reference medium may take in all: connecting, the headers and the whole body (default
         * 30 s). A server that drips its body is cut off then, and the create answers 400.
         */
        public Builder fetchTimeout(Duration timeout) {
            this.fetchTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Serves result files (videos, last frames, images) at most this fast, in bytes per second per download, as a
         * real object store does far from the client (0, the default: as fast as loopback allows).
         */
        public Builder downloadRate(long bytesPerSecond) {
            if (bytesPerSecond < 0)
                throw new IllegalArgumentException("downloadRate must be >= 0 bytes/s: " + bytesPerSecond);
            this.downloadRate = bytesPerSecond;
            return this;
        }

        /** Waits this long before answering each result-file download: a real store's first-byte latency. */
        public Builder downloadLatency(Duration latency) {
            if (latency.isNegative())
                throw new IllegalArgumentException("downloadLatency must not be negative: " + latency);
            this.downloadLatency = latency;
            return this;
        }

        /** ffmpeg processes rendering clips at once, and images rendered at once (default: the number of cores). */
        public Builder renderThreads(int threads) {
            this.renderThreads = positive("renderThreads", threads);
            return this;
        }

        /**
         * Threads that read and answer requests (default 256). A connection holds one while its request arrives, so
         * slow clients cannot hold them all: the JDK server closes a connection whose request line, headers and body
         * have not arrived within {@code sun.net.httpserver.maxReqTime} seconds (the emulator sets 30 unless the
         * property is set before the first HTTP server of the JVM starts). Requests beyond wait in a bounded queue.
         */
        public Builder httpThreads(int threads) {
            this.httpThreads = positive("httpThreads", threads);
            return this;
        }

        /**
         * Where tasks, inputs and results are kept. Given, it makes the emulator persistent: its tasks survive the
         * process and are taken up by the next emulator started on this directory (running tasks finish when they
         * would have). Default: a temporary folder deleted on close.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /**
         * A JSON file laid over the built-in model table (see the README's emulator section): video models' limits and
         * prices, image models' limits and prices, chat models' capabilities (which accept {@code json_schema},
         * thinking types and default, {@code reasoning_effort}, token bounds, RPM and TPM). An entry with a known
         * {@code id} changes the fields it gives, a new id adds a model.
         */
        public Builder modelTable(Path file) {
            this.modelTable = file;
            return this;
        }

        /** The clock to use (default: a fresh {@link EmulatorClock#system()}). */
        public Builder clock(EmulatorClock clock) {
            this.clock = clock;
            return this;
        }

        /** The ffmpeg used to probe inputs and render (default: {@link Ffmpeg#locate()}). */
        public Builder ffmpeg(Ffmpeg ffmpeg) {
            this.ffmpeg = ffmpeg;
            return this;
        }

        /**
         * Reference images to refuse as photographs of real people (400
         * {@code InputImageSensitiveContentDetected.PrivacyInformation}), by the SHA-256 of their bytes in hex. Images
         * the emulator generated from a photorealistic prompt are refused without being listed; {@code asset://}
         * images never are.
         */
        public Builder realFaces(String... sha256) {
            for (String hash : sha256) {
                String hex = hash.trim().toLowerCase(Locale.ROOT);
                if (!hex.matches("[0-9a-f]{64}"))
                    throw new IllegalArgumentException("a real-face SHA-256 must be 64 hex digits, got " + hash);
                realFaces.add(hex);
            }
            return this;
        }

        /** As {@link #realFaces(String...)}, by the image files themselves. */
        public Builder realFaces(Path... images) {
            for (Path image : images) {
                try {
                    realFaces.add(RealFaces.sha256(Files.readAllBytes(image)));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read the real-face image " + image + ": " + e);
                }
            }
            return this;
        }

        /**
         * The faults of the first chat completions, one per request in order: {@code ok} (none), {@code invalid-json},
         * {@code truncate}, {@code schema-violation}, {@code content-filter}, {@code 429}, {@code 500}, {@code drop},
         * {@code drop-after}. Afterwards the {@link Faults} rates apply. A request's {@code X-Emulator-Fault} header
         * takes precedence.
         */
        public Builder chatFaultPlan(String... faults) {
            new FaultPlan("chat", List.of(faults), ChatService.FAULTS); // names a bad entry
            chatFaultPlan.addAll(List.of(faults));
            return this;
        }

        /**
         * The faults of the first image generations: {@code ok}, {@code moderation} (every image of the request fails
         * output moderation), {@code 429}, {@code 500}, {@code drop}, {@code drop-after}.
         */
        public Builder imageFaultPlan(String... faults) {
            new FaultPlan("image", List.of(faults), ImageService.FAULTS);
            imageFaultPlan.addAll(List.of(faults));
            return this;
        }

        public Emulator build() {
            return new Emulator(this);
        }

        private static int positive(String name, int value) {
            if (value <= 0) throw new IllegalArgumentException(name + " must be positive: " + value);
            return value;
        }
    }
}
