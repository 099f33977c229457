package dev.seedance4j.emulator.internal.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs result paths with an expiry, HMAC-SHA256 under a key that lives as long as the emulator's tasks: in memory,
 * or in the data folder of a persistent emulator, so that URLs handed out before a restart keep working until they
 * expire, as the service's do.
 */
public final class UrlSigner {

    private static final int KEY_BYTES = 32;
    private final SecretKeySpec key;

    private UrlSigner(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A signer with a fresh random key. */
    public static UrlSigner random() {
        byte[] secret = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        return new UrlSigner(secret);
    }

    /** The signer whose key is kept in {@code file} (created, readable by its owner only, on first use). */
    public static UrlSigner keptIn(Path file) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == KEY_BYTES)
                return new UrlSigner(Files.readAllBytes(file));
            byte[] secret = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(secret);
            Path temp =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            try {
                ownerOnly(temp);
                Files.write(temp, secret);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new UrlSigner(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the URL signing key in " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the folder's own permissions apply
        }
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
