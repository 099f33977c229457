package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.emulator.Faults;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a project's output goes, when it is made, how its files are made, and how its ledger adds up. */
class OutputFolderTest {
    static EmulatorHarness harness;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        harness = new EmulatorHarness(Faults.none());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static final String YAML = """
            title: %s
            defaults: { model: seedance-2.0-fast, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
            episodes:
              - { id: zz-last-by-name, shots: [{ id: s01, prompt: "夜色中的城市" }] }
              - { id: aa-first-by-name, shots: [{ id: s01, prompt: "雨中的街道" }, { id: s02, after: s01, prompt: "伞" }] }
            """;

    @Test
    void twoProjectFilesNamedProjectYamlGetAFolderEachNamedAfterTheirFolder() {
        Path a = TestFiles.write(dir.resolve("drama-a/project.yaml"), YAML.formatted("甲"));
        Path b = TestFiles.write(dir.resolve("drama-b/project.yaml"), YAML.formatted("乙"));
        Path c = TestFiles.write(dir.resolve("drama-b/pilot.yaml"), YAML.formatted("丙"));
        try (Studio sa = Studio.open(a, StudioOptions.builder().build());
                Studio sb = Studio.open(b, StudioOptions.builder().build());
                Studio sc = Studio.open(c, StudioOptions.builder().build())) {
            assertThat(sa.outputDir()).isEqualTo(dir.resolve("drama-a/out/drama-a"));
            assertThat(sb.outputDir()).isEqualTo(dir.resolve("drama-b/out/drama-b"));
            assertThat(sc.outputDir()).isEqualTo(dir.resolve("drama-b/out/pilot"));
        }
    }

    @Test
    void planAndStatusOfANeverRunProjectLeaveNothingBehind() throws Exception {
        Path file = TestFiles.write(dir.resolve("new/project.yaml"), YAML.formatted("新"));
        try (Studio studio = Studio.open(file, StudioOptions.builder().build())) {
            assertThat(studio.plan().rows()).hasSize(3);
            StudioStatus status = studio.status();
            assertThat(status.counts()).containsEntry("not_generated", 3);
            assertThat(status.spentCny()).isZero();
        }
        try (Stream<Path> files = Files.list(dir.resolve("new"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("project.yaml");
        }
    }

    @Test
    void keptFilesFollowTheUmaskAndTheLedgerAddsUpInProjectOrder() throws Exception {
        Path file = TestFiles.write(dir.resolve("drama/project.yaml"), YAML.formatted("账"));
        Path out = dir.resolve("drama/out/drama");
        StudioStatus status;
        try (Studio studio =
                Studio.open(file, harness.options(null).outputDir(out).build())) {
            assertThat(studio.run(RunListener.none()).delivered()).isEqualTo(3);
            studio.regen("aa-first-by-name", "s02", 7L, RunListener.none());
            studio.assemble(dev.seedance4j.studio.assembly.AssemblySettings.defaults(), (e, s, f) -> {});
            status = studio.status();
        }
        // What a file made by this process gets from the umask (0666 masked), as the kept files must.
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> umask = Files.getPosixFilePermissions(probe);
        try (Stream<Path> kept = Files.walk(out.resolve("clips"))) {
            assertThat(kept.filter(Files::isRegularFile).toList())
                    .hasSize(12) // four takes, each a clip, its last frame and its identity record
                    .allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f))
                            .as(f.toString())
                            .isEqualTo(umask));
        }
        assertThat(Files.getPosixFilePermissions(out.resolve("episodes/aa-first-by-name.mp4")))
                .isEqualTo(umask);

        assertThat(status.episodes().keySet()).containsExactly("zz-last-by-name", "aa-first-by-name");
        BigDecimal billed =
                status.episodes().values().stream().map(Ledger::billedCny).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(billed).isEqualByComparingTo(status.spentCny());
        BigDecimal planned =
                status.episodes().values().stream().map(Ledger::estimatedCny).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(planned).isEqualByComparingTo(status.estimatedCny());
    }
}
