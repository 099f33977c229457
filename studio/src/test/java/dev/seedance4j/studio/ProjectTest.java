package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTest {
    static final String DEMO = """
      title: 重生之逆袭
      defaults: { model: doubao-seedance-2-0-fast-260128, resolution: 480p, ratio: "9:16", duration: 5, generate_audio: true }
      budget: { max_cny: 150 }
      characters:
        lin: { images: [assets/lin-front.png, assets/lin-side.png], voice: assets/lin.wav, description: 短发女主 }
        boss: { images: asset://asset-20260810164850-mqxvm }
      scenes:
        office: { images: [assets/office.png] }
      episodes:
        - id: ep01
          title: 第一集 重生
          shots:
            - id: s01
              prompt: "@lin 站在 @office 的落地窗前，夜色，镜头缓慢推近"
              dialogue: [{ who: lin, text: "这一次，我不会再输。" }]
            - id: s02
              after: s01
              prompt: "@lin 转身看向门口"
              duration: 4
            - id: s03
              first_frame: assets/door.png
              last_frame: assets/door-open.png
              prompt: "门缓缓打开"
            - id: s04
              edit: s01
              prompt: "把视频1里的窗帘换成白色，运镜不变"
            - id: s05
              extend: [s03, ep01/s04]
              prompt: "视频1的门打开后接视频2"
      """;

    @TempDir
    Path dir;

    @BeforeEach
    void assets() {
        TestFiles.png(dir.resolve("assets/lin-front.png"));
        TestFiles.png(dir.resolve("assets/lin-side.png"));
        TestFiles.png(dir.resolve("assets/office.png"));
        TestFiles.png(dir.resolve("assets/door.png"));
        TestFiles.png(dir.resolve("assets/door-open.png"));
        TestFiles.wav(dir.resolve("assets/lin.wav"), 3);
    }

    @Test
    void readsTheDemoProject() {
        Project project = Project.load(TestFiles.write(dir.resolve("drama.yaml"), DEMO));
        assertThat(project.title()).isEqualTo("重生之逆袭");
        assertThat(project.maxCny()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("150"));
        assertThat(project.defaults().resolution()).contains("480p");
        assertThat(project.characters().get("lin").images())
                .hasSize(2)
                .allSatisfy(m -> assertThat(m).isInstanceOf(MediaRef.LocalFile.class));
        assertThat(project.characters().get("boss").images().get(0))
                .isEqualTo(new MediaRef.Remote(
                        "asset://asset-20260810164850-mqxvm", new SourcePosition(dir.resolve("drama.yaml"), 6, 19)));
        List<Shot> shots = project.shots();
        assertThat(shots).extracting(Shot::id).containsExactly("s01", "s02", "s03", "s04", "s05");
        assertThat(shots.get(0).dialogue())
                .singleElement()
                .satisfies(d -> assertThat(d.who()).isEqualTo("lin"));
        assertThat(shots.get(1).after()).contains(new ShotKey("ep01", "s01"));
        assertThat(shots.get(1).duration()).contains(4);
        assertThat(shots.get(3).edit()).containsInstanceOf(MediaRef.ShotOutput.class);
        assertThat(shots.get(4).dependencies()).containsExactly(new ShotKey("ep01", "s03"), new ShotKey("ep01", "s04"));
        assertThat(shots.get(1).position())
                .isEqualTo(new SourcePosition(dir.resolve("drama.yaml").toAbsolutePath(), 16, 9));
    }

    @Test
    void demoStyleExamplesValidateAgainstTheShippedSchema() throws Exception {
        Schema schema;
        try (InputStream in = Project.class.getResourceAsStream("project.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        }
        assertThat(schema.validate(DEMO, InputFormat.YAML)).isEmpty();
        assertThat(schema.validate(StudioFixtures.everyModeYaml(3), InputFormat.YAML))
                .isEmpty();
        assertThat(schema.validate(DEMO.replace("duration: 4", "duraton: 4"), InputFormat.YAML))
                .isNotEmpty();
        // the copy in docs/ for editors is the same file
        Path docs = Path.of("..", "docs", "project.schema.json");
        try (InputStream in = Project.class.getResourceAsStream("project.schema.json")) {
            assertThat(Files.readString(docs))
                    .isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void collectsEveryProblemWithLineAndColumn() {
        String yaml = """
        title: t
        defaults: { resolutoin: 720p }
        characters:
          lin: { images: [assets/missing.png] }
        episodes:
          - id: ep01
            shots:
              - id: s01
                prompt: "@nobody walks"
                duration: five
              - id: s01
                prompt: again
        """;
        assertThatThrownBy(() -> Project.load(TestFiles.write(dir.resolve("p.yaml"), yaml)))
                .isInstanceOfSatisfying(ProjectException.class, e -> {
                    assertThat(e.problems())
                            .extracting(ProjectProblem::toString)
                            .containsExactlyInAnyOrder(
                                    "p.yaml:2:13: defaults.resolutoin: unknown key 'resolutoin' (did you mean 'resolution'?); allowed here: duration, generate_audio,"
                                            + " model, ratio, resolution, seed, watermark",
                                    "p.yaml:4:19: characters.lin.images: file not found: 'assets/missing.png' (looked for "
                                            + dir.resolve("assets/missing.png") + ")",
                                    "p.yaml:9:17: episodes[ep01].shots[s01].prompt: unknown character or scene @nobody; known: lin",
                                    "p.yaml:10:19: episodes[ep01].shots[s01].duration: must be a whole number, got the text 'five'",
                                    "p.yaml:11:13: episodes[ep01].shots[1].id: duplicate shot id 's01' in episode ep01");
                    assertThat(e.getMessage()).startsWith("5 problems in the project:");
                });
    }

    @Test
    void aSymlinkMayNotLeadOutOfTheProjectFolder(@TempDir Path outside) throws Exception {
        Path secret = TestFiles.png(outside.resolve("secret.png"));
        Files.createSymbolicLink(dir.resolve("assets/link.png"), secret);
        String yaml = """
        title: t
        episodes: [{ id: e, shots: [{ id: s, prompt: p, first_frame: assets/link.png }] }]
        """;
        assertThatThrownBy(() -> Project.load(TestFiles.write(dir.resolve("p.yaml"), yaml)))
                .isInstanceOfSatisfying(
                        ProjectException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .satisfies(p -> assertThat(p.message())
                                        .contains("a link that leads out of the project folder")));
    }

    @Test
    void yamlSyntaxErrorsPointAtTheSpot() {
        String yaml = "title: t\nepisodes:\n  - id: e\n    shots: [ { id: s, prompt: \"open\n";
        assertThatThrownBy(() -> Project.load(TestFiles.write(dir.resolve("p.yaml"), yaml)))
                .isInstanceOfSatisfying(
                        ProjectException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.message()).startsWith("YAML syntax error");
                            assertThat(p.position().line()).isGreaterThanOrEqualTo(4);
                        }));
    }

    @Test
    void cyclesAreFoundAcrossAfterEditAndExtend() {
        String yaml = """
        title: t
        episodes:
          - id: e
            shots:
              - { id: a, prompt: p, after: c }
              - { id: b, prompt: p, edit: a }
              - { id: c, prompt: p, extend: [b] }
        """;
        assertThatThrownBy(() -> Project.load(TestFiles.write(dir.resolve("p.yaml"), yaml)))
                .isInstanceOfSatisfying(
                        ProjectException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .satisfies(p -> assertThat(p.message())
                                        .isEqualTo("dependency cycle through after:/edit:/extend: "
                                                + "e/a -> e/c -> e/b -> e/a")));
    }
}
