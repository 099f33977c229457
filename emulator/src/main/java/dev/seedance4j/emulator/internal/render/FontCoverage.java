package dev.seedance4j.emulator.internal.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/**
 * Which characters a TrueType/OpenType font (or the first font of a collection) has glyphs for, read from its
 * {@code cmap} table. drawtext silently draws nothing, or a box, for a missing glyph; knowing the coverage lets the
 * renderer write such characters as readable escapes instead.
 */
final class FontCoverage {

    private final BitSet codePoints;

    private FontCoverage(BitSet codePoints) {
        this.codePoints = codePoints;
    }

    boolean covers(int codePoint) {
        return codePoint >= 0 && codePoints.get(codePoint);
    }

    static FontCoverage read(Path font) throws IOException {
        try (FileChannel channel = FileChannel.open(font, StandardOpenOption.READ)) {
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return new FontCoverage(parse(data, font));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException("not a readable TrueType/OpenType font: " + font, e);
        }
    }

    private static BitSet parse(ByteBuffer data, Path font) throws IOException {
        int fontOffset = 0;
        if (data.getInt(0) == 0x74746366) { // 'ttcf': a collection; use its first font
            fontOffset = data.getInt(12);
        }
        int tables = Short.toUnsignedInt(data.getShort(fontOffset + 4));
        int cmap = -1;
        for (int i = 0; i < tables; i++) {
            int record = fontOffset + 12 + 16 * i;
            if (data.getInt(record) == 0x636d6170) { // 'cmap'
                cmap = data.getInt(record + 8);
            }
        }
        if (cmap < 0) throw new IOException("font has no cmap table: " + font);
        int best = -1;
        int bestRank = 0;
        int subtables = Short.toUnsignedInt(data.getShort(cmap + 2));
        for (int i = 0; i < subtables; i++) {
            int record = cmap + 4 + 8 * i;
            int platform = Short.toUnsignedInt(data.getShort(record));
            int encoding = Short.toUnsignedInt(data.getShort(record + 2));
            int offset = cmap + data.getInt(record + 4);
            int format = Short.toUnsignedInt(data.getShort(offset));
            int rank = rank(platform, encoding, format);
            if (rank > bestRank) {
                bestRank = rank;
                best = offset;
            }
        }
        if (best < 0) throw new IOException("font has no Unicode cmap subtable: " + font);
        BitSet covered = new BitSet();
        if (Short.toUnsignedInt(data.getShort(best)) == 12) readFormat12(data, best, covered);
        else readFormat4(data, best, covered);
        return covered;
    }

    /** Prefers full Unicode (format 12) over BMP-only (format 4) tables; ignores other formats. */
    private static int rank(int platform, int encoding, int format) {
        boolean unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if (!unicode) return 0;
        return switch (format) {
            case 12 -> 2;
            case 4 -> 1;
            default -> 0;
        };
    }

    private static void readFormat12(ByteBuffer data, int table, BitSet covered) {
        long groups = Integer.toUnsignedLong(data.getInt(table + 12));
        for (long g = 0; g < groups; g++) {
            int group = table + 16 + (int) (12 * g);
            int start = data.getInt(group);
            int end = data.getInt(group + 4);
            int startGlyph = data.getInt(group + 8);
            for (int c = start; c <= end && c <= Character.MAX_CODE_POINT; c++) {
                if (startGlyph + (c - start) != 0) covered.set(c);
            }
        }
    }

    private static void readFormat4(ByteBuffer data, int table, BitSet covered) {
        int segments = Short.toUnsignedInt(data.getShort(table + 6)) / 2;
        int ends = table + 14;
        int starts = ends + 2 * segments + 2;
        int deltas = starts + 2 * segments;
        int rangeOffsets = deltas + 2 * segments;
        for (int s = 0; s < segments; s++) {
            int end = Short.toUnsignedInt(data.getShort(ends + 2 * s));
            int start = Short.toUnsignedInt(data.getShort(starts + 2 * s));
            int delta = data.getShort(deltas + 2 * s);
            int rangeOffsetAt = rangeOffsets + 2 * s;
            int rangeOffset = Short.toUnsignedInt(data.getShort(rangeOffsetAt));
            for (int c = start; c <= end && c != 0xFFFF; c++) {
                int glyph;
                if (rangeOffset == 0) {
                    glyph = (c + delta) & 0xFFFF;
                } else {
                    int glyphAt = rangeOffsetAt + rangeOffset + 2 * (c - start);
                    glyph = Short.toUnsignedInt(data.getShort(glyphAt));
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0) covered.set(c);
            }
        }
    }
}
