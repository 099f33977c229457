package dev.seedance4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporting again replaces what an export wrote, and nothing an editor saved or a person put there. */
class ReexportTest {

    @TempDir
    Path dir;

    @Test
    void anUnchangedExportIsReplacedAndOneAnEditorSavedIsKept() throws IOException {
        DemoEpisode demo = DemoEpisode.get();
        ExportedEpisode first = demo.export(ExportFormat.MLT, dir);
        ExportedEpisode again = demo.export(ExportFormat.MLT, dir);
        assertThat(again.path()).isEqualTo(first.path());

        // Shotcut saves its edit over the project it opened
        String edited = Files.readString(first.path()).replace("ep01/s01", "ep01/s01 (cut shorter)");
        Files.writeString(first.path(), edited);
        assertThatThrownBy(() -> demo.export(ExportFormat.MLT, dir))
                .isInstanceOfSatisfying(
                        ExportException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExportException.Reason.WOULD_OVERWRITE))
                .hasMessageContaining(first.path() + " was changed after it was exported")
                .hasMessageContaining("-o DIR");
        assertThat(first.path()).hasContent(edited);
    }

    @Test
    void aDraftTheEditorSavedIntoAndAFileNoExportWroteAreKept() throws IOException {
        DemoEpisode demo = DemoEpisode.get();
        ExportedEpisode draft = demo.export(ExportFormat.JIANYING, dir);
        demo.export(ExportFormat.JIANYING, dir);
        Path content = draft.path().resolve("draft_content.json");
        Files.writeString(content, Files.readString(content).replace("\"fps\" : 24.0", "\"fps\" : 25.0"));
        assertThatThrownBy(() -> demo.export(ExportFormat.JIANYING, dir))
                .hasMessageContaining(draft.path() + " was changed after it was exported");
        assertThat(content).content().contains("\"fps\" : 25.0");

        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("ep01.otio"), "{}");
        assertThatThrownBy(() -> demo.export(ExportFormat.OTIO, other))
                .hasMessageContaining("or was not written by an export");
        assertThat(other.resolve("ep01.otio")).hasContent("{}");
    }

    @Test
    void theEpisodesFolderIsNotAnExportFolder() {
        DemoEpisode demo = DemoEpisode.get();
        assertThatThrownBy(() ->
                        demo.export(ExportFormat.OTIO, demo.episode.video().getParent()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("into a folder of its own");
    }
}
