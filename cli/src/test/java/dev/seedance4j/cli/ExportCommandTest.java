package dev.seedance4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seedance export} and {@code --export} on the demo, made once on the embedded emulator. */
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDemoExportsAfterItsRunAndTheExportCommandWritesEveryFormat() throws Exception {
        Path out = dir.resolve("demo");
        CliRun demo = CliRun.run("demo", "--out", out.toString(), "--no-progress", "--export", "mlt");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        Path mlt = out.resolve("exports/mlt/ep01.mlt");
        assertThat(demo.out()).contains("exported ep01 as MLT XML (Shotcut): " + mlt);
        assertThat(mlt).isRegularFile();

        String project = out.resolve("project/project.yaml").toString();
        CliRun draft = CliRun.run(
                "export",
                project,
                "--out",
                out.toString(),
                "--format",
                "jianying",
                "-o",
                dir.resolve("drafts").toString(),
                "--json");
        assertThat(draft.exitCode()).as(draft.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(draft.out());
        assertThat(doc.get("format").asText()).isEqualTo("jianying");
        JsonNode ep01 = doc.get("exported").get(0);
        assertThat(ep01.get("episode").asText()).isEqualTo("ep01");
        assertThat(Path.of(ep01.get("path").asText()).resolve("draft_content.json"))
                .isRegularFile();
        assertThat(Path.of(ep01.get("zip").asText())).isRegularFile();

        for (String format : new String[] {"capcut", "otio", "otioz", "fcpxml"}) {
            CliRun run =
                    CliRun.run("export", project, "--out", out.toString(), "--format", format, "--episode", "ep01");
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
            assertThat(run.out()).startsWith("exported ep01 as ");
            assertThat(Files.list(out.resolve("exports").resolve(format))).isNotEmpty();
        }

        CliRun badFormat = CliRun.run("export", project, "--out", out.toString(), "--format", "premiere");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err())
                .contains(
                        "--format: unknown export format 'premiere'; use one of jianying, capcut, otio, otioz, fcpxml, mlt");
        CliRun badEpisode =
                CliRun.run("export", project, "--out", out.toString(), "--format", "otio", "--episode", "ep09");
        assertThat(badEpisode.exitCode()).isEqualTo(2);
        assertThat(badEpisode.err()).contains("--episode: the project has no episode 'ep09' (episodes: ep01, ep02)");
        CliRun badRoot = CliRun.run(
                "export", project, "--out", out.toString(), "--format", "capcut", "--draft-root", "drafts/here");
        assertThat(badRoot.exitCode()).isEqualTo(2);
        assertThat(badRoot.err()).contains("--draft-root: the draft root 'drafts/here' must be an absolute path");
    }

    @Test
    void exportingWithoutAssemblingIsRefusedBeforeAnythingRuns() {
        Path out = dir.resolve("never");
        CliRun run = CliRun.run("demo", "--out", out.toString(), "--no-assemble", "--export", "otio");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--export needs the episodes assembled; drop --no-assemble");
        assertThat(out.resolve("clips")).doesNotExist();
        CliRun typo = CliRun.run("demo", "--out", out.toString(), "--export", "otoi");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("--export: unknown export format 'otoi'");
        assertThat(out.resolve("clips")).doesNotExist();
    }
}
