package dev.seedance4j.emulator.internal.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The platform's real-face refusal, simulated: a reference image (video first/last frame, reference image, or image
 * generation input) is refused with 400 {@code InputImageSensitiveContentDetected.PrivacyInformation} when it is
 * (a) one of the images the emulator was told are photographs of real people (by SHA-256 of the file's bytes), or
 * (b) an image the emulator generated from a prompt that asked for a photorealistic style, which it marks in the
 * file ({@code tEXt} chunk of a PNG, {@code COM} segment of a JPEG: {@value #MARK_KEYWORD} with
 * {@value #PHOTOREALISTIC}). Images given as {@code asset://} ids are never refused: they stand for the platform's
 * virtual portrait library and authorised portraits, the documented remedies.
 */
public final class RealFaces {

    /** The keyword of the PNG text chunk (and the prefix of the JPEG comment) the emulator writes into its images. */
    public static final String MARK_KEYWORD = "seedance4j";
    /** What the mark says of a photorealistic image. */
    public static final String PHOTOREALISTIC = "style=photorealistic";

    private static final Pattern PHOTOREALISTIC_PROMPT = Pattern.compile(
            "\\b(?:photo-?|hyper-?)?realistic\\b|\\bphotorealism\\b|写实|真人|照片级|实拍", Pattern.CASE_INSENSITIVE);

    private final Set<String> hashes;
    private final AtomicLong refusals = new AtomicLong();

    /** @param sha256 lower-case hex SHA-256 of the image files to treat as photographs of real people */
    public RealFaces(Set<String> sha256) {
        this.hashes = Set.copyOf(sha256);
    }

    /** Whether a prompt asks for a photorealistic style ({@code realistic}, {@code photorealistic}, 写实, 真人, ...). */
    public static boolean photorealistic(String prompt) {
        return PHOTOREALISTIC_PROMPT.matcher(prompt).find();
    }

    /** Refuses the image as the platform refuses a real face; {@code param} names it in the error. */
    public void check(String url, byte[] bytes, String param) {
        if (url.toLowerCase(Locale.ROOT).startsWith("asset://")) return;
        if (hashes.contains(sha256(bytes)) || marked(bytes)) {
            refusals.incrementAndGet();
            throw new ApiException(
                    400,
                    "InputImageSensitiveContentDetected.PrivacyInformation",
                    "The request failed because the input image may contain real person.",
                    param);
        }
    }

    /** Refusals since start or the last reset. */
    public long refusals() {
        return refusals.get();
    }

    public void resetCount() {
        refusals.set(0);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the file carries the emulator's photorealistic mark (read from PNG chunks or JPEG segments). */
    static boolean marked(byte[] b) {
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return markedPng(b);
        if (b.length > 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) return markedJpeg(b);
        return false;
    }

    private static boolean markedPng(byte[] b) {
        int at = 8;
        while (at + 8 <= b.length) {
            long length = be32(b, at);
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length < 0 || at + 12 + length > b.length || type.equals("IDAT") || type.equals("IEND")) return false;
            if (type.equals("tEXt")) {
                String text = new String(b, at + 8, (int) length, StandardCharsets.ISO_8859_1);
                int nul = text.indexOf('\0');
                if (nul > 0
                        && text.substring(0, nul).equals(MARK_KEYWORD)
                        && text.substring(nul + 1).contains(PHOTOREALISTIC)) return true;
            }
            at += 12 + (int) length;
        }
        return false;
    }

    private static boolean markedJpeg(byte[] b) {
        int at = 2;
        while (at + 4 <= b.length && (b[at] & 0xff) == 0xFF) {
            int marker = b[at + 1] & 0xff;
            if (marker == 0xDA || marker == 0xD9) return false; // image data starts: no more headers
            int length = ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
            if (length < 2 || at + 2 + length > b.length) return false;
            if (marker == 0xFE) {
                String comment = new String(b, at + 4, length - 2, StandardCharsets.UTF_8);
                if (comment.startsWith(MARK_KEYWORD) && comment.contains(PHOTOREALISTIC)) return true;
            }
            at += 2 + length;
        }
        return false;
    }

    private static long be32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }
}
