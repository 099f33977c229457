package dev.seedance4j.emulator.internal.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small PNG encoder for the emulator's own RGB images: 8-bit truecolour, the Sub filter on every row and the
 * fastest deflate level, with one {@code tEXt} chunk. About four times faster than ImageIO's writer on a 2K image,
 * whose adaptive filtering the emulator's smooth gradients do not need.
 */
final class PngWriter {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngWriter() {}

    /** @param image a {@link BufferedImage#TYPE_INT_RGB} image */
    static byte[] write(BufferedImage image, String keyword, String text) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height);
        out.writeBytes(SIGNATURE);
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8) // bit depth
                        .put((byte) 2) // truecolour
                        .put((byte) 0) // deflate
                        .put((byte) 0) // adaptive filtering (per-row filter bytes)
                        .put((byte) 0) // no interlace
                        .array());
        byte[] textBytes = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        chunk(out, "tEXt", textBytes);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(width * height / 2);
            byte[] row = new byte[1 + 3 * width];
            byte[] buffer = new byte[64 * 1024];
            for (int y = 0; y < height; y++) {
                row[0] = 1; // Sub: each byte minus the same channel of the pixel to its left
                int previous = 0;
                for (int x = 0; x < width; x++) {
                    int rgb = pixels[y * width + x];
                    int at = 1 + 3 * x;
                    row[at] = (byte) ((rgb >> 16) - (previous >> 16));
                    row[at + 1] = (byte) ((rgb >> 8) - (previous >> 8));
                    row[at + 2] = (byte) (rgb - previous);
                    previous = rgb;
                }
                deflater.setInput(row);
                while (!deflater.needsInput()) compressed.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.finish();
            while (!deflater.finished()) compressed.write(buffer, 0, deflater.deflate(buffer));
            chunk(out, "IDAT", compressed.toByteArray());
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
