package dev.seedance4j.client.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Recognises media files by their first bytes and reads what the contract limits: image pixel size and WAV
 * duration. Only headers are decoded, never whole pictures.
 */
public final class MediaProbe {
    public enum Kind {
        IMAGE,
        AUDIO,
        VIDEO
    }

    /** A recognised format; {@code mimeType} is what goes into a data URL (lower case, as the contract asks). */
    public record Format(String name, Kind kind, String mimeType) {}

    /** Pixel size of an image. */
    public record Size(int width, int height) {}

    /** The decoded content of a {@code data:<mime>;base64,} URL. */
    public record DataUrl(String mimeType, byte[] bytes) {}

    private MediaProbe() {}

    /** The format of these bytes, or {@code null} if not one the service takes. */
    public static Format sniff(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
            return image("png");
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return image("jpeg");
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
            return image("gif");
        }
        if (startsWith(b, 0, 'B', 'M')) {
            return image("bmp");
        }
        if (startsWith(b, 0, 'I', 'I', '*', 0) || startsWith(b, 0, 'M', 'M', 0, '*')) {
            return image("tiff");
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return image("webp");
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'A', 'V', 'E')) {
            return new Format("wav", Kind.AUDIO, "audio/wav");
        }
        if (startsWith(b, 0, 'I', 'D', '3') || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
            return new Format("mp3", Kind.AUDIO, "audio/mp3");
        }
        if (startsWith(b, 4, 'f', 't', 'y', 'p') && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.US_ASCII);
            if (brand.startsWith("hei") || brand.startsWith("hev")) {
                return image("heic");
            }
            if (brand.equals("mif1") || brand.equals("msf1")) {
                return image("heif");
            }
            return new Format(brand.startsWith("qt") ? "mov" : "mp4", Kind.VIDEO, "video/mp4");
        }
        if (startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return new Format("webm", Kind.VIDEO, "video/webm");
        }
        return null;
    }

    /** Decodes a base64 data URL, or returns {@code null} if {@code url} is not one. */
    public static DataUrl decodeDataUrl(String url) {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            return null;
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            return null;
        }
        String header = url.substring(5, comma);
        if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(url.substring(comma + 1));
            return new DataUrl(header.substring(0, header.length() - ";base64".length()), bytes);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** The pixel size of an image, or {@code null} when its header cannot be read (e.g. heic). */
    public static Size imageSize(Format format, byte[] bytes) {
        if (format.name().equals("webp")) {
            return webpSize(bytes);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The length of a WAV clip, or {@code null} for other formats or unreadable headers. */
    public static Duration audioDuration(Format format, byte[] bytes) {
        if (!format.name().equals("wav")) {
            return null;
        }
        try {
            AudioFileFormat audio = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(bytes));
            long frames = audio.getFrameLength();
            float rate = audio.getFormat().getFrameRate();
            if (frames <= 0 || rate <= 0) {
                return null;
            }
            return Duration.ofNanos(Math.round(frames / (double) rate * 1e9));
        } catch (UnsupportedAudioFileException | IOException unreadable) {
            return null;
        }
    }

    // RIFF/WEBP: a "VP8 " (lossy), "VP8L" (lossless) or "VP8X" (extended) chunk starts at byte 12.
    private static Size webpSize(byte[] b) {
        if (b.length < 30) {
            return null;
        }
        String chunk = new String(b, 12, 4, StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8 ":
                return new Size(le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
            case "VP8L": {
                int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
                return new Size((bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
            }
            case "VP8X":
                return new Size(le24(b, 24) + 1, le24(b, 27) + 1);
            default:
                return null;
        }
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le24(byte[] b, int at) {
        return le16(b, at) | (b[at + 2] & 0xFF) << 16;
    }

    private static Format image(String name) {
        return new Format(name, Kind.IMAGE, "image/" + name);
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
