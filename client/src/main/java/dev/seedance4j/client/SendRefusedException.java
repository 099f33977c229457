package dev.seedance4j.client;

/**
 * The caller's gate ({@link CreateOptions#gate()}) answered false right before the request was to be sent: nothing
 * was sent by this call, and nothing was made or billed.
 */
public class SendRefusedException extends SeedanceException {
    public SendRefusedException(String message) {
        super(message);
    }
}
