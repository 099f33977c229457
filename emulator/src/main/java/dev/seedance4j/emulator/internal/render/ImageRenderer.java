package dev.seedance4j.emulator.internal.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/**
 * Draws a generated image in Java2D (headless, no ffmpeg): a gradient and a disc in colours derived from the seed
 * and the prompt (the same palette for every image of a sequential set, the composition turning with the image's
 * index), thumbnails of the reference images along the top, the wrapped prompt, the image's caption, the seed, the
 * size and the model, and the "AI生成" mark bottom-right when watermarked. Text uses the same fonts as the video
 * renderer ({@link RenderFonts}: the bundled DejaVu Sans Mono, a CJK font when one is configured or installed, else
 * {@code \\uXXXX} escapes). Nothing depends on the clock or the request id, so the same spec gives the same pixels,
 * and the same encoded bytes.
 */
public final class ImageRenderer {

    /**
     * One image to draw.
     *
     * @param index           0-based position in a sequential set
     * @param count           images in the set
     * @param caption         what this image of the set shows (an item the prompt lists), or null
     * @param references      decoded reference images (null entries for formats Java cannot decode)
     * @param photorealistic  the prompt asked for a photorealistic style (shown in the footer)
     */
    public record Spec(
            int width,
            int height,
            String prompt,
            long seed,
            int index,
            int count,
            String caption,
            List<BufferedImage> references,
            boolean watermark,
            String model,
            boolean photorealistic) {}

    private static final double MONO_ADVANCE = 0.61;
    private final RenderFonts fonts;
    private final Map<Path, Font> loaded = new ConcurrentHashMap<>();

    /** Uses the shipped Latin font and a CJK font when one is configured or found (as the video renderer does). */
    public ImageRenderer() {
        this(RenderFonts.discover());
    }

    ImageRenderer(RenderFonts fonts) {
        this.fonts = fonts;
    }

