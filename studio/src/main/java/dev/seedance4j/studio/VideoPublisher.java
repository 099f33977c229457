package dev.seedance4j.studio;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Gives a local video a URL the service can fetch (the contract takes videos by URL or asset id only).
 *
 * <p>{@link LoopbackVideoPublisher} serves files from this machine (for the emulator); {@link S3VideoPublisher}
 * uploads to S3-compatible object storage and hands out presigned GET URLs (for the real service).
 */
public interface VideoPublisher extends AutoCloseable {

    /** A URL from which {@code file} can be fetched for at least {@code validFor}. */
    String publish(Path file, Duration validFor);

    @Override
    default void close() {}
}
