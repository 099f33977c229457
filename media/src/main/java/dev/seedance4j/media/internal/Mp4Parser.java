package dev.seedance4j.media.internal;

import dev.seedance4j.media.AacConfig;
import dev.seedance4j.media.MediaStream;
import dev.seedance4j.media.Mp4Movie;
import dev.seedance4j.media.Mp4Samples;
import dev.seedance4j.media.Mp4Track;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tracks of an ISO base media file (MP4, MOV, M4A) from its {@code moov} box (ISO/IEC 14496-12 and the
 * QuickTime file format). A file it does not fully understand is refused as a whole rather than half read: its
 * callers then let ffmpeg read the file, which also explains problems to the user.
 */
public final class Mp4Parser {

    private static final Logger LOG = LoggerFactory.getLogger(Mp4Parser.class);

    /** Boxes that can open an ISO base media file; QuickTime files may start without {@code ftyp}. */
    private static final Set<String> FIRST_BOXES =
            Set.of("ftyp", "styp", "moov", "mdat", "free", "skip", "wide", "pnot", "uuid", "pdin");

    private static final int HEADER = 8;
    private static final int LARGE_HEADER = 16;
    // Where the child boxes of sample entries start: after the SampleEntry (8 bytes) and VisualSampleEntry (70)
    // fields, or after the sound description of QuickTime version 0 (20 bytes), 1 (+16) or 2 (+36).
    private static final int VISUAL_ENTRY_CHILDREN = 78;
    private static final int[] SOUND_ENTRY_CHILDREN = {28, 44, 64};
    // MPEG-4 descriptor tags and objectTypeIndication values (ISO/IEC 14496-1)
    private static final int ES_DESCRIPTOR = 0x03;
    private static final int DECODER_CONFIG_DESCRIPTOR = 0x04;
    private static final int DECODER_SPECIFIC_INFO = 0x05;
    private static final Set<Integer> AAC_OBJECT_TYPES = Set.of(0x40, 0x66, 0x67, 0x68);
    private static final Set<Integer> MP3_OBJECT_TYPES = Set.of(0x69, 0x6B);
    /** Channels of AAC channel configurations 1 to 7. */
    private static final int[] AAC_CHANNELS = {0, 1, 2, 3, 4, 5, 6, 8};

    private Mp4Parser() {}

