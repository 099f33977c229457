package dev.seedance4j.client.internal;

import dev.seedance4j.client.NotFoundException;
import dev.seedance4j.client.ResultExpiredException;
import dev.seedance4j.client.SeedanceException;
import dev.seedance4j.client.SeedanceIOException;
import dev.seedance4j.client.Sleeper;
import dev.seedance4j.client.Task;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a result link to a file: streamed into a temporary file beside the target, checked against
 * Content-Length, then moved into place atomically, so that the target is either absent or complete. Result links
 * are signed third-party URLs: they get no {@code Authorization} header, so the API key never leaves for them.
 */
public final class ResultDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(ResultDownloader.class);

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
     * Downloads the link {@code which} picks from {@code task} to {@code target}. On 403/404 the task is read
     * again once through {@code reread} for a fresh link.
     */
    public void download(
            Task task, Function<Task, String> which, String what, Path target, Function<String, Task> reread) {
        String url = which.apply(task);
        if (url == null) {
            throw new SeedanceException("task " + task.id() + " has no " + what + " (status " + task.status()
                    + (what.equals("last_frame_url") ? "; was return_last_frame set?" : "") + ")");
        }
        int status = fetch(url, target);
        if (status == 200) {
            return;
        }
        LOG.info("{} of task {} answered {}; reading the task again for a fresh link", what, task.id(), status);
        Task fresh;
        try {
            fresh = reread.apply(task.id());
        } catch (NotFoundException gone) {
            ResultExpiredException expired = new ResultExpiredException(
                    task.id(),
                    status,
                    what + " of task " + task.id() + " answered HTTP " + status + " and the task no longer exists");
            expired.initCause(gone);
            throw expired;
        }
        String freshUrl = which.apply(fresh);
        if (freshUrl == null || freshUrl.equals(url)) {
            throw new ResultExpiredException(
                    task.id(),
                    status,
                    what + " of task " + task.id() + " answered HTTP " + status
                            + " and the task offers no fresh link (links live 24 h); generate it again");
        }
        int second = fetch(freshUrl, target);
        if (second != 200) {
            throw new ResultExpiredException(
                    task.id(),
                    second,
                    what + " of task " + task.id() + " answered HTTP " + status + ", and the fresh link HTTP " + second
                            + "; generate it again");
        }
    }

    /** Fetches {@code url} into {@code target}; returns 200, or 403/404/410 for an expired link. */
    private int fetch(String url, Path target) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        for (int attempt = 0; ; attempt++) {
            IOException failure;
            try {
                int status = fetchOnce(request, target);
                if (status == 200 || status == 403 || status == 404 || status == 410) {
                    return status;
                }
                failure = new IOException("HTTP " + status);
                if (status < 500 && status != 408 && status != 429) {
                    throw new SeedanceIOException("download of " + hostOf(url) + " failed: HTTP " + status, failure);
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            if (attempt >= retry.maxRetries()) {
                throw new SeedanceIOException(
                        "download of " + hostOf(url) + " failed after " + (attempt + 1) + " attempts: "
                                + failure.getMessage(),
                        failure);
            }
            Duration pause = retry.backoff(attempt);
            LOG.warn(
                    "download from {} failed ({}); retry {}/{} in {} ms",
                    hostOf(url),
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
     * only when complete. The whole attempt is bounded by the timeout, because a request timeout alone stops at
     * the response headers and a stalled body would block forever.
     */
    private int fetchOnce(HttpRequest request, Path target) throws IOException, InterruptedException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not createTempFile: that makes the file 0600, and the kept clip would stay unreadable to the user's group
        // whatever their umask says. A new file with no attributes gets the umask's permissions.
        Path temp =
                Files.createFile(dir.resolve("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part"));
        CompletableFuture<HttpResponse<Path>> call = http.sendAsync(
                request,
                info -> info.statusCode() == 200
                        ? HttpResponse.BodySubscribers.ofFile(temp)
                        : HttpResponse.BodySubscribers.replacing((Path) null));
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
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
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

    // Signed links carry credentials in their query: messages name the host only.
    private static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        } catch (IllegalArgumentException e) {
            return "the result link";
        }
    }

    private static SeedanceIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException cause = new InterruptedIOException("interrupted");
        cause.initCause(e);
        return new SeedanceIOException("download interrupted", cause);
    }
}
