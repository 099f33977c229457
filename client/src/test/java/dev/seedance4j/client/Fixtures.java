package dev.seedance4j.client;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Real small media files written for tests. */
final class Fixtures {
    private Fixtures() {}

    static Path image(Path dir, String name, String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(width / 2, height / 2, 0xFF8800);
        Path file = dir.resolve(name);
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    static Path wav(Path dir, String name, double seconds) throws IOException {
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        int frames = (int) Math.round(seconds * 8000);
        byte[] pcm = new byte[frames * 2];
        Path file = dir.resolve(name);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** A minimal lossy WebP header (VP8 chunk) announcing {@code width}×{@code height}. */
    static Path webp(Path dir, String name, int width, int height) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt(32)
                .put("WEBP".getBytes())
                .put("VP8 ".getBytes())
                .putInt(20);
        b.put(new byte[] {0x10, 0x02, 0x00}).put(new byte[] {(byte) 0x9d, 0x01, 0x2a});
        b.putShort((short) width).putShort((short) height);
        Path file = dir.resolve(name);
        Files.write(file, b.array());
        return file;
    }
}
