package dev.seedance4j.emulator.internal.service;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Recognises a file's format from its first bytes, and an image's pixel size from its header, without decoding.
 * The service checks format and size before it accepts a reference, and so must the emulator.
 */
public final class MediaSniffer {

    /** An image's format and pixel size; width/height are 0 when the header does not say. */
    public record ImageHeader(String format, int width, int height) {}

    private MediaSniffer() {}

    /** The image format and size, or null when the bytes are not an image format the emulator knows. */
    public static ImageHeader image(byte[] b) {
        if (startsWith(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'}) && b.length >= 24) {
            return new ImageHeader("png", be32(b, 16), be32(b, 20));
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) return jpeg(b);
        if (ascii(b, 0, 3).equals("GIF") && b.length >= 10) return new ImageHeader("gif", le16(b, 6), le16(b, 8));
        if (ascii(b, 0, 2).equals("BM") && b.length >= 26) {
            return new ImageHeader("bmp", Math.abs(le32(b, 18)), Math.abs(le32(b, 22)));
        }
        if (ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) return webp(b);
        if (ascii(b, 0, 4).equals("II*\0") || ascii(b, 0, 4).equals("MM\0*")) return tiff(b);
        if (ascii(b, 4, 4).equals("ftyp")) {
            String brand = ascii(b, 8, 4);
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return new ImageHeader("heic", 0, 0);
            }
        }
        return null;
    }

    /** "mp4", "mov" or null. */
    public static String video(byte[] b) {
        if (ascii(b, 4, 4).equals("ftyp")) return ascii(b, 8, 2).equals("qt") ? "mov" : "mp4";
        String atom = ascii(b, 4, 4);
        if (atom.equals("moov") || atom.equals("wide") || atom.equals("mdat") || atom.equals("free")) return "mov";
        return null;
    }

    /** "wav", "mp3" or null. */
    public static String audio(byte[] b) {
        if (ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WAVE")) return "wav";
        if (ascii(b, 0, 3).equals("ID3")) return "mp3";
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0) return "mp3";
        return null;
    }

    private static ImageHeader jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                i++;
                continue;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            int length = be16(b, i + 2);
            boolean startOfFrame =
                    marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) return new ImageHeader("jpeg", be16(b, i + 7), be16(b, i + 5));
            i += 2 + length;
        }
        return new ImageHeader("jpeg", 0, 0);
    }

    private static ImageHeader webp(byte[] b) {
        String chunk = ascii(b, 12, 4);
        if (chunk.equals("VP8 ") && b.length >= 30) {
            return new ImageHeader("webp", le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
        }
        if (chunk.equals("VP8L") && b.length >= 25) {
            int bits = le32(b, 21);
            return new ImageHeader("webp", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
        }
        if (chunk.equals("VP8X") && b.length >= 30) {
            return new ImageHeader("webp", le24(b, 24) + 1, le24(b, 27) + 1);
        }
        return new ImageHeader("webp", 0, 0);
    }

    private static ImageHeader tiff(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int width = 0;
        int height = 0;
        try {
            int ifd = buf.getInt(4);
            int entries = buf.getShort(ifd) & 0xffff;
            for (int e = 0; e < entries; e++) {
                int at = ifd + 2 + 12 * e;
                int tag = buf.getShort(at) & 0xffff;
                int type = buf.getShort(at + 2) & 0xffff;
                int value = type == 3 ? buf.getShort(at + 8) & 0xffff : buf.getInt(at + 8);
                if (tag == 256) width = value;
                if (tag == 257) height = value;
            }
        } catch (IndexOutOfBoundsException e) {
            return new ImageHeader("tiff", 0, 0);
        }
        return new ImageHeader("tiff", width, height);
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (b.length < offset + prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[offset + i] != prefix[i]) return false;
        return true;
    }

    private static String ascii(byte[] b, int offset, int length) {
        if (b.length < offset + length) return "";
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int be16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static int be32(byte[] b, int i) {
        return (be16(b, i) << 16) | be16(b, i + 2);
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
    }

    private static int le24(byte[] b, int i) {
        return le16(b, i) | ((b[i + 2] & 0xff) << 16);
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | (le16(b, i + 2) << 16);
    }
}
