package dev.seedance4j.studio;

/** Base of the studio's unchecked exceptions. */
public class StudioException extends RuntimeException {
    public StudioException(String message) {
        super(message);
    }

    public StudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
