package dev.seedance4j.client;

/**
 * A model table (or an override file of it) cannot be read: the message names the file, the JSON path of the
 * entry or field and what is wrong with it.
 */
public class ModelTableException extends SeedanceException {
    public ModelTableException(String message) {
        super(message);
    }

    public ModelTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
