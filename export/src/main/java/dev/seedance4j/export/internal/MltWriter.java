package dev.seedance4j.export.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * MLT XML as Shotcut writes it, which {@code melt} renders headlessly: a profile at the episode's size and rate, one
 * producer per take (its prompt as the clip's comment), a black background track, the video track V1 with the takes'
 * pictures, the audio track A1 with their own sound, the mix and blend transitions Shotcut adds, a marker per shot
 * ({@code shotcut:markers}) and the dialogue as a subtitle track (a {@code subtitle_feed} filter holding the SubRip
 * text, read by Shotcut 24.01 and later; older MLT versions skip it). Media paths are relative to the {@code .mlt}.
 */
final class MltWriter extends EpisodeFileWriter {

    /** The MLT version whose XML this is; {@code melt} of Debian 12 (7.12) renders it. */
    static final String MLT_VERSION = "7.12.0";

    private static final String MARKER_COLOR = "#008000";

    @Override
    String extension() {
        return ".mlt";
    }

    @Override
    void writeFile(Cut cut, Path file, Path folder, Context context) throws IOException {
        long total = cut.frames();
        try (XmlOut xml = XmlOut.create(file)) {
            xml.start(
                    "mlt", "LC_NUMERIC", "C", "version", MLT_VERSION, "title", cut.name(), "producer", "main_tractor");
            profile(xml, cut);
            for (Cut.Placed shot : cut.shots()) {
                xml.start("producer", "id", producerId(shot));
                property(xml, "resource", MediaPaths.relative(folder, shot.clip()));
                property(xml, "mlt_service", "avformat");
                property(xml, "shotcut:caption", cut.markerName(shot) + " take " + shot.take());
                if (!shot.note().isEmpty()) property(xml, "shotcut:comment", shot.note());
                property(xml, "shotcut:skipConvert", "1");
                xml.end();
            }
            xml.start("playlist", "id", "main bin");
            property(xml, "xml_retain", "1");
            for (Cut.Placed shot : cut.shots()) entry(xml, shot);
            xml.end();

            xml.start("producer", "id", "black", "in", "0", "out", String.valueOf(total - 1));
            property(xml, "length", String.valueOf(total));
            property(xml, "eof", "pause");
            property(xml, "resource", "0");
            property(xml, "mlt_service", "color");
            property(xml, "mlt_image_format", "rgba");
            property(xml, "set.test_audio", "0");
            xml.end();
            xml.start("playlist", "id", "background");
            xml.empty("entry", "producer", "black", "in", "0", "out", String.valueOf(total - 1));
            xml.end();

            xml.start("playlist", "id", "video");
            property(xml, "shotcut:video", "1");
            property(xml, "shotcut:name", "V1");
            for (Cut.Placed shot : cut.shots()) entry(xml, shot);
            xml.end();

            xml.start("playlist", "id", "audio");
            property(xml, "shotcut:audio", "1");
            property(xml, "shotcut:name", "A1");
            for (Cut.Placed shot : cut.shots()) {
                if (shot.hasAudio()) entry(xml, shot);
                else xml.empty("blank", "length", String.valueOf(shot.frames()));
            }
            xml.end();

            xml.start(
                    "tractor", "id", "main_tractor", "title", cut.name(), "in", "0", "out", String.valueOf(total - 1));
            property(xml, "shotcut", "1");
            markers(xml, cut);
            xml.empty("track", "producer", "background");
            xml.empty("track", "producer", "video", "hide", "audio");
            xml.empty("track", "producer", "audio", "hide", "video");
            // Shotcut's own: the audio track mixed into the background, the video track blended over it.
            transition(xml, "mix", 2, "sum", "1");
            transition(xml, "qtblend", 1, "threads", "0");
            if (!cut.captions().isEmpty()) {
                xml.start("filter", "id", "subtitles");
                property(xml, "mlt_service", "subtitle_feed");
                property(xml, "feed", "dialogue");
                property(xml, "lang", iso639(context.subtitleLanguage()));
                property(xml, "text", Files.readString(cut.episode().subtitles(), StandardCharsets.UTF_8));
                xml.end();
            }
            xml.end();
            xml.end();
        }
    }

    private static void profile(XmlOut xml, Cut cut) throws IOException {
        int gcd = BigInteger.valueOf(cut.width())
                .gcd(BigInteger.valueOf(cut.height()))
                .intValue();
        xml.empty(
                "profile",
                "description",
                String.format(Locale.ROOT, "%dx%d %s fps", cut.width(), cut.height(), fps(cut.rate())),
                "width",
                String.valueOf(cut.width()),
                "height",
                String.valueOf(cut.height()),
                "progressive",
                "1",
                "sample_aspect_num",
                "1",
                "sample_aspect_den",
                "1",
                "display_aspect_num",
                String.valueOf(cut.width() / gcd),
                "display_aspect_den",
                String.valueOf(cut.height() / gcd),
                "frame_rate_num",
                String.valueOf(cut.rate().num()),
                "frame_rate_den",
                String.valueOf(cut.rate().den()),
                "colorspace",
                "709");
    }

    private static void markers(XmlOut xml, Cut cut) throws IOException {
        xml.start("properties", "name", "shotcut:markers");
        for (Cut.Placed shot : cut.shots()) {
            xml.start("properties", "name", String.valueOf(shot.index()));
            property(xml, "text", cut.markerName(shot));
            property(xml, "start", cut.rate().clock(shot.start()));
            property(xml, "end", cut.rate().clock(shot.start()));
            property(xml, "color", MARKER_COLOR);
            xml.end();
        }
        xml.end();
    }

    /** A transition of {@code track} onto the background (track 0), always active, with one setting of its own. */
    private static void transition(XmlOut xml, String service, int track, String setting, String value)
            throws IOException {
        xml.start("transition", "id", service);
        property(xml, "a_track", "0");
        property(xml, "b_track", String.valueOf(track));
        property(xml, "mlt_service", service);
        property(xml, "always_active", "1");
        property(xml, setting, value);
        xml.end();
    }

    private static void entry(XmlOut xml, Cut.Placed shot) throws IOException {
        xml.empty("entry", "producer", producerId(shot), "in", "0", "out", String.valueOf(shot.frames() - 1));
    }

    private static void property(XmlOut xml, String name, String value) throws IOException {
        xml.text("property", value, "name", name);
    }

    private static String producerId(Cut.Placed shot) {
        return "shot-" + shot.shotId();
    }

    private static String fps(Rate rate) {
        return rate.den() == 1 ? String.valueOf(rate.num()) : String.format(Locale.ROOT, "%.3f", rate.fps());
    }

    /** MLT tags subtitle feeds with ISO 639-2 codes ({@code zho}, {@code eng}). */
    static String iso639(String languageTag) {
        return Locale.forLanguageTag(languageTag).getISO3Language();
    }
}
