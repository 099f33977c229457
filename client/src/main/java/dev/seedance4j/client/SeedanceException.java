package dev.seedance4j.client;

/**
 * Root of every exception this client throws; unchecked. Subtypes tell what happened:
 * <ul>
 *   <li>{@link ValidationException}: the request breaks a rule of the contract; nothing was sent.</li>
 *   <li>{@link ApiException} and its subtypes: the service answered with an error.</li>
 *   <li>{@link OutcomeUnknownException}: a call that costs money may or may not have been served:
 *       {@link CreateOutcomeUnknownException} (a create; never resent), {@link ChatOutcomeUnknownException},
 *       {@link ImagesOutcomeUnknownException}.</li>
 *   <li>{@link ModelTableException}: a model table override file cannot be read.</li>
 *   <li>{@link SeedanceIOException}: the network failed (after the retries allowed).</li>
 *   <li>{@link SendRefusedException}: the caller's gate said no right before sending; nothing was sent.</li>
 *   <li>{@link ResultExpiredException}: a result link stopped working and no fresh one could be had.</li>
 *   <li>{@link WaitTimeoutException}: a waiter's deadline passed before the tasks finished.</li>
 * </ul>
 * No message of this hierarchy ever contains the API key.
 */
public class SeedanceException extends RuntimeException {
    public SeedanceException(String message) {
        super(message);
    }

    public SeedanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
