package dev.seedance4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.assembly.EpisodeResult;
import dev.seedance4j.studio.assembly.ShotPlacement;
import dev.seedance4j.studio.assembly.SubtitleCue;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OTIO and OTIOZ of the demo episode, read back through {@link OtioReader}. */
class OtioExportTest {

    @TempDir
    Path dir;

    @Test
    void theOtioFileReadsBackToTheAssembledCutClipByClip() throws IOException {
        DemoEpisode demo = DemoEpisode.get();
        EpisodeResult episode = demo.episode;
        Project project = demo.project();
        ExportedEpisode otio = demo.export(ExportFormat.OTIO, dir);
        assertThat(otio.path()).hasFileName("ep01.otio");

        OtioReader.Timeline timeline = OtioReader.read(Files.readString(otio.path(), StandardCharsets.UTF_8));
        assertThat(timeline.rate()).isEqualTo(24.0);
        assertThat(timeline.name()).isEqualTo("重生之逆袭 · 试映 ep01 第一集 重生");
        assertThat(timeline.tracks())
                .extracting(OtioReader.Track::name, OtioReader.Track::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("V1", "Video"),
                        org.assertj.core.groups.Tuple.tuple("A1", "Audio"));

        List<OtioReader.Item> pictures = timeline.tracks().get(0).items();
        List<OtioReader.Item> sounds = timeline.tracks().get(1).items();
        assertThat(pictures).hasSameSizeAs(episode.shots());
        assertThat(sounds).hasSameSizeAs(episode.shots());
        for (int i = 0; i < episode.shots().size(); i++) {
            ShotPlacement shot = episode.shots().get(i);
            OtioReader.Item picture = pictures.get(i);
            assertThat(picture.schema()).isEqualTo("Clip.2");
            assertThat(picture.name()).isEqualTo(shot.shotId());
            assertThat(picture.at()).as("where %s starts", shot.shotId()).isEqualTo(shot.startFrame());
            assertThat(picture.source()).isEqualTo(new OtioReader.Range(24.0, 0, shot.frames()));
            assertThat(picture.available()).isEqualTo(new OtioReader.Range(24.0, 0, shot.frames()));
            assertThat(Path.of(URI.create(picture.targetUrl())))
                    .isEqualTo(shot.clip())
                    .isRegularFile();
            assertThat(picture.metadata().get("seedance4j").get("prompt").asText())
                    .isEqualTo(project.episodes().get(0).shots().get(i).prompt());
            OtioReader.Item sound = sounds.get(i);
            assertThat(sound.at()).isEqualTo(shot.startFrame());
            assertThat(sound.source().duration()).isEqualTo(shot.frames());
            if (shot.audioChannels() > 0) assertThat(sound.targetUrl()).isEqualTo(picture.targetUrl());
            else assertThat(sound.schema()).isEqualTo("Gap.1");
        }
        assertThat(pictures.get(pictures.size() - 1).at()
                        + pictures.get(pictures.size() - 1).source().duration())
                .isEqualTo(episode.frames());

        assertThat(timeline.markers()).hasSameSizeAs(episode.shots());
        for (int i = 0; i < episode.shots().size(); i++) {
            OtioReader.Marker marker = timeline.markers().get(i);
            assertThat(marker.name()).isEqualTo("ep01/" + episode.shots().get(i).shotId());
            assertThat(marker.range().start()).isEqualTo(episode.shots().get(i).startFrame());
            assertThat(marker.comment())
                    .isEqualTo(project.episodes().get(0).shots().get(i).prompt());
        }

        List<double[]> lines = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (OtioReader.Item picture : pictures) {
            for (OtioReader.Marker line : picture.markers()) {
                texts.add(line.name());
                lines.add(new double[] {
                    picture.at() + line.range().start(), line.range().duration()
                });
                assertThat(line.metadata().get("seedance4j").get("kind").asText())
                        .isEqualTo("dialogue");
            }
        }
        assertThat(texts)
                .containsExactlyElementsOf(
                        episode.cues().stream().map(SubtitleCue::text).toList());
        for (int k = 0; k < lines.size(); k++) {
            SubtitleCue cue = episode.cues().get(k);
            assertThat(lines.get(k)[0])
                    .as("start of line %d in frames", k)
                    .isCloseTo(cue.startMillis() * 24 / 1000.0, within(0.5));
            assertThat(lines.get(k)[0] + lines.get(k)[1]).isCloseTo(cue.endMillis() * 24 / 1000.0, within(0.5));
        }
        assertThat(otio.files()).contains(dir.resolve("ep01.srt"));
        assertThat(dir.resolve("ep01.srt")).hasSameTextualContentAs(episode.subtitles());
    }

    @Test
    void theBundleHoldsItsMediaAndRefersToThemRelatively() throws IOException {
        DemoEpisode demo = DemoEpisode.get();
        EpisodeResult episode = demo.episode;
        ExportedEpisode otioz = demo.export(ExportFormat.OTIOZ, dir);
        assertThat(otioz.path()).hasFileName("ep01.otioz");
        try (ZipFile zip = new ZipFile(otioz.path().toFile(), StandardCharsets.UTF_8)) {
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            zip.stream().forEach(e -> entries.put(e.getName(), e));
            assertThat(new String(
                            zip.getInputStream(entries.get("version.txt")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("1.0.0");
            OtioReader.Timeline timeline = OtioReader.read(
                    new String(zip.getInputStream(entries.get("content.otio")).readAllBytes(), StandardCharsets.UTF_8));
            List<OtioReader.Item> pictures = timeline.tracks().get(0).items();
            assertThat(pictures).hasSameSizeAs(episode.shots());
            for (int i = 0; i < pictures.size(); i++) {
                ShotPlacement shot = episode.shots().get(i);
                String url = pictures.get(i).targetUrl();
                assertThat(url).isEqualTo("media/" + shot.clip().getFileName());
                ZipEntry media = entries.get(url);
                assertThat(media).as("the bundle holds %s", url).isNotNull();
                assertThat(media.getMethod())
                        .as("media are stored, not deflated")
                        .isEqualTo(ZipEntry.STORED);
                assertThat(zip.getInputStream(media).readAllBytes()).isEqualTo(Files.readAllBytes(shot.clip()));
            }
            assertThat(entries.keySet())
                    .allMatch(name ->
                            name.equals("version.txt") || name.equals("content.otio") || name.startsWith("media/"));
        }
    }
}