    /** What {@link Mp4Movie#read(Path)} promises. */
    public static Optional<Mp4Movie> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer moov = readMoov(channel, fileSize);
            return Optional.of(new Mp4Movie(file, tracks(moov, fileSize)));
        } catch (Unusable e) {
            LOG.debug("not reading {} as MP4: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Walks the top-level box headers up to {@code moov} and reads that box; the media data is skipped. */
    private static ByteBuffer readMoov(FileChannel channel, long fileSize) throws IOException {
        if (fileSize < HEADER)
            throw new Unusable("it is too short for an ISO base media file (" + fileSize + " bytes)");
        ByteBuffer header = ByteBuffer.allocate(LARGE_HEADER);
        long position = 0;
        while (fileSize - position >= HEADER) {
            header.clear().limit((int) Math.min(LARGE_HEADER, fileSize - position));
            readFully(channel, header, position);
            long size = Integer.toUnsignedLong(header.getInt(0));
            String type = fourcc(header, 4);
            int headerSize = HEADER;
            if (size == 1) {
                if (header.limit() < LARGE_HEADER)
                    throw new Unusable("the file ends inside the header of box '" + type + "'");
                size = header.getLong(8);
                headerSize = LARGE_HEADER;
            } else if (size == 0) {
                size = fileSize - position; // the last box runs to the end of the file
            }
            if (position == 0 && !FIRST_BOXES.contains(type)) {
                throw new Unusable("it is no ISO base media file (it starts with 0x"
                        + HexFormat.of().formatHex(header.array(), 0, HEADER) + ")");
            }
            if (size < headerSize)
                throw new Unusable("box '" + type + "' at " + position + " has the impossible size " + size);
            if (size > fileSize - position) {
                throw new Unusable("it is truncated: box '" + type + "' at " + position + " is " + size
                        + " bytes long but the file ends " + (fileSize - position) + " bytes after its start");
            }
            if (type.equals("moov")) {
                long payload = size - headerSize;
                if (payload > Integer.MAX_VALUE - 8) throw new Unusable("its moov box is " + payload + " bytes long");
                ByteBuffer moov = ByteBuffer.allocate((int) payload);
                readFully(channel, moov, position + headerSize);
                return moov.clear();
            }
            position += size;
        }
        throw new Unusable("it has no moov box");
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) throw new Unusable("the file ended while it was read");
        }
    }

    private static List<Mp4Track> tracks(ByteBuffer moov, long fileSize) {
        List<Box> boxes = children(moov, 0);
        if (boxes.stream().anyMatch(b -> b.type().equals("mvex"))) {
            throw new Unusable("it is fragmented (moov has an mvex box): its samples are described in moof boxes");
        }
        if (boxes.stream().anyMatch(b -> b.type().equals("cmov"))) throw new Unusable("its moov box is compressed");
        ByteBuffer mvhd = require(moov, "mvhd");
        long movieTimescale = u32(mvhd, version(mvhd, "mvhd") == 1 ? 20 : 12);
        if (movieTimescale == 0) throw new Unusable("mvhd has the timescale 0");
        List<Mp4Track> tracks = new ArrayList<>();
        for (Box box : boxes) {
            if (!box.type().equals("trak")) continue;
            int number = tracks.size() + 1;
            try {
                tracks.add(track(box.payload(), fileSize, movieTimescale));
            } catch (IndexOutOfBoundsException e) {
                throw new Unusable("a box of trak " + number + " ends before its fields do");
            } catch (Unusable e) {
                throw new Unusable("in trak " + number + ", " + e.getMessage());
            }
        }
        if (tracks.isEmpty()) throw new Unusable("its moov box has no tracks");
        return tracks;
    }

    private static Mp4Track track(ByteBuffer trak, long fileSize, long movieTimescale) {
        ByteBuffer tkhd = require(trak, "tkhd");
        int trackId = tkhd.getInt(version(tkhd, "tkhd") == 1 ? 20 : 12);
        ByteBuffer mdia = require(trak, "mdia");
        ByteBuffer mdhd = require(mdia, "mdhd");
        long timescale = u32(mdhd, version(mdhd, "mdhd") == 1 ? 20 : 12);
        if (timescale == 0) throw new Unusable("mdhd has the timescale 0");
        Edits edits = child(trak, "edts")
                .flatMap(edts -> child(edts, "elst"))
                .map(Mp4Parser::edits)
                .orElse(Edits.NONE);
        // empty edits last movie time; the track's own times are in its timescale
        long delay = Math.multiplyExact(edits.emptyMovieTime(), timescale) / movieTimescale;
        MediaStream.Type type = switch (fourcc(require(mdia, "hdlr"), 8)) {
            case "vide" -> MediaStream.Type.VIDEO;
            case "soun" -> MediaStream.Type.AUDIO;
            case "sbtl", "text", "subt" -> MediaStream.Type.SUBTITLE;
            default -> MediaStream.Type.DATA;
        };
        ByteBuffer stbl = require(require(mdia, "minf"), "stbl");
        ByteBuffer stsd = require(stbl, "stsd");
        long descriptions = u32(stsd, 4);
        if (descriptions != 1) throw new Unusable("stsd has " + descriptions + " sample descriptions instead of one");
        Box entry =
                children(stsd, 8).stream().findFirst().orElseThrow(() -> new Unusable("stsd holds no sample entry"));
        Description d = switch (type) {
            case VIDEO -> video(entry);
            case AUDIO -> audio(entry, timescale);
            default -> new Description(entry.type(), 0, 0, 1, 1, 0, 0, new byte[0]);
        };
        return new Mp4Track(
                trackId,
                type,
                d.codec(),
                entry.type(),
                timescale,
                edits.mediaStart(),
                delay,
                d.width(),
                d.height(),
                d.sarNum(),
                d.sarDen(),
                d.channels(),
                d.sampleRate(),
                d.codecConfig(),
                samples(stbl, fileSize));
    }

    /**
     * What an edit list says about the start of a track.
     *
     * @param emptyMovieTime how long the empty edits before the media last, in the movie's timescale
     * @param mediaStart     the media time of the first edit that is not empty
     */
    private record Edits(long emptyMovieTime, long mediaStart) {
        static final Edits NONE = new Edits(0, 0);
    }

    /** The empty edits (media time -1, a gap before the media) at the start, and the first real edit's media time. */
    private static Edits edits(ByteBuffer elst) {
        int version = version(elst, "elst");
        int entrySize = version == 1 ? 20 : 12;
        long entries = u32(elst, 4);
        requireTable(elst, 8, entries, entrySize, "elst");
        long empty = 0;
        for (int i = 0; i < entries; i++) {
            int at = 8 + i * entrySize;
            long duration = version == 1 ? elst.getLong(at) : u32(elst, at);
            long mediaTime = version == 1 ? elst.getLong(at + 8) : elst.getInt(at + 4);
            if (mediaTime == -1) {
                if (duration < 0) throw new Unusable("elst has an empty edit of negative length");
                empty += duration;
                continue;
            }
            if (mediaTime < 0) throw new Unusable("elst has the media time " + mediaTime);
            return new Edits(empty, mediaTime);
        }
        return new Edits(empty, 0);
    }

    private record Description(
            String codec,
            int width,
            int height,
            int sarNum,
            int sarDen,
            int channels,
            int sampleRate,
            byte[] codecConfig) {}

    private static Description video(Box entry) {
        ByteBuffer e = entry.payload();
        int width = u16(e, 24);
        int height = u16(e, 26);
        List<Box> boxes = children(e, VISUAL_ENTRY_CHILDREN);
        String codec = switch (entry.type()) {
            case "avc1", "avc3" -> "h264";
            case "hvc1", "hev1" -> "hevc";
            default -> entry.type();
        };
        String configBox = switch (codec) {
            case "h264" -> "avcC";
            case "hevc" -> "hvcC";
            default -> null;
        };
        byte[] config = configBox == null
                ? new byte[0]
                : find(boxes, configBox).map(Mp4Parser::bytes).orElse(new byte[0]);
        int sarNum = 1;
        int sarDen = 1;
        Optional<ByteBuffer> pasp = find(boxes, "pasp");
        if (pasp.isPresent() && pasp.get().getInt(0) > 0 && pasp.get().getInt(4) > 0) {
            sarNum = pasp.get().getInt(0);
            sarDen = pasp.get().getInt(4);
        }
        return new Description(codec, width, height, sarNum, sarDen, 0, 0, config);
    }

    private static Description audio(Box entry, long timescale) {
        ByteBuffer e = entry.payload();
        int version = u16(e, 8); // QuickTime's sound description version; 0 in ISO files
        if (version > 2) throw new Unusable("its sound description has the unknown version " + version);
        int channels;
        long sampleRate;
        if (version == 2) {
            sampleRate = Math.round(e.getDouble(32));
            channels = e.getInt(40);
        } else {
            channels = u16(e, 16);
            sampleRate = u32(e, 24) >>> 16;
            // The 16.16 field cannot hold rates above 65535: writers leave 0 or a truncated value, and the track's
            // timescale is the sample rate.
            if (sampleRate == 0 || timescale > 0xFFFF) sampleRate = timescale;
        }
        List<Box> boxes = children(e, SOUND_ENTRY_CHILDREN[version]);
        String codec = switch (entry.type()) {
            case ".mp3" -> "mp3";
            case "ipcm", "sowt", "twos", "lpcm" -> "pcm";
            default -> entry.type();
        };
        byte[] config = new byte[0];
        if (entry.type().equals("mp4a")) {
            // QuickTime puts esds inside a wave box
            Optional<ByteBuffer> esds =
                    find(boxes, "esds").or(() -> find(boxes, "wave").flatMap(w -> child(w, "esds")));
            if (esds.isPresent()) {
                Esds es = esds(esds.get());
                if (AAC_OBJECT_TYPES.contains(es.objectType())) {
                    codec = "aac";
                    config = es.decoderSpecificInfo();
                    if (config.length > 0) {
                        AacConfig aac = aacConfig(config);
                        sampleRate = aac.sampleRate();
                        int configured = aac.channelConfig();
                        if (configured >= 1 && configured < AAC_CHANNELS.length) channels = AAC_CHANNELS[configured];
                    }
                } else if (MP3_OBJECT_TYPES.contains(es.objectType())) {
                    codec = "mp3";
                }
            }
        }
        if (sampleRate > Integer.MAX_VALUE || channels < 0) throw new Unusable("its sound description is implausible");
        return new Description(codec, 0, 0, 1, 1, channels, (int) sampleRate, config);
    }

    private static AacConfig aacConfig(byte[] audioSpecificConfig) {
        try {
            return AacConfig.parse(audioSpecificConfig);
        } catch (IllegalArgumentException e) {
            throw new Unusable(e.getMessage());
        }
    }

    private record Esds(int objectType, byte[] decoderSpecificInfo) {}

    /** The objectTypeIndication and DecoderSpecificInfo of an ES_Descriptor, read as ffmpeg reads them. */
    private static Esds esds(ByteBuffer esds) {
        Descriptor es = descriptor(esds, 4, esds.limit());
        if (es.tag() != ES_DESCRIPTOR)
            throw new Unusable("esds holds descriptor " + es.tag() + " instead of an ES_Descriptor");
        int at = es.start() + 2; // ES_ID
        int flags = u8(esds, at++);
        if ((flags & 0x80) != 0) at += 2; // dependsOn_ES_ID
        if ((flags & 0x40) != 0) at += 1 + u8(esds, at); // URL
        if ((flags & 0x20) != 0) at += 2; // OCR_ES_Id
        Descriptor decoderConfig = descriptor(esds, at, es.end());
        if (decoderConfig.tag() != DECODER_CONFIG_DESCRIPTOR) {
            throw new Unusable("the ES_Descriptor holds descriptor " + decoderConfig.tag()
                    + " instead of a DecoderConfigDescriptor");
        }
        int objectType = u8(esds, decoderConfig.start());
        // objectTypeIndication, streamType, bufferSizeDB, maxBitrate and avgBitrate take 13 bytes
        int next = decoderConfig.start() + 13;
        byte[] info = new byte[0];
        if (next < decoderConfig.end()) {
            Descriptor specific = descriptor(esds, next, decoderConfig.end());
            if (specific.tag() == DECODER_SPECIFIC_INFO)
                info = bytes(esds.slice(specific.start(), specific.end() - specific.start()));
        }
        return new Esds(objectType, info);
    }

    private record Descriptor(int tag, int start, int end) {}

    /** A descriptor's tag and where its content lies; lengths take 1 to 4 bytes of 7 bits ({@code 80 80 80 nn}). */
    private static Descriptor descriptor(ByteBuffer b, int at, int parentEnd) {
        int tag = u8(b, at++);
        int length = 0;
        for (int i = 0; ; i++) {
            if (i == 4) throw new Unusable("descriptor " + tag + " has a length of more than 4 bytes");
            int c = u8(b, at++);
            length = (length << 7) | (c & 0x7F);
            if ((c & 0x80) == 0) break;
        }
        if (length > parentEnd - at) throw new Unusable("descriptor " + tag + " is longer than what holds it");
        return new Descriptor(tag, at, at + length);
    }

    /** Joins stsz, stsc, stco/co64 and stts into one entry per sample, in one pass over each table. */
    private static Mp4Samples samples(ByteBuffer stbl, long fileSize) {
        ByteBuffer stsz = child(stbl, "stsz")
                .orElseThrow(() -> new Unusable(
                        child(stbl, "stz2").isPresent()
                                ? "its sample sizes are in an stz2 box, which is not read"
                                : "stbl has no stsz box"));
        long constantSize = u32(stsz, 4);
        long count = u32(stsz, 8);
        if (constantSize == 0) requireTable(stsz, 12, count, 4, "stsz");
        else if (count > fileSize / constantSize) throw new Unusable("stsz lists more samples than the file can hold");
        if (count > Integer.MAX_VALUE - 8) throw new Unusable("stsz lists " + count + " samples");
        int n = (int) count;
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            long size = constantSize != 0 ? constantSize : u32(stsz, 12 + 4 * i);
            if (size > Integer.MAX_VALUE) throw new Unusable("sample " + i + " is " + size + " bytes long");
            sizes[i] = (int) size;
        }

        long[] offsets = new long[n];
        ByteBuffer stsc = require(stbl, "stsc");
        Optional<ByteBuffer> stco = child(stbl, "stco");
        ByteBuffer chunks =
                stco.or(() -> child(stbl, "co64")).orElseThrow(() -> new Unusable("stbl has no stco or co64 box"));
        int offsetSize = stco.isPresent() ? 4 : 8;
        long chunkCount = u32(chunks, 4);
        requireTable(chunks, 8, chunkCount, offsetSize, "the chunk offset table");
        long runs = u32(stsc, 4);
        requireTable(stsc, 8, runs, 12, "stsc");
        int sample = 0;
        long previousFirst = 0;
        for (int run = 0; run < runs; run++) {
            long first = u32(stsc, 8 + 12 * run);
            long perChunk = u32(stsc, 12 + 12 * run);
            long next = run + 1 < runs ? u32(stsc, 8 + 12 * (run + 1)) : chunkCount + 1;
            if (first <= previousFirst || first > chunkCount || next <= first) {
                throw new Unusable("stsc entry " + run + " starts at the impossible chunk " + first);
            }
            previousFirst = first;
            for (long chunk = first; chunk < next && chunk <= chunkCount; chunk++) {
                int at = 8 + (int) (chunk - 1) * offsetSize;
                long offset = offsetSize == 4 ? u32(chunks, at) : chunks.getLong(at);
                for (long k = 0; k < perChunk; k++, sample++) {
                    if (sample == n) throw new Unusable("its chunks hold more samples than stsz lists");
                    if (offset < 0 || offset + sizes[sample] > fileSize) {
                        throw new Unusable("sample " + sample + " lies past the end of the file (it is truncated)");
                    }
                    offsets[sample] = offset;
                    offset += sizes[sample];
                }
            }
        }
        if (sample != n) throw new Unusable("its chunks hold " + sample + " samples but stsz lists " + n);

        long[] durations = new long[n];
        ByteBuffer stts = require(stbl, "stts");
        long entries = u32(stts, 4);
        requireTable(stts, 8, entries, 8, "stts");
        int timed = 0;
        for (int entry = 0; entry < entries; entry++) {
            long runLength = u32(stts, 8 + 8 * entry);
            long delta = u32(stts, 12 + 8 * entry);
            if (runLength > n - timed) throw new Unusable("stts times more samples than stsz lists");
            for (long k = 0; k < runLength; k++) durations[timed++] = delta;
        }
        if (timed != n) throw new Unusable("stts times " + timed + " samples but stsz lists " + n);
        return new Mp4Samples(offsets, sizes, durations);
    }

    private static void requireTable(ByteBuffer box, int start, long entries, int entrySize, String name) {
        if (entries > (box.limit() - start) / entrySize) {
            throw new Unusable(
                    name + " claims " + entries + " entries but has room for " + (box.limit() - start) / entrySize);
        }
    }

    private record Box(String type, ByteBuffer payload) {}

    /** The boxes in {@code parent} from {@code start} on; fewer than 8 bytes at the end are padding (QuickTime). */
    private static List<Box> children(ByteBuffer parent, int start) {
        List<Box> boxes = new ArrayList<>();
        int end = parent.limit();
        int at = start;
        while (end - at >= HEADER) {
            long size = u32(parent, at);
            String type = fourcc(parent, at + 4);
            int headerSize = HEADER;
            if (size == 1) {
                if (end - at < LARGE_HEADER) throw new Unusable("box '" + type + "' ends inside its header");
                size = parent.getLong(at + 8);
                headerSize = LARGE_HEADER;
            } else if (size == 0) {
                size = end - at; // runs to the end of its parent
            }
            if (size < headerSize || size > end - at) {
                throw new Unusable(
                        "box '" + type + "' claims " + size + " bytes where its parent has " + (end - at) + " left");
            }
            boxes.add(new Box(type, parent.slice(at + headerSize, (int) size - headerSize)));
            at += (int) size;
        }
        return boxes;
    }

    private static Optional<ByteBuffer> child(ByteBuffer parent, String type) {
        return find(children(parent, 0), type);
    }

    private static Optional<ByteBuffer> find(List<Box> boxes, String type) {
        return boxes.stream().filter(b -> b.type().equals(type)).findFirst().map(Box::payload);
    }

    private static ByteBuffer require(ByteBuffer parent, String type) {
        return child(parent, type).orElseThrow(() -> new Unusable("a " + type + " box is missing"));
    }

    /** The version of a full box; versions other than 0 and 1 have unknown layouts. */
    private static int version(ByteBuffer fullBox, String name) {
        int version = u8(fullBox, 0);
        if (version > 1) throw new Unusable(name + " has the unknown version " + version);
        return version;
    }

    private static byte[] bytes(ByteBuffer payload) {
        byte[] bytes = new byte[payload.limit()];
        payload.get(0, bytes);
        return bytes;
    }

    private static String fourcc(ByteBuffer b, int at) {
        byte[] code = new byte[4];
        b.get(at, code);
        return new String(code, StandardCharsets.ISO_8859_1);
    }

    private static int u8(ByteBuffer b, int at) {
        return Byte.toUnsignedInt(b.get(at));
    }

    private static int u16(ByteBuffer b, int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    /** Why a file is not read; never leaves this class. */
    private static final class Unusable extends RuntimeException {
        Unusable(String reason) {
            super(reason, null, false, false);
        }
    }
}
