package dev.seedance4j.export;

import static dev.seedance4j.export.MltExportTest.children;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.assembly.SubtitleCue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** FCPXML of the demo episode: well-formed, valid against the test DTD, frame-aligned, every asset on disk. */
class FcpxmlExportTest {

    private static final Pattern TIME = Pattern.compile("(\\d+)(?:/(\\d+))?s");
    private static final List<String> TIME_ATTRIBUTES =
            List.of("offset", "start", "duration", "frameDuration", "tcStart");

    @TempDir
    Path dir;

    @Test
    void theFcpxmlIsValidFrameAlignedAndRebuildsTheCutWithSoundCaptionsAndMarkers() throws Exception {
        DemoEpisode demo = DemoEpisode.get();
        EpisodeResult episode = demo.episode;
        Project project = demo.project();
        ExportedEpisode fcpxml = demo.export(ExportFormat.FCPXML, dir);
        assertThat(fcpxml.path()).hasFileName("ep01.fcpxml");
        String text = Files.readString(fcpxml.path(), StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<!DOCTYPE fcpxml>");

        Document xml = validated(text);
        assertThatThrownBy(() -> validated(text.replaceFirst("<asset-clip ref=\"r2\" ", "<asset-clip ")))
                .as("the DTD check fails a clip without its asset")
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ref");
        assertThatThrownBy(() -> frames("1001/30000s"))
                .as("not a whole frame at 24 fps")
                .isInstanceOf(AssertionError.class);
        Element root = xml.getDocumentElement();
        assertThat(root.getAttribute("version")).isEqualTo("1.9");

        // every time is a whole number of frames at 24 fps
        NodeList all = xml.getElementsByTagName("*");
        int times = 0;
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (String name : TIME_ATTRIBUTES) {
                if (attributes.getNamedItem(name) == null) continue;
                frames(attributes.getNamedItem(name).getNodeValue());
                times++;
            }
        }
        assertThat(times).isGreaterThan(3 * episode.shots().size());

        Map<String, Path> assets = new HashMap<>();
        NodeList assetElements = xml.getElementsByTagName("asset");
        for (int i = 0; i < assetElements.getLength(); i++) {
            Element asset = (Element) assetElements.item(i);
            Element media = children(asset, "media-rep").get(0);
            Path file = Path.of(URI.create(media.getAttribute("src")));
            assertThat(file).as("asset %s", asset.getAttribute("id")).isRegularFile();
            assets.put(asset.getAttribute("id"), file);
        }
        Element sequence = (Element) xml.getElementsByTagName("sequence").item(0);
        assertThat(frames(sequence.getAttribute("duration"))).isEqualTo(episode.frames());
        List<Element> spine =
                children((Element) sequence.getElementsByTagName("spine").item(0), "asset-clip");
        assertThat(spine).hasSameSizeAs(episode.shots());
        long at = 0;
        List<String> captions = new ArrayList<>();
        List<Long> captionStarts = new ArrayList<>();
        for (int i = 0; i < spine.size(); i++) {
            Element clip = spine.get(i);
            ShotPlacement shot = episode.shots().get(i);
            assertThat(assets.get(clip.getAttribute("ref"))).isEqualTo(shot.clip());
            assertThat(frames(clip.getAttribute("offset")))
                    .as("no gap before %s", shot.shotId())
                    .isEqualTo(at);
            assertThat(frames(clip.getAttribute("start"))).isZero();
            assertThat(frames(clip.getAttribute("duration"))).isEqualTo(shot.frames());
            assertThat(clip.getAttribute("srcEnable")).isEqualTo("video");
            List<Element> sound = children(clip, "asset-clip");
            if (shot.audioChannels() > 0) {
                assertThat(sound).singleElement().satisfies(s -> {
                    assertThat(s.getAttribute("lane")).isEqualTo("-1");
                    assertThat(s.getAttribute("srcEnable")).isEqualTo("audio");
                    assertThat(s.getAttribute("ref")).isEqualTo(clip.getAttribute("ref"));
                    assertThat(frames(s.getAttribute("duration"))).isEqualTo(shot.frames());
                });
            } else {
                assertThat(sound).isEmpty();
            }
            String prompt = project.episodes().get(0).shots().get(i).prompt();
            assertThat(children(clip, "marker")).singleElement().satisfies(m -> {
                assertThat(m.getAttribute("value")).isEqualTo("ep01/" + shot.shotId());
                assertThat(m.getAttribute("note")).isEqualTo(prompt);
            });
            for (Element caption : children(clip, "caption")) {
                captions.add(caption.getElementsByTagName("text-style").item(0).getTextContent());
                captionStarts.add(at + frames(caption.getAttribute("offset")));
                assertThat(caption.getAttribute("role")).isEqualTo("iTT?captionFormat=ITT.zh");
            }
            at += shot.frames();
        }
        assertThat(captions)
                .containsExactlyElementsOf(
                        episode.cues().stream().map(SubtitleCue::text).toList());
        for (int k = 0; k < captions.size(); k++) {
            assertThat((double) captionStarts.get(k))
                    .isCloseTo(episode.cues().get(k).startMillis() * 24 / 1000.0, within(0.5));
        }
    }

    /** A time attribute as whole frames at 24 fps; fails when it is not one. */
    static long frames(String time) {
        Matcher m = TIME.matcher(time);
        assertThat(m.matches()).as("'%s' is a rational time", time).isTrue();
        long numerator = Long.parseLong(m.group(1));
        long denominator = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        assertThat(numerator * 24 % denominator)
                .as("'%s' is a whole frame at 24 fps", time)
                .isZero();
        return numerator * 24 / denominator;
    }

    /** Parses with validation against the test DTD, failing on any error or warning. */
    static Document validated(String fcpxml) throws Exception {
        String withDtd = fcpxml.replace("<!DOCTYPE fcpxml>", "<!DOCTYPE fcpxml SYSTEM \"fcpxml-1.9-subset.dtd\">");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setValidating(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        List<String> problems = new ArrayList<>();
        builder.setEntityResolver((publicId, systemId) -> {
            assertThat(systemId).endsWith("fcpxml-1.9-subset.dtd");
            return new InputSource(FcpxmlExportTest.class.getResourceAsStream("fcpxml-1.9-subset.dtd"));
        });
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                problems.add("warning line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
                problems.add("error line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        Document document = builder.parse(new ByteArrayInputStream(withDtd.getBytes(StandardCharsets.UTF_8)));
        assertThat(problems).as("validation against the DTD").isEmpty();
        return document;
    }
}
