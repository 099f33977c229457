package dev.seedance4j.client;

/**
 * The network failed (connection refused, reset, timeout, truncated download) on a request that is safe to
 * repeat, after the retries allowed. For a create, see {@link CreateOutcomeUnknownException}.
 */
public class SeedanceIOException extends SeedanceException {
    public SeedanceIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
