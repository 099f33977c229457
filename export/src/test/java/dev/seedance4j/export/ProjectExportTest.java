package dev.seedance4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporting a project through its studio: which episodes, where, and refusals that say what to do. */
class ProjectExportTest {

    @TempDir
    Path dir;

    @Test
    void everyAssembledEpisodeGoesToTheProjectsExportsFolder() {
        DemoEpisode demo = DemoEpisode.get();
        try (Studio studio = demo.openStudio()) {
            ExportReport report = TimelineExport.project(studio, ExportFormat.OTIO, ExportSettings.defaults());
            assertThat(report.skipped()).isEmpty();
            assertThat(report.exported()).singleElement().satisfies(e -> {
                assertThat(e.episodeId()).isEqualTo("ep01");
                assertThat(e.path()).isEqualTo(demo.outputDir.resolve("exports/otio/ep01.otio"));
                assertThat(e.path()).isRegularFile();
            });

            ExportReport named = TimelineExport.project(
                    studio,
                    ExportFormat.FCPXML,
                    ExportSettings.builder()
                            .episodes(List.of("ep01"))
                            .outputDirectory(dir)
                            .build());
            assertThat(named.exported())
                    .singleElement()
                    .satisfies(e -> assertThat(e.path()).isEqualTo(dir.resolve("ep01.fcpxml")));

            assertThatThrownBy(() -> TimelineExport.project(
                            studio,
                            ExportFormat.MLT,
                            ExportSettings.builder().episodes(List.of("ep02")).build()))
                    .isInstanceOfSatisfying(
                            ExportException.class,
                            e -> assertThat(e.reason()).isEqualTo(ExportException.Reason.UNKNOWN_EPISODE))
                    .hasMessage("the project has no episode 'ep02' (episodes: ep01)");
        }
    }

    @Test
    void anEpisodeAssembledFromOtherTakesOrShotsIsRefusedWhenNamedAndSkippedOtherwise() throws IOException {
        DemoEpisode demo = DemoEpisode.get();
        Path project = dir.resolve("project");
        Path out = dir.resolve("out");
        DemoEpisode.copyTree(demo.projectFile.getParent(), project);
        DemoEpisode.copyTree(demo.outputDir, out);
        // the take of s03 is lost (its clip deleted): the studio no longer counts it as delivered
        try (Stream<Path> clips = Files.list(out.resolve("clips/ep01"))) {
            for (Path clip : clips.filter(p -> p.getFileName().toString().startsWith("s03-"))
                    .toList()) {
                Files.delete(clip);
            }
        }
        try (Studio studio = Studio.open(
                project.resolve("modes.yaml"),
                StudioOptions.builder().outputDir(out).build())) {
            assertThatThrownBy(() -> TimelineExport.project(
                            studio,
                            ExportFormat.MLT,
                            ExportSettings.builder().episodes(List.of("ep01")).build()))
                    .isInstanceOfSatisfying(
                            ExportException.class,
                            e -> assertThat(e.reason()).isEqualTo(ExportException.Reason.OUT_OF_DATE))
                    .hasMessageContaining("episode ep01 was assembled before the takes of s03 (assembled with take 1)")
                    .hasMessageContaining("seedance run");

            ExportReport all = TimelineExport.project(studio, ExportFormat.MLT, ExportSettings.defaults());
            assertThat(all.exported()).isEmpty();
            assertThat(all.skipped()).containsOnlyKeys("ep01");
            assertThat(out.resolve("exports")).doesNotExist();
        }

        // a shot removed from the project: the assembled episode no longer matches its shot list
        Path yaml = project.resolve("modes.yaml");
        String text = Files.readString(yaml);
        Files.writeString(yaml, text.substring(0, text.indexOf("      - id: s09")));
        try (Studio studio =
                Studio.open(yaml, StudioOptions.builder().outputDir(out).build())) {
            assertThatThrownBy(() -> TimelineExport.project(
                            studio,
                            ExportFormat.OTIO,
                            ExportSettings.builder().episodes(List.of("ep01")).build()))
                    .hasMessageContaining("was assembled with shots [s01, s02, s03, s04, s05, s06, s07, s08, s09]")
                    .hasMessageContaining("the project now has [s01, s02, s03, s04, s05, s06, s07, s08]");
        }
    }
}
