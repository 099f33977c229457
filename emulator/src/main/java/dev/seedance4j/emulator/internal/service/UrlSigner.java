package dev.seedance4j.emulator.internal.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs result paths with an expiry, HMAC-SHA256 under a key that lives as long as the emulator. */
public final class UrlSigner {

    private final SecretKeySpec key;

    public UrlSigner() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String sign(String path, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of()
                    .formatHex(mac.doFinal((path + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Checks a signed URL's query: 403 {@code AccessDenied} when unsigned or expired at {@code nowEpochSecond},
     * 403 {@code SignatureDoesNotMatch} when the signature is wrong.
     */
    public void check(String path, String expires, String signature, long nowEpochSecond) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires == null ? "" : expires);
        } catch (NumberFormatException e) {
            throw new ApiException(403, "AccessDenied", "The URL is not signed.", "");
        }
        if (signature == null || !verify(path, expiresAt, signature))
            throw new ApiException(403, "SignatureDoesNotMatch", "The URL signature does not match.", "");
        if (nowEpochSecond > expiresAt) throw new ApiException(403, "AccessDenied", "The URL has expired.", "");
    }

    /** Constant-time check of a signature. */
    public boolean verify(String path, long expiresEpochSecond, String signature) {
        return MessageDigest.isEqual(
                sign(path, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
