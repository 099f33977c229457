package dev.seedance4j.export.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * FCPXML 1.9, which Final Cut Pro 10.5+ and DaVinci Resolve import: one format at the episode's size and rate, an
 * asset per take (its media as an absolute {@code file://} URL, which both applications require), and a project
 * whose spine holds the takes' pictures end to end ({@code srcEnable="video"}); each take carries its own sound as a
 * connected clip on lane -1, its dialogue as iTT captions on lane 1 and a marker {@code episode/shot} whose note is
 * the prompt. Every time is a whole number of frames written as a rational ({@code 97/24s}).
 */
final class FcpxmlWriter extends EpisodeFileWriter {

    static final String VERSION = "1.9";
    private static final String FORMAT_ID = "r1";

    @Override
    String extension() {
        return ".fcpxml";
    }

    @Override
    void writeFile(Cut cut, Path file, Path folder, Context context) throws IOException {
        Rate rate = cut.rate();
        String captionRole = "iTT?captionFormat=ITT." + context.subtitleLanguage();
        try (XmlOut xml = XmlOut.create(file, "<!DOCTYPE fcpxml>")) {
            xml.start("fcpxml", "version", VERSION);
            xml.start("resources");
            xml.empty(
                    "format",
                    "id",
                    FORMAT_ID,
                    "frameDuration",
                    rate.rational(1),
                    "width",
                    String.valueOf(cut.width()),
                    "height",
                    String.valueOf(cut.height()),
                    "colorSpace",
                    "1-1-1 (Rec. 709)");
            for (Cut.Placed shot : cut.shots()) {
                xml.start(
                        "asset",
                        "id",
                        assetId(shot),
                        "name",
                        shot.clip().getFileName().toString(),
                        "start",
                        "0s",
                        "duration",
                        rate.rational(shot.frames()),
                        "hasVideo",
                        "1",
                        "format",
                        FORMAT_ID,
                        "hasAudio",
                        shot.hasAudio() ? "1" : "0",
                        "audioSources",
                        shot.hasAudio() ? "1" : null,
                        "audioChannels",
                        shot.hasAudio() ? String.valueOf(shot.audioChannels()) : null);
                xml.empty("media-rep", "kind", "original-media", "src", MediaPaths.fileUrl(shot.clip()));
                xml.end();
            }
            xml.end();
            xml.start("library");
            xml.start(
                    "event",
                    "name",
                    cut.labels().projectTitle().isEmpty()
                            ? cut.name()
                            : cut.labels().projectTitle());
            xml.start("project", "name", cut.name());
            xml.start(
                    "sequence",
                    "format",
                    FORMAT_ID,
                    "duration",
                    rate.rational(cut.frames()),
                    "tcStart",
                    "0s",
                    "tcFormat",
                    "NDF",
                    "audioLayout",
                    cut.audioChannels() == 1 ? "mono" : "stereo",
                    "audioRate",
                    "48k");
            xml.start("spine");
            int style = 0;
            for (Cut.Placed shot : cut.shots()) {
                xml.start(
                        "asset-clip",
                        "ref",
                        assetId(shot),
                        "offset",
                        rate.rational(shot.start()),
                        "name",
                        shot.shotId(),
                        "start",
                        "0s",
                        "duration",
                        rate.rational(shot.frames()),
                        "srcEnable",
                        "video",
                        "format",
                        FORMAT_ID,
                        "tcFormat",
                        "NDF");
                // Anchored items are timed in the parent clip's own time, which starts at 0s.
                if (shot.hasAudio()) {
                    xml.empty(
                            "asset-clip",
                            "ref",
                            assetId(shot),
                            "lane",
                            "-1",
                            "offset",
                            "0s",
                            "name",
                            shot.shotId() + " sound",
                            "start",
                            "0s",
                            "duration",
                            rate.rational(shot.frames()),
                            "srcEnable",
                            "audio");
                }
                for (Cut.Caption caption : cut.captionsOf(shot)) {
                    String styleId = "ts" + ++style;
                    xml.start(
                            "caption",
                            "lane",
                            "1",
                            "offset",
                            rate.rational(caption.start() - shot.start()),
                            "name",
                            caption.text(),
                            "duration",
                            rate.rational(caption.frames()),
                            "role",
                            captionRole);
                    xml.start("text", "placement", "bottom");
                    xml.text("text-style", caption.text(), "ref", styleId);
                    xml.end();
                    xml.start("text-style-def", "id", styleId);
                    xml.empty(
                            "text-style",
                            "font",
                            ".AppleSystemUIFont",
                            "fontSize",
                            "13",
                            "fontFace",
                            "Regular",
                            "fontColor",
                            "1 1 1 1",
                            "backgroundColor",
                            "0 0 0 1");
                    xml.end();
                    xml.end();
                }
                xml.empty(
                        "marker",
                        "start",
                        "0s",
                        "duration",
                        rate.rational(1),
                        "value",
                        cut.markerName(shot),
                        "note",
                        shot.note().isEmpty() ? null : shot.note());
                xml.end();
            }
            xml.end();
            xml.end();
            xml.end();
            xml.end();
            xml.end();
            xml.end();
        }
    }

    private static String assetId(Cut.Placed shot) {
        return "r" + (shot.index() + 2);
    }
}