    public BufferedImage render(Spec spec) {
        int w = spec.width();
        int h = spec.height();
        int s = Math.min(w, h);
        RenderLook look = new RenderLook(spec.seed(), spec.prompt());
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            background(g, spec, look, w, h, s);
            int margin = Math.max(4, s / 30);
            int top = margin;
            int thumbHeight = s / 6;
            if (!spec.references().isEmpty()) {
                thumbnails(g, spec.references(), margin, top, thumbHeight, w);
                top += thumbHeight + margin;
            }
            int infoSize = Math.max(8, s / 32);
            int footer = h - margin - 4 * (infoSize + infoSize / 3);
            prompt(g, spec.prompt(), margin, top, w - 2 * margin, footer - margin - top, Math.max(10, s / 24));
            BufferedImage mark = spec.watermark() ? WatermarkGlyphs.render(Math.max(1, s / 360)) : null;
            int reserved = mark == null ? 0 : mark.getWidth() + margin; // the footer ends left of the mark
            footer(g, spec, margin, h - margin, infoSize, w - 2 * margin - reserved);
            if (mark != null) g.drawImage(mark, w - mark.getWidth() - margin, h - mark.getHeight() - margin, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void background(Graphics2D g, Spec spec, RenderLook look, int w, int h, int s) {
        double angle = 2 * Math.PI * (look.gradientAngle + 0.11 * spec.index());
        double cx = w / 2.0;
        double cy = h / 2.0;
        double reach = Math.hypot(w, h) / 2;
        Point2D from = new Point2D.Double(cx - Math.cos(angle) * reach, cy - Math.sin(angle) * reach);
        Point2D to = new Point2D.Double(cx + Math.cos(angle) * reach, cy + Math.sin(angle) * reach);
        g.setPaint(new LinearGradientPaint(from, to, new float[] {0f, 0.55f, 1f}, new Color[] {
            Color.decode(look.background0), Color.decode(look.background1), Color.decode(look.background2)
        }));
        g.fillRect(0, 0, w, h);
        int radius = s / 7;
        double phase = spec.index() / (double) Math.max(1, spec.count());
        int x = (int) (radius + fraction(look.dotPhaseX + phase) * (w - 2 * radius));
        int y = (int) (radius + fraction(look.dotPhaseY + phase * 0.61) * (h - 2 * radius));
        Color accent = Color.decode(look.accent);
        g.setColor(new Color(accent.getRed(), accent.getGreen(), accent.getBlue(), 150));
        g.fillOval(x - radius, y - radius, 2 * radius, 2 * radius);
    }

    private static double fraction(double value) {
        return value - Math.floor(value);
    }

    private void thumbnails(Graphics2D g, List<BufferedImage> references, int margin, int top, int height, int width) {
        int x = margin;
        for (BufferedImage reference : references) {
            int thumbWidth = reference == null
                    ? height
                    : Math.max(1, (int) Math.round(height * reference.getWidth() / (double) reference.getHeight()));
            thumbWidth = Math.min(thumbWidth, height * 3);
            if (x + thumbWidth > width - margin) break;
            if (reference != null) g.drawImage(reference, x, top, thumbWidth, height, null);
            else {
                g.setColor(new Color(0, 0, 0, 120));
                g.fillRect(x, top, thumbWidth, height);
            }
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(Math.max(1, height / 60f)));
            g.drawRect(x, top, thumbWidth, height);
            x += thumbWidth + margin;
        }
    }

    private void prompt(Graphics2D g, String prompt, int left, int top, int width, int height, int size) {
        if (prompt.isBlank() || height < size) return;
        int border = Math.max(2, size / 3);
        int lineHeight = size + size / 4;
        int columns = (int) ((width - 2 * border) / (MONO_ADVANCE * size));
        int maxLines = Math.max(1, (height - 2 * border) / lineHeight);
        PromptText text = PromptText.layout(prompt, fonts, columns, maxLines);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
        g.setColor(Color.BLACK);
        g.fillRoundRect(left, top, width, text.lines().size() * lineHeight + 2 * border, border, border);
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(Color.WHITE);
        g.setFont(font(text.font(), size));
        int y = top + border + size;
        for (String line : text.lines()) {
            g.drawString(line, left + border, y);
            y += lineHeight;
        }
    }

    private void footer(Graphics2D g, Spec spec, int left, int bottom, int size, int width) {
        List<String> lines = new ArrayList<>();
        if (spec.caption() != null && !spec.caption().isBlank()) lines.add(spec.caption());
        lines.add(String.format(
                Locale.ROOT,
                "image %d/%d  %dx%d%s",
                spec.index() + 1,
                spec.count(),
                spec.width(),
                spec.height(),
                spec.photorealistic() ? "  photorealistic" : ""));
        lines.add("seed " + spec.seed());
        lines.add(spec.model());
        int lineHeight = size + size / 3;
        int columns = (int) (width / (MONO_ADVANCE * size));
        int y = bottom - lineHeight * (lines.size() - 1);
        for (String line : lines) {
            PromptText text = PromptText.layout(line, fonts, columns, 1);
            g.setFont(font(text.font(), size));
            g.setColor(new Color(0, 0, 0, 160));
            g.drawString(text.lines().isEmpty() ? "" : text.lines().get(0), left + 1, y + 1);
            g.setColor(Color.WHITE);
            g.drawString(text.lines().isEmpty() ? "" : text.lines().get(0), left, y);
            y += lineHeight;
        }
    }

    private Font font(Path file, int size) {
        Font base = loaded.computeIfAbsent(file, f -> {
            try {
                return Font.createFonts(f.toFile())[0];
            } catch (FontFormatException e) {
                throw new IllegalStateException("cannot load font " + f, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read font " + f, e);
            }
        });
        return base.deriveFont(Font.PLAIN, (float) size);
    }

    /**
     * The image as PNG or JPEG (quality 0.9) with a text note in the file: a PNG {@code tEXt} chunk
     * {@code keyword} = {@code note}, or a JPEG {@code COM} segment "{@code keyword}: {@code note}".
     */
    public static byte[] encode(BufferedImage image, String format, String keyword, String note) {
        if (format.equals("png")) return PngWriter.write(image, keyword, note);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            IIOMetadata metadata =
                    writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String formatName = "javax_imageio_jpeg_image_1.0";
            Node tree = metadata.getAsTree(formatName);
            IIOMetadataNode comment = new IIOMetadataNode("com");
            comment.setAttribute("comment", keyword + ": " + note);
            ((IIOMetadataNode) tree)
                    .getElementsByTagName("markerSequence")
                    .item(0)
                    .appendChild(comment);
            metadata.setFromTree(formatName, tree);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a JPEG image", e);
        } finally {
            writer.dispose();
        }
    }
}
