package dev.seedance4j.client.internal;

import dev.seedance4j.client.InvalidResultLinkException;
import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.ResultExpiredException;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.SeedanceIOException;
import dev.seedance4j.client.Sleeper;
import dev.seedance4j.client.Task;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a result link to a file: streamed into a temporary file beside the target, capped at the size the result
 * can have, checked against Content-Length (and by a verifier, for images), then moved into place atomically, so
 * that the target is either absent or complete. Result links are signed third-party URLs: they get no
 * {@code Authorization} header, so the API key never leaves for them, and only http(s) links are fetched.
 */
public final class ResultDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(ResultDownloader.class);

    /** Checks a downloaded file before it replaces the target; an {@link IOException} rejects it. */
    @FunctionalInterface
    public interface Verifier {
        void verify(Path file) throws IOException;
    }

    private final HttpClient http;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Sleeper sleeper;

    public ResultDownloader(HttpClient http, RetryPolicy retry, Duration timeout, Sleeper sleeper) {
        this.http = http;
        this.retry = retry;
        this.timeout = timeout;
        this.sleeper = sleeper;
    }

    /**
     * Downloads the link {@code which} picks from {@code task} to {@code target}, at most {@code limit}. On
     * 403/404 the task is read again once through {@code reread} for a fresh link.
     */
    public void download(
            Task task,
            Function<Task, String> which,
            String what,
            Path target,
            Function<String, Task> reread,
            DownloadLimits.Limit limit) {
        String url = which.apply(task);
        if (url == null) {
            throw new SeedanceException("task " + task.id() + " has no " + what + " (status " + task.status()
                    + (what.equals("last_frame_url") ? "; was return_last_frame set?" : "") + ")");
        }
        String described = what + " of task " + task.id();
        int status = fetch(checkedLink(url, described, task.id()), described, target, limit, file -> {});
        if (status == 200) {
            return;
        }
        LOG.info("{} answered {}; reading the task again for a fresh link", described, status);
        Task fresh;
        try {
            fresh = reread.apply(task.id());
        } catch (NotFoundException gone) {
            ResultExpiredException expired = new ResultExpiredException(
                    task.id(), status, described + " answered HTTP " + status + " and the task no longer exists");
            expired.initCause(gone);
            throw expired;
        }
        String freshUrl = which.apply(fresh);
        if (freshUrl == null || freshUrl.equals(url)) {
            throw new ResultExpiredException(
                    task.id(),
                    status,
                    described + " answered HTTP " + status
                            + " and the task offers no fresh link (links live 24 h); generate it again");
        }
        int second = fetch(checkedLink(freshUrl, described, task.id()), described, target, limit, file -> {});
        if (second != 200) {
            throw new ResultExpiredException(
                    task.id(),
                    second,
                    described + " answered HTTP " + status + ", and the fresh link HTTP " + second
                            + "; generate it again");
        }
    }

    /**
     * Downloads a link that cannot be refreshed (an image result) to {@code target}, at most {@code limit}, checked
     * by {@code verifier} before it replaces the target.
     *
     * @throws ResultExpiredException when the link answers 403, 404 or 410
     */
    public void download(String url, String what, Path target, DownloadLimits.Limit limit, Verifier verifier) {
        int status = fetch(checkedLink(url, what, null), what, target, limit, verifier);
        if (status != 200) {
            throw new ResultExpiredException(
                    null, status, what + " answered HTTP " + status + " (result links expire); generate it again");
        }
    }

    /** Writes {@code bytes} to {@code target} through a temporary file and an atomic move, after {@code verifier}. */
    public static void write(byte[] bytes, Path target, Verifier verifier) {
        try {
            Path temp = tempBeside(target);
            try {
                Files.write(temp, bytes);
                verifier.verify(temp);
                moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new SeedanceIOException("cannot save " + target + ": " + e.getMessage(), e);
        }
    }

    /** The link as a URI if it is an http(s) URL with a host; otherwise {@link InvalidResultLinkException}. */
    static URI checkedLink(String url, String what, String taskId) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidResultLinkException(
                    taskId, what + " is not a valid URL (" + e.getReason() + "); nothing was fetched");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidResultLinkException(
                    taskId,
                    what + " has the scheme " + (scheme.isEmpty() ? "(none)" : scheme + ":")
                            + ", not http(s); nothing was fetched");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidResultLinkException(taskId, what + " has no valid host; nothing was fetched");
        }
        return uri;
    }

    /** Fetches {@code uri} into {@code target}; returns 200, or 403/404/410 for an expired link. */
    private int fetch(URI uri, String what, Path target, DownloadLimits.Limit limit, Verifier verifier) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        for (int attempt = 0; ; attempt++) {
            IOException failure;
            try {
                int status = fetchOnce(request, what, target, limit.bytes(), verifier);
                if (status == 200 || status == 403 || status == 404 || status == 410) {
                    return status;
                }
                failure = new IOException("HTTP " + status);
                if (status < 500 && status != 408 && status != 429) {
                    throw new SeedanceIOException("download of " + hostOf(uri) + " failed: HTTP " + status, failure);
                }
            } catch (IOException e) {
                LimitedBody.TooLargeException tooLarge = LimitedBody.find(e);
                if (tooLarge != null) {
                    // The same link would send the same bytes again: not retried.
                    throw new SeedanceIOException(
                            "download of " + hostOf(uri) + " to " + target + " refused: " + tooLarge.getMessage()
                                    + " for " + limit.basis(),
                            tooLarge);
                }
                failure = e;
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            if (attempt >= retry.maxRetries()) {
                throw new SeedanceIOException(
                        "download of " + hostOf(uri) + " failed after " + (attempt + 1) + " attempts: "
                                + failure.getMessage(),
                        failure);
            }
            Duration pause = retry.backoff(attempt);
            LOG.warn(
                    "download from {} failed ({}); retry {}/{} in {} ms",
                    hostOf(uri),
                    failure.getMessage(),
                    attempt + 1,
                    retry.maxRetries(),
                    pause.toMillis());
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
    }

    /**
     * One attempt: the body goes into a temporary file beside the target, which replaces the target atomically
     * only when complete and verified. The whole attempt is bounded by the timeout, because a request timeout alone
     * stops at the response headers and a stalled body would block forever.
     */
    private int fetchOnce(HttpRequest request, String what, Path target, long maxBytes, Verifier verifier)
            throws IOException, InterruptedException {
        Path temp = tempBeside(target);
        CompletableFuture<HttpResponse<Path>> call = http.sendAsync(
                request,
                LimitedBody.of(
                        info -> info.statusCode() == 200
                                ? HttpResponse.BodySubscribers.ofFile(temp)
                                : HttpResponse.BodySubscribers.replacing((Path) null),
                        maxBytes,
                        what));
        try {
            HttpResponse<Path> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                return response.statusCode();
            }
            OptionalLong expected = response.headers().firstValueAsLong("content-length");
            long written = Files.size(temp);
            if (expected.isPresent() && expected.getAsLong() != written) {
                throw new IOException("truncated: got " + written + " of " + expected.getAsLong() + " bytes");
            }
            verifier.verify(temp);
            moveIntoPlace(temp, target);
            return 200;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + timeout);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path tempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not createTempFile: that makes the file 0600, and the kept clip would stay unreadable to the user's group
        // whatever their umask says. A new file with no attributes gets the umask's permissions.
        return Files.createFile(dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part"));
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // Signed links carry credentials in their query: messages name the host and path only.
    private static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    private static SeedanceIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException cause = new InterruptedIOException("interrupted");
        cause.initCause(e);
        return new SeedanceIOException("download interrupted", cause);
    }
}
