package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.emulator.Faults;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are too large to read, and files swapped for links to outside the project after the project was
 * read: refused with the file named, before a byte of them is read or sent.
 */
class HostileFilesTest {
    static EmulatorHarness harness;

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @BeforeAll
    static void start() {
        harness = new EmulatorHarness(Faults.none());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** A file of {@code bytes} that takes no disk space and is never read by the checks under test. */
    private static Path sparse(Path file, long bytes) throws Exception {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    @Test
    void aProjectFileLargerThanTheCapIsRefusedBeforeItIsParsed() throws Exception {
        Path file = sparse(dir.resolve("huge.yaml"), 50L * 1024 * 1024);
        assertThatThrownBy(() -> Project.load(file))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("huge.yaml:1:1")
                .hasMessageContaining("the file is 50.0 MB; a project file may be at most 4.0 MB");
    }

    @Test
    void mediaFilesAreSizeCheckedBeforeTheyAreRead() throws Exception {
        sparse(dir.resolve("assets/big.mp4"), 51L * 1024 * 1024);
        sparse(dir.resolve("assets/big.png"), 30L * 1024 * 1024);
        sparse(dir.resolve("assets/big.wav"), 16L * 1024 * 1024);
        Path file = TestFiles.write(dir.resolve("p.yaml"), """
                title: t
                characters: { lin: { images: [assets/big.png], voice: assets/big.wav } }
                episodes: [{ id: e, shots: [{ id: a, prompt: p, edit: assets/big.mp4 }] }]
                """);
        assertThatThrownBy(() -> Project.load(file))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("p.yaml:2:31: characters.lin.images: 'assets/big.png' is 30.0 MB; an image may be"
                        + " at most just under 30 MB")
                .hasMessageContaining("'assets/big.wav' is 16.0 MB; audio may be at most 15 MB")
                .hasMessageContaining("p.yaml:3:55: episodes[e].shots[a].edit: 'assets/big.mp4' is 51.0 MB; a video"
                        + " may be at most 50 MB");
    }

    @Test
    void aFileSwappedForALinkAfterTheProjectWasReadIsNotSent() throws Exception {
        TestFiles.png(dir.resolve("assets/door.png"));
        Path secret = TestFiles.png(elsewhere.resolve("secret.png"), 320, 320, java.awt.Color.RED);
        Path file = TestFiles.write(dir.resolve("p.yaml"), """
                title: t
                defaults: { model: seedance-2.0-fast, resolution: 480p, duration: 4, generate_audio: false }
                episodes: [{ id: e, shots: [{ id: a, prompt: p, images: [assets/door.png] }] }]
                """);
        long creates = harness.emulator.stats().creates();
        // The same studio planned it and now runs it: the file is checked again when read for sending.
        RunReport report;
        try (Studio studio =
                Studio.open(file, harness.options(dir.resolve("out")).build())) {
            studio.plan();
            swapForLink(dir.resolve("assets/door.png"), secret);
            report = studio.run(RunListener.none());
        }
        assertThat(report.failures()).containsEntry(ReasonCode.INVALID, 1);
        assertThat(report.shots().get(0).message())
                .contains("'assets/door.png' is a link that leads out of the project folder", "nothing was sent");
        // A later command reads the project again and refuses it at the line that names the file.
        assertThatThrownBy(() ->
                        Studio.open(file, harness.options(dir.resolve("out")).build()))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("p.yaml:3:58: episodes[e].shots[a].images: 'assets/door.png' is a link that"
                        + " leads out of the project folder");
        assertThat(harness.emulator.stats().creates()).isEqualTo(creates);
    }

    @Test
    void aFileSwappedWhileTheRunIsUnderWayIsCheckedWhenItIsReadForSending() throws Exception {
        TestFiles.png(dir.resolve("assets/door.png"));
        Path secret = TestFiles.png(elsewhere.resolve("secret.png"), 320, 320, java.awt.Color.RED);
        Path file = TestFiles.write(dir.resolve("p.yaml"), """
                title: t
                defaults: { model: seedance-2.0-fast, resolution: 480p, duration: 4, generate_audio: false }
                episodes:
                  - id: e
                    shots:
                      - { id: a, prompt: p }
                      - { id: b, after: a, prompt: q, images: [assets/door.png] }
                """);
        long creates = harness.emulator.stats().creates();
        List<RunEvent> events = new ArrayList<>();
        RunReport report;
        try (Studio studio =
                Studio.open(file, harness.options(dir.resolve("out")).build())) {
            // b is planned with the real file at the start of the run; it is read for sending once a is delivered.
            report = studio.run(event -> {
                events.add(event);
                if (event.kind() == RunEvent.Kind.DELIVERED
                        && event.shot().shot().equals("a")) {
                    swapForLink(dir.resolve("assets/door.png"), secret);
                }
            });
        }
        assertThat(report.delivered()).isEqualTo(1);
        assertThat(report.failures()).containsEntry(ReasonCode.INVALID, 1);
        assertThat(report.shots())
                .filteredOn(s -> s.shot().shot().equals("b"))
                .singleElement()
                .satisfies(b -> assertThat(b.message())
                        .contains("'assets/door.png' is a link that leads out of the project folder")
                        .contains("nothing was sent"));
        assertThat(harness.emulator.stats().creates() - creates).isEqualTo(1);
    }

    private static void swapForLink(Path file, Path target) {
        try {
            Path link = file.resolveSibling(file.getFileName() + ".link");
            Files.createSymbolicLink(link, target);
            Files.move(link, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
