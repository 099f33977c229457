package dev.seedance4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import dev.seedance4j.media.MediaStream;
import dev.seedance4j.studio.assembly.EpisodeResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The end-to-end proof: the MLT project of the demo episode, rendered headlessly by Debian's {@code melt}, has the
 * assembled episode's frames, duration and sound. {@code melt} must be on the PATH ({@code .ci/run} installs it;
 * {@code apt-get install melt} elsewhere) or named by {@code SEEDANCE_MELT}.
 */
class MltExportTest {

    private static final Ffmpeg FFMPEG = Ffmpeg.locate();

    @TempDir
    Path dir;

    @Test
    void meltRendersTheDemoEpisodeWithItsFramesDurationAndSound() throws Exception {
        DemoEpisode demo = DemoEpisode.get();
        EpisodeResult episode = demo.episode;
        ExportedEpisode mlt = demo.export(ExportFormat.MLT, dir.resolve("mlt"));
        assertThat(mlt.path()).hasFileName("ep01.mlt");
        assertThat(mlt.files()).contains(dir.resolve("mlt/ep01.srt"));

        Path rendered = dir.resolve("rendered.mp4");
        render(mlt.path(), rendered);

        long frames = FFMPEG.countFrames(episode.video());
        assertThat(frames).isEqualTo(episode.frames());
        assertThat(FFMPEG.countFrames(rendered))
                .as("video frames of the render")
                .isEqualTo(frames);
        MediaInfo render = FFMPEG.probe(rendered);
        MediaInfo assembled = FFMPEG.probe(episode.video());
        double oneFrame = 1 / episode.fps();
        assertThat(render.durationSeconds())
                .as("duration of the render against the assembled episode")
                .isCloseTo(assembled.durationSeconds(), within(oneFrame));
        assertThat(render.durationSeconds()).isCloseTo(episode.durationSeconds(), within(oneFrame));
        assertThat(render.video().orElseThrow().width()).isEqualTo(episode.width());
        assertThat(render.video().orElseThrow().height()).isEqualTo(episode.height());
        assertThat(render.streams(MediaStream.Type.AUDIO))
                .as("the takes' own sound")
                .hasSize(1);
        assertThat(FFMPEG.measureLoudness(rendered, Duration.ofMinutes(2)).integratedLufs())
                .as("the sound is not silence")
                .isGreaterThan(-60);
    }

    @Test
    void theProjectNamesTracksMarkersNotesAndSubtitlesAsShotcutReadsThem() throws Exception {
        DemoEpisode demo = DemoEpisode.get();
        EpisodeResult episode = demo.episode;
        ExportedEpisode mlt = demo.export(
                ExportFormat.MLT,
                new EpisodeLabels("重生之逆袭", "第一集", java.util.Map.of("s02", "@lin 站在落地窗前")),
                ExportSettings.builder().outputDirectory(dir));
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(mlt.path().toFile());
        Element profile = (Element) xml.getElementsByTagName("profile").item(0);
        assertThat(profile.getAttribute("frame_rate_num")).isEqualTo("24");
        assertThat(profile.getAttribute("frame_rate_den")).isEqualTo("1");

        NodeList playlists = xml.getElementsByTagName("playlist");
        Element video = byId(playlists, "video");
        Element audio = byId(playlists, "audio");
        List<Element> pictures = children(video, "entry");
        assertThat(pictures).hasSize(episode.shots().size());
        for (int i = 0; i < pictures.size(); i++) {
            assertThat(pictures.get(i).getAttribute("in")).isEqualTo("0");
            assertThat(Long.parseLong(pictures.get(i).getAttribute("out")))
                    .isEqualTo(episode.shots().get(i).frames() - 1);
        }
        assertThat(children(audio, "entry").size() + children(audio, "blank").size())
                .isEqualTo(episode.shots().size());
        for (Element producer : children(xml.getDocumentElement(), "producer")) {
            String resource = property(producer, "resource");
            if (!"avformat".equals(property(producer, "mlt_service"))) continue;
            assertThat(resource).as("relative to the .mlt").doesNotStartWith("/");
            assertThat(mlt.path().getParent().resolve(resource)).isRegularFile();
        }
        assertThat(property(byId(xml.getElementsByTagName("producer"), "shot-s02"), "shotcut:comment"))
                .isEqualTo("@lin 站在落地窗前");
        Element tractor = (Element) xml.getElementsByTagName("tractor").item(0);
        assertThat(children(tractor, "track"))
                .extracting(t -> t.getAttribute("hide"))
                .containsExactly("", "audio", "video");
        Element markers = children(tractor, "properties").get(0);
        assertThat(markers.getAttribute("name")).isEqualTo("shotcut:markers");
        assertThat(children(markers, "properties"))
                .extracting(m -> property(m, "text"))
                .containsExactlyElementsOf(
                        episode.shots().stream().map(s -> "ep01/" + s.shotId()).toList());
        Element subtitles = children(tractor, "filter").get(0);
        assertThat(property(subtitles, "mlt_service")).isEqualTo("subtitle_feed");
        assertThat(property(subtitles, "text")).isEqualTo(Files.readString(episode.subtitles()));
    }

    static void render(Path mlt, Path output) throws IOException, InterruptedException {
        Path log = output.resolveSibling(output.getFileName() + ".log");
        Process melt = new ProcessBuilder(List.of(
                        melt(),
                        mlt.toString(),
                        "-consumer",
                        "avformat:" + output,
                        "vcodec=libx264",
                        "preset=ultrafast",
                        "acodec=aac",
                        "ar=48000",
                        "real_time=-1"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!melt.waitFor(5, TimeUnit.MINUTES)) {
            melt.destroyForcibly();
            throw new AssertionError("melt did not finish rendering " + mlt + " in 5 minutes");
        }
        assertThat(melt.exitValue())
                .as("melt's exit code; its output: %s", Files.readString(log, StandardCharsets.UTF_8))
                .isZero();
        assertThat(output).isNotEmptyFile();
    }

    /** {@code SEEDANCE_MELT}, else {@code melt} on the PATH. */
    static String melt() {
        String configured = System.getenv("SEEDANCE_MELT");
        if (configured != null && !configured.isBlank()) return configured;
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "melt");
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        throw new AssertionError("this test renders the export with MLT's melt, which is not on the PATH: install it"
                + " (Debian/Ubuntu: apt-get install melt; .ci/run does) or set SEEDANCE_MELT to its path");
    }

    static Element byId(NodeList elements, String id) {
        for (int i = 0; i < elements.getLength(); i++) {
            Element e = (Element) elements.item(i);
            if (id.equals(e.getAttribute("id"))) return e;
        }
        throw new AssertionError("no element with id " + id);
    }

    static List<Element> children(Element parent, String tag) {
        NodeList nodes = parent.getChildNodes();
        List<Element> found = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) found.add(e);
        }
        return found;
    }

    static String property(Element owner, String name) {
        for (Element p : children(owner, "property")) {
            if (name.equals(p.getAttribute("name"))) return p.getTextContent();
        }
        return null;
    }
}
