package dev.seedance4j.studio.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the store keeps of an API key: a salted SHA-256 prefix that names the key without revealing it. */
public final class KeyFingerprint {
    private KeyFingerprint() {}

    public static String of(String apiKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("seedance4j-key-fingerprint:".getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return "key-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
