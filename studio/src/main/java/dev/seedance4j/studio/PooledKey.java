package dev.seedance4j.studio;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.studio.internal.store.KeyFingerprint;
import java.util.Objects;

/**
 * Another API key of the account's pool, with its own limits ({@link StudioOptions.Builder#poolKey}): a shot is
 * created with the first key that has room, and its task is polled and fetched with that key's client. Only the
 * key's fingerprint is kept ({@code keyId}), never the key.
 */
public record PooledKey(SeedanceClient client, String keyId, String label, int maxInFlight, int requestsPerMinute) {
    public PooledKey {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(label, "label");
        if (maxInFlight < 1 || requestsPerMinute < 1) {
            throw new IllegalArgumentException("a pooled key's limits must be at least 1");
        }
    }

    /** A pooled key from the key itself (fingerprinted here) and the client that uses it. */
    public static PooledKey of(
            SeedanceClient client, String apiKey, String label, int maxInFlight, int requestsPerMinute) {
        return new PooledKey(client, KeyFingerprint.of(apiKey), label, maxInFlight, requestsPerMinute);
    }
}
