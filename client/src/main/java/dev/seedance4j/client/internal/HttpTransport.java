package dev.seedance4j.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seedance4j.client.ApiError;
import dev.seedance4j.client.ApiException;
import dev.seedance4j.client.AuthenticationException;
import dev.seedance4j.client.BadRequestException;
import dev.seedance4j.client.ConflictException;
import dev.seedance4j.client.ContentModerationException;
import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.PermissionDeniedException;
import dev.seedance4j.client.QuotaExceededException;
import dev.seedance4j.client.RateLimitException;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.SeedanceIOException;
import dev.seedance4j.client.SendRefusedException;
import dev.seedance4j.client.ServerException;
import dev.seedance4j.client.Sleeper;
import dev.seedance4j.client.TaskError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the API's requests: authentication and identification headers, a bound on concurrent requests, retries
 * for requests that are safe to repeat, and the never-resend rule for create. The API key lives only here and only
 * goes into the {@code Authorization} header of requests to the base URL; every text that leaves this class
 * (exception messages from server bodies) is scrubbed of it.
 */
public final class HttpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final DateTimeFormatter REQUEST_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final char[] ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Everything a transport needs.
     *
     * @param baseUri        e.g. {@code https://ark.cn-beijing.volces.com/api/v3/} (ends with a slash)
     * @param apiKey         the bearer key
     * @param extraHeaders   sent with every API request
     * @param requestTimeout per attempt, from sending to the end of the response
     * @param retry          the retry policy
     * @param maxConcurrent  requests in flight at most
     * @param clock          time source (create windows, Retry-After dates, client request ids)
     * @param sleeper        how backoff pauses are taken
     * @param userAgent      the User-Agent header
     * @param maxResponseBytes the largest API response body read (JSON answers; image calls may allow more)
     */
    public record Config(
            URI baseUri,
            String apiKey,
            Map<String, String> extraHeaders,
            Duration requestTimeout,
            RetryPolicy retry,
            int maxConcurrent,
            Clock clock,
            Sleeper sleeper,
            String userAgent,
            long maxResponseBytes) {
        @Override
        public String toString() {
            return "Config[baseUri=" + baseUri + ", apiKey=****, requestTimeout=" + requestTimeout + ", retry=" + retry
                    + ", maxConcurrent=" + maxConcurrent + "]";
        }
    }

    /**
     * A final response.
     *
     * @param status                       HTTP status
     * @param headers                      response headers
     * @param body                         response body
     * @param clientRequestId              the X-Client-Request-Id sent
     * @param earlierAttemptMayHaveArrived whether an earlier attempt of this call may have reached the server
     * @param sentAt                       when the last attempt started sending
     * @param unansweredAttempts           earlier sends of a POST that may have been served without an answer
     */
    public record Response(
            int status,
            HttpHeaders headers,
            byte[] body,
            String clientRequestId,
            boolean earlierAttemptMayHaveArrived,
            Instant sentAt,
            int unansweredAttempts) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final Config config;
    private final Semaphore permits;
    private final ExecutorService exchanges;

    /**
     * @param exchanges runs each blocking exchange so that the caller can bound it; owned by the transport from now
     *                  on and shut down by {@link #close()}
     */
    public HttpTransport(HttpClient http, Config config, ExecutorService exchanges) {
        this.http = http;
        this.config = config;
        this.permits = new Semaphore(config.maxConcurrent(), true);
        this.exchanges = exchanges;
    }

    /** Lets exchanges in flight finish and refuses new ones. */
    public void close() {
        exchanges.shutdown();
    }

    public Clock clock() {
        return config.clock();
    }

    public Sleeper sleeper() {
        return config.sleeper();
    }

    public RetryPolicy retryPolicy() {
        return config.retry();
    }

    /**
     * Sends a request that is safe to repeat (GET, DELETE) and retries network failures, 408, 429 and 5xx as the
     * policy allows. Returns the last response, successful or not.
     *
     * @throws SeedanceIOException when the network still fails after the retries, or the thread is interrupted
     */
    public Response sendRepeatable(String method, String pathAndQuery) {
        String clientRequestId = newClientRequestId();
        boolean mayHaveArrived = false;
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = request(method, pathAndQuery, null, clientRequestId, null);
            Duration pause;
            Instant sentAt = config.clock().instant();
            try {
                HttpResponse<byte[]> response = exchange(request);
                String code = errorCode(response.statusCode(), response.body());
                boolean last = !config.retry().retryableStatus(response.statusCode(), response.headers(), code)
                        || response.statusCode() < 400
                        || attempt >= config.retry().maxRetries();
                Optional<Duration> retryAfter =
                        last ? Optional.empty() : RetryPolicy.retryAfter(response.headers(), config.clock());
                // returned as it is when not retried, or when the service asks for a longer wait than we keep
                if (last
                        || retryAfter.isPresent()
                                && retryAfter.get().compareTo(config.retry().maxRetryAfter()) > 0) {
                    return new Response(
                            response.statusCode(),
                            response.headers(),
                            response.body(),
                            clientRequestId,
                            mayHaveArrived,
                            sentAt,
                            0);
                }
                pause = retryAfter.isPresent()
                        ? retryAfter.get()
                        : config.retry().backoff(attempt);
                mayHaveArrived = true;
                LOG.warn(
                        "{} {} answered {}; retry {}/{} in {} ms",
                        method,
                        path(pathAndQuery),
                        response.statusCode(),
                        attempt + 1,
                        config.retry().maxRetries(),
                        pause.toMillis());
            } catch (IOException e) {
                if (attempt >= config.retry().maxRetries() || e instanceof LimitedBody.TooLargeException) {
                    throw new SeedanceIOException(
                            method + " " + path(pathAndQuery) + " failed after " + (attempt + 1) + " attempts: "
                                    + describe(e),
                            e);
                }
                mayHaveArrived |= !isBeforeSend(e);
                pause = config.retry().backoff(attempt);
                LOG.warn(
                        "{} {} failed ({}); retry {}/{} in {} ms",
                        method,
                        path(pathAndQuery),
                        describe(e),
                        attempt + 1,
                        config.retry().maxRetries(),
                        pause.toMillis());
            } catch (InterruptedException e) {
                throw interrupted(method, pathAndQuery, e);
            }
            try {
                config.sleeper().sleep(pause);
            } catch (InterruptedException e) {
                throw interrupted(method, pathAndQuery, e);
            }
        }
    }

    /**
     * How a POST that may cost money is sent.
     *
     * @param retryRateLimits           whether a 429 (a definite "no": nothing was made) is retried like a read
     * @param resendAfterUnknownOutcome whether a send whose outcome is unknown (a timeout or dropped connection
     *                                  after sending began, a 408, a 5xx) is sent again; otherwise it raises
     *                                  {@link OutcomeUnknown}
     * @param maxResponseBytes          the largest answer read
     */
    public record PostPolicy(boolean retryRateLimits, boolean resendAfterUnknownOutcome, long maxResponseBytes) {}

    /**
     * A POST was sent (at least partly) but no usable answer came back: what it asked for may or may not have
     * been done, and billed. Callers turn it into their public exception type.
     */
    public static final class OutcomeUnknown extends RuntimeException {
        private final Instant sentAt;
        private final Instant failedAt;
        private final int attempts;

        OutcomeUnknown(Instant sentAt, Instant failedAt, int attempts, Throwable cause) {
            super(cause.getMessage(), cause);
            this.sentAt = sentAt;
            this.failedAt = failedAt;
            this.attempts = attempts;
        }

        /** When the last send started. */
        public Instant sentAt() {
            return sentAt;
        }

        /** When the client gave up on an answer. */
        public Instant failedAt() {
            return failedAt;
        }

        /** Sends that may have been served without an answer (at least 1). */
        public int attempts() {
            return attempts;
        }
    }

    /**
     * Sends a POST under {@code policy}. A send that provably never left this machine (connection refused,
     * connect timeout) is repeated within the retry budget; so is a 429 when the policy says so. A send whose
     * outcome is unknown is repeated only when the policy says so, and counted in
     * {@link Response#unansweredAttempts()}; otherwise, or when the retries run out, {@link OutcomeUnknown} is
     * thrown. Other responses are returned as they are.
     *
     * @param gate asked right before each attempt is sent, once it holds a permit (null: always send); when it says
     *     no, nothing more is sent
     * @throws SeedanceIOException when nothing could be sent at all
     * @throws SendRefusedException when the gate said no before anything was sent
     */
    public Response sendPost(String path, byte[] body, String model, PostPolicy policy, BooleanSupplier gate) {
        String clientRequestId = newClientRequestId();
        int unanswered = 0;
        for (int attempt = 0; ; attempt++) {
            HttpRequest request = request("POST", path, body, clientRequestId, model);
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                throw interrupted("POST", path, e); // still queued here: nothing was sent
            }
            if (gate != null && !gatePasses(gate)) {
                permits.release();
                SendRefusedException refused = new SendRefusedException(
                        "POST /" + path + " not sent: the caller's gate refused it right before sending");
                if (unanswered > 0) { // an earlier attempt may have been served
                    Instant now = config.clock().instant();
                    throw new OutcomeUnknown(now, now, unanswered, refused);
                }
                throw refused;
            }
            Instant sentAt = config.clock().instant();
            boolean lastAttempt = attempt >= config.retry().maxRetries();
            Duration pause;
            try {
                HttpResponse<byte[]> response = exchangeHoldingPermit(request, policy.maxResponseBytes());
                int status = response.statusCode();
                Response answer = new Response(
                        status, response.headers(), response.body(), clientRequestId, false, sentAt, unanswered);
                if (status == 408 || status >= 500) {
                    ApiException cause = toException(answer);
                    if (!policy.resendAfterUnknownOutcome()
                            || lastAttempt
                            || !config.retry().retryableStatus(status, response.headers(), cause.code())) {
                        throw new OutcomeUnknown(sentAt, config.clock().instant(), unanswered + 1, cause);
                    }
                    unanswered++;
                    pause = config.retry().backoff(attempt);
                    LOG.warn(
                            "POST /{} answered {}, the outcome is unknown; resent as configured, retry {}/{} in {} ms",
                            path,
                            status,
                            attempt + 1,
                            config.retry().maxRetries(),
                            pause.toMillis());
                } else if (status == 429 && policy.retryRateLimits() && !lastAttempt) {
                    String code = errorCode(status, response.body());
                    Optional<Duration> retryAfter = RetryPolicy.retryAfter(response.headers(), config.clock());
                    if (!config.retry().retryableStatus(status, response.headers(), code)
                            || retryAfter.isPresent()
                                    && retryAfter.get().compareTo(config.retry().maxRetryAfter()) > 0) {
                        return answer;
                    }
                    int retry = attempt;
                    pause = retryAfter.orElseGet(() -> config.retry().backoff(retry));
                    LOG.warn(
                            "POST /{} answered 429 ({}); retry {}/{} in {} ms",
                            path,
                            code,
                            attempt + 1,
                            config.retry().maxRetries(),
                            pause.toMillis());
                } else {
                    return answer;
                }
            } catch (IOException e) {
                if (!isBeforeSend(e)) {
                    SeedanceIOException cause = new SeedanceIOException("POST /" + path + ": " + describe(e), e);
                    if (!policy.resendAfterUnknownOutcome()
                            || lastAttempt
                            || e instanceof LimitedBody.TooLargeException) {
                        throw new OutcomeUnknown(sentAt, config.clock().instant(), unanswered + 1, cause);
                    }
                    unanswered++;
                    pause = config.retry().backoff(attempt);
                    LOG.warn(
                            "POST /{} failed after sending ({}), the outcome is unknown; resent as configured, retry"
                                    + " {}/{} in {} ms",
                            path,
                            describe(e),
                            attempt + 1,
                            config.retry().maxRetries(),
                            pause.toMillis());
                } else if (lastAttempt) {
                    if (unanswered > 0) {
                        throw new OutcomeUnknown(
                                sentAt,
                                config.clock().instant(),
                                unanswered,
                                new SeedanceIOException("POST /" + path + ": " + describe(e), e));
                    }
                    throw new SeedanceIOException(
                            "POST /" + path + " could not connect after " + (attempt + 1)
                                    + " attempts (nothing was sent): " + describe(e),
                            e);
                } else {
                    pause = config.retry().backoff(attempt);
                    LOG.warn(
                            "POST /{} could not connect ({}), nothing was sent; retry {}/{} in {} ms",
                            path,
                            describe(e),
                            attempt + 1,
                            config.retry().maxRetries(),
                            pause.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OutcomeUnknown(
                        sentAt,
                        config.clock().instant(),
                        unanswered + 1,
                        new InterruptedIOException("interrupted while POST /" + path + " was in flight"));
            } finally {
                permits.release();
            }
            try {
                config.sleeper().sleep(pause);
            } catch (InterruptedException interrupted) {
                if (unanswered > 0) {
                    Thread.currentThread().interrupt();
                    throw new OutcomeUnknown(
                            sentAt,
                            config.clock().instant(),
                            unanswered,
                            new InterruptedIOException("interrupted before POST /" + path + " was resent"));
                }
                throw interrupted("POST", path, interrupted);
            }
        }
    }

    /**
     * {@link #sendPost}, with an unknown outcome turned into the caller's exception by {@code unknown} and an error
     * answer into its {@link ApiException}: returns only successful answers.
     */
    public Response post(
            String path,
            byte[] body,
            String model,
            PostPolicy policy,
            BooleanSupplier gate,
            Function<OutcomeUnknown, ? extends RuntimeException> unknown) {
        Response response;
        try {
            response = sendPost(path, body, model, policy, gate);
        } catch (OutcomeUnknown e) {
            throw unknown.apply(e);
        }
        if (!response.isSuccess()) {
            throw toException(response);
        }
        return response;
    }

    /** Parses a successful JSON body, or fails with a clear message naming the call. */
    public JsonNode json(Response response, String what) {
        try {
            return WireFormat.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new SeedanceException(
                    what + ": the response body is not JSON (client request id " + response.clientRequestId() + ")", e);
        }
    }

    /**
     * The typed exception for an {@code error} object inside a successful answer (an image call that made
     * nothing): by its code, as a 400 would be.
     */
    public ApiException toException(TaskError error, Response response) {
        ApiError apiError = new ApiError(
                response.status(),
                redact(error.code()),
                redact(error.message()),
                null,
                null,
                redact(response.headers().firstValue("x-request-id").orElse(null)),
                response.clientRequestId());
        return ContentModerationException.isModerationCode(error.code())
                ? new ContentModerationException(apiError)
                : new ApiException(apiError);
    }

    /** The typed exception for an error response. */
    public ApiException toException(Response response) {
        JsonNode root = null;
        try {
            root = WireFormat.MAPPER.readTree(response.body());
        } catch (IOException notJson) {
            // fall through: the raw text becomes the message
        }
        JsonNode error = root == null ? null : root.has("error") ? root.get("error") : root;
        String message;
        String code = null;
        String param = null;
        String type = null;
        if (error != null && error.isObject()) {
            code = WireFormat.text(error, "code");
            param = WireFormat.text(error, "param");
            type = WireFormat.text(error, "type");
            message = WireFormat.text(error, "message");
        } else {
            String raw = new String(response.body(), StandardCharsets.UTF_8).strip();
            message = raw.isEmpty() ? "(empty body)" : raw.length() > 500 ? raw.substring(0, 500) + "…" : raw;
        }
        ApiError apiError = new ApiError(
                response.status(),
                redact(code),
                redact(message),
                redact(param),
                redact(type),
                redact(response.headers().firstValue("x-request-id").orElse(null)),
                response.clientRequestId());
        int status = response.status();
        if (status == 400 || status == 422) {
            return ContentModerationException.isModerationCode(code)
                    ? new ContentModerationException(apiError)
                    : new BadRequestException(apiError);
        }
        switch (status) {
            case 401:
                return new AuthenticationException(apiError);
            case 403:
                return new PermissionDeniedException(apiError);
            case 404:
                return new NotFoundException(apiError);
            case 409:
                return new ConflictException(apiError);
            case 429:
                return RetryPolicy.isQuotaCode(code)
                        ? new QuotaExceededException(apiError)
                        : new RateLimitException(
                                apiError,
                                RetryPolicy.retryAfter(response.headers(), config.clock())
                                        .orElse(null));
            default:
                return status >= 500 ? new ServerException(apiError) : new ApiException(apiError);
        }
    }

    /** Removes the API key from text that came from elsewhere (e.g. a server echoing headers). */
    public String redact(String text) {
        return KeyMask.mask(text, config.apiKey());
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        permits.acquire();
        try {
            return exchangeHoldingPermit(request, config.maxResponseBytes());
        } finally {
            permits.release();
        }
    }

    // The whole exchange is bounded by the request timeout: HttpRequest.timeout alone ends at the response
    // headers, and a body that stalls would block the caller forever. The blocking send runs on a pooled thread
    // rather than through sendAsync, whose completion hops onto CompletableFuture's default executor: on a machine
    // of two cores or fewer that starts a new thread per call, which doubled the cost of a call (bench P7).
    // Cancelling the future interrupts send, which then aborts the exchange.
    private HttpResponse<byte[]> exchangeHoldingPermit(HttpRequest request, long maxBytes)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Future<HttpResponse<byte[]>> call;
        HttpResponse.BodyHandler<byte[]> body = LimitedBody.of(
                HttpResponse.BodyHandlers.ofByteArray(),
                maxBytes,
                "the answer to " + request.method() + " " + request.uri().getPath());
        try {
            call = exchanges.submit(() -> http.send(request, body));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("this SeedanceClient is closed", e);
        }
        try {
            HttpResponse<byte[]> response = call.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug(
                    "{} {} -> {} in {} ms",
                    request.method(),
                    request.uri().getPath(),
                    response.statusCode(),
                    (System.nanoTime() - start) / 1_000_000);
            return response;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LimitedBody.TooLargeException tooLarge = LimitedBody.find(cause);
            if (tooLarge != null) {
                throw tooLarge;
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + config.requestTimeout());
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    private HttpRequest request(String method, String pathAndQuery, byte[] body, String clientRequestId, String model) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.baseUri().resolve(pathAndQuery))
                .timeout(config.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", config.userAgent())
                .header("X-Client-Request-Id", clientRequestId);
        config.extraHeaders().forEach(builder::header);
        builder.header("Authorization", "Bearer " + config.apiKey());
        if (model != null) {
            builder.header("X-Request-Model", model);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private String errorCode(int status, byte[] body) {
        if (status < 400) {
            return null;
        }
        try {
            JsonNode root = WireFormat.MAPPER.readTree(body);
            return root == null ? null : WireFormat.text(root.path("error"), "code");
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A gate that fails counts as a no: the caller could not confirm that it may send. */
    private static boolean gatePasses(BooleanSupplier gate) {
        try {
            return gate.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("the gate of a POST failed, so it is not sent: {}", e.toString());
            return false;
        }
    }

    /** Whether the exception proves that the request never left this machine. */
    static boolean isBeforeSend(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private SeedanceIOException interrupted(String method, String pathAndQuery, InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException cause = new InterruptedIOException("interrupted");
        cause.initCause(e);
        return new SeedanceIOException(method + " " + path(pathAndQuery) + " was interrupted", cause);
    }

    private String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + redact(message));
    }

    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return "/" + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
    }

    // Same shape as the official SDKs': yyyyMMddHHmmss + 20 alphanumerics.
    private String newClientRequestId() {
        StringBuilder id =
                new StringBuilder(LocalDateTime.ofInstant(config.clock().instant(), ZoneOffset.UTC)
                        .format(REQUEST_ID_TIME));
        for (int i = 0; i < 20; i++) {
            id.append(ALNUM[RANDOM.nextInt(ALNUM.length)]);
        }
        return id.toString();
    }
}
