package dev.seedance4j.storyboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.studio.Plan;
import dev.seedance4j.studio.Project;
import dev.seedance4j.studio.Shot;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deterministic breakdown of every test script: the written project reads back, {@code plan} finds 0 problems,
 * every dialogue line of the script is in exactly one shot (in the breakdown and in the project file), and every
 * shot's comment cites its script lines.
 */
class DeterministicImportTest {

    @TempDir
    Path folder;

    static Stream<Path> scripts() throws IOException, URISyntaxException {
        return TestScripts.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void breakdownPassesPlanAndKeepsEveryDialogueLineOnce(Path script) throws IOException {
        Path project = folder.resolve("project.yaml");
        ScriptImporter.ImportResult result = ScriptImporter.builder().build().importScript(script, project);
        assertThat(result.written())
                .as(result.storyboard().diagnostics().toString())
                .isTrue();
        Storyboard board = result.storyboard();

        List<Beat> spoken = board.script().episodes().stream()
                .flatMap(e -> e.scenes().stream())
                .flatMap(s -> s.dialogue().stream())
                .toList();
        List<Beat> inShots =
                board.shots().stream().flatMap(s -> s.dialogue().stream()).toList();
        assertThat(inShots).hasSameSizeAs(spoken);
        for (Beat line : spoken) {
            assertThat(inShots.stream().filter(b -> b == line).count())
                    .as("line " + line.line())
                    .isEqualTo(1);
        }
        assertThat(board.shots()).allSatisfy(s -> {
            assertThat(s.beats()).isNotEmpty();
            assertThat(s.duration())
                    .isBetween(board.limits().minDuration(), board.limits().maxDuration());
        });

        Project loaded = Project.load(project);
        List<String> written = new ArrayList<>();
        for (Shot shot : loaded.shots()) shot.dialogue().forEach(d -> written.add(d.text()));
        assertThat(written)
                .containsExactlyElementsOf(spoken.stream().map(Beat::text).toList());
        String yaml = Files.readString(project, StandardCharsets.UTF_8);
        assertThat(yaml.split("· fp:", -1)).hasSize(board.shots().size() + 1);

        try (Studio studio = Studio.open(
                project,
                StudioOptions.builder().outputDir(folder.resolve("out")).build())) {
            Plan plan = studio.plan(); // throws with every problem found
            assertThat(plan.rows()).hasSize(board.shots().size());
        }
    }

    @Test
    void newCharactersCarryTheirBioAsDescription() throws Exception {
        Path project = folder.resolve("drama.yaml");
        ScriptImporter.builder().build().importScript(TestScripts.get("01-standard.md"), project);
        Project loaded = Project.load(project);
        assertThat(loaded.characters().get("沈清").description())
                .hasValueSatisfying(d -> assertThat(d).contains("22岁").contains("清冷倔强"));
        assertThat(loaded.characters().get("管家").description()).hasValue("管家");
        assertThat(loaded.scenes()).containsKeys("沈家别墅_客厅", "沈家花园");
        assertThat(loaded.scenes().get("沈家别墅_客厅").description()).hasValue("内景，夜，沈家别墅·客厅");
        assertThat(loaded.shots().get(0).prompt()).contains("@沈家别墅_客厅").contains("@沈清");
    }

    @Test
    void existingCastIsMatchedByNameAndAlias() throws Exception {
        Path project = folder.resolve("drama.yaml");
        Files.writeString(project, """
                title: 已有项目
                defaults:
                  model: doubao-seedance-2-0-260128
                characters:
                  qing:
                    description: 沈清，黑色长发
                    aliases: [沈清, 清儿]
                scenes:
                  living:
                    description: 沈家客厅
                    aliases: 沈家别墅·客厅
                episodes:
                  - id: ep01
                    shots:
                      - id: old
                        prompt: 旧镜头
                """);
        ScriptImporter.ImportResult result =
                ScriptImporter.builder().build().importScript(TestScripts.get("01-standard.md"), project);
        assertThat(result.written()).isTrue();
        Project loaded = Project.load(project);
        assertThat(loaded.title()).isEqualTo("已有项目");
        assertThat(loaded.defaults().model()).hasValue("doubao-seedance-2-0-260128");
        assertThat(loaded.characters()).containsKeys("qing", "沈母", "管家").doesNotContainKey("沈清");
        assertThat(loaded.characters().get("qing").aliases()).containsExactly("沈清", "清儿");
        assertThat(loaded.scenes()).containsKeys("living", "沈家花园").doesNotContainKey("沈家别墅_客厅");
        assertThat(loaded.shots().get(0).prompt()).contains("@living").contains("@qing");
        assertThat(loaded.shots())
                .allSatisfy(s -> assertThat(s.dialogue())
                        .allSatisfy(d -> assertThat(d.who()).isNotEqualTo("沈清")));
    }

    @Test
    void reimportingAnEditedScriptKeepsTheIdsAndEditsOfUnchangedShots() throws Exception {
        Path script = folder.resolve("drama.md");
        String original = Files.readString(TestScripts.get("01-standard.md"), StandardCharsets.UTF_8);
        Files.writeString(script, original, StandardCharsets.UTF_8);
        Path project = folder.resolve("drama.yaml");
        Storyboard first =
                ScriptImporter.builder().build().importScript(script, project).storyboard();
        ShotDraft garden = first.episodes()
                .get(0)
                .shots()
                .get(first.episodes().get(0).shots().size() - 1);
        // a person edits the prompt of the last shot
        String yaml = Files.readString(project, StandardCharsets.UTF_8);
        Files.writeString(project, yaml.replace(ProjectWriter.quote(garden.prompt()), "\"手改的提示词：花园里的沈清\""));

        // a new scene is written before the others, and a line of 1-1 changes
        String edited = original.replace("1-1 夜 内 沈家别墅·客厅", "1-0 日 外 沈家大门\n人物：沈清\n△沈清站在大门外。\n\n1-1 夜 内 沈家别墅·客厅")
                .replace("夫人，老爷回来了。", "夫人，老爷到门口了。");
        Files.writeString(script, edited, StandardCharsets.UTF_8);
        Storyboard second =
                ScriptImporter.builder().build().importScript(script, project).storyboard();

        List<String> firstIds = first.shots().stream().map(ShotDraft::id).toList();
        ShotDraft gardenAgain = second.shots().stream()
                .filter(s -> s.fingerprint().equals(garden.fingerprint()))
                .findFirst()
                .orElseThrow();
        assertThat(gardenAgain.id()).isEqualTo(garden.id());
        Project loaded = Project.load(project);
        assertThat(loaded.shots().stream()
                        .filter(s -> s.id().equals(garden.id()))
                        .findFirst()
                        .orElseThrow()
                        .prompt())
                .isEqualTo("手改的提示词：花园里的沈清");
        long kept = second.shots().stream()
                .filter(s -> firstIds.contains(s.id())
                        && first.shots().stream()
                                .anyMatch(f ->
                                        f.id().equals(s.id()) && f.fingerprint().equals(s.fingerprint())))
                .count();
        long unchanged = second.shots().stream()
                .filter(s ->
                        first.shots().stream().anyMatch(f -> f.fingerprint().equals(s.fingerprint())))
                .count();
        assertThat(kept).isEqualTo(unchanged).isGreaterThan(0);
        assertThat(second.shots().stream().map(ShotDraft::id).distinct())
                .hasSize(second.shots().size());
    }

    @Test
    void theDemoProjectIsTheImportOfTheDemoScript() throws Exception {
        // `seedance demo` copies examples/demo and makes script.md: the project must be what import writes, byte
        // for byte, so that the demo skips the import and `status examples/demo/project.yaml` finds its state
        Path demo = Path.of("..", "examples", "demo").toAbsolutePath().normalize();
        Path script = folder.resolve("script.md");
        Files.copy(demo.resolve("script.md"), script);
        Path project = folder.resolve("project.yaml");
        Storyboard board =
                ScriptImporter.builder().build().importScript(script, project).storyboard();
        assertThat(Files.readString(project, StandardCharsets.UTF_8))
                .as("examples/demo/project.yaml is out of date: ./seedance import examples/demo/script.md -o"
                        + " examples/demo/project.yaml")
                .isEqualTo(Files.readString(demo.resolve("project.yaml"), StandardCharsets.UTF_8));
        assertThat(board.episodes()).hasSize(2);
        assertThat(board.shots()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(board.grade()).isEqualTo(Severity.OK);
    }

    @Test
    void episodesOutsideTheImportStayAsTheyWere() throws Exception {
        Path project = folder.resolve("season.yaml");
        Files.writeString(project, """
                title: 季
                characters:
                  qing: { description: 青 }
                episodes:
                  - id: pilot
                    title: 试播
                    shots:
                      - { id: a, prompt: "@qing 回头", duration: 5, seed: 7, dialogue: [{ who: qing, text: "走吧。" }] }
                      - { id: b, after: a, prompt: 远景, generate_audio: false, ratio: "16:9" }
                  - id: ep01
                    shots:
                      - { id: x, prompt: 旧的第一集 }
                """);
        Project before = Project.load(project);
        ScriptImporter.builder()
                .episodes(2, 2)
                .build()
                .importScript(TestScripts.get("10-bracket-episodes.md"), project);
        Project after = Project.load(project);
        assertThat(after.episodes()).extracting(Project.Episode::id).containsExactly("pilot", "ep01", "ep02");
        for (String kept : List.of("pilot", "ep01")) {
            List<Shot> was = before.episodes().stream()
                    .filter(e -> e.id().equals(kept))
                    .findFirst()
                    .orElseThrow()
                    .shots();
            List<Shot> is = after.episodes().stream()
                    .filter(e -> e.id().equals(kept))
                    .findFirst()
                    .orElseThrow()
                    .shots();
            assertThat(is).hasSameSizeAs(was);
            for (int i = 0; i < was.size(); i++) {
                assertThat(is.get(i).prompt()).isEqualTo(was.get(i).prompt());
                assertThat(is.get(i).duration()).isEqualTo(was.get(i).duration());
                assertThat(is.get(i).seed()).isEqualTo(was.get(i).seed());
                assertThat(is.get(i).after()).isEqualTo(was.get(i).after());
                assertThat(is.get(i).ratio()).isEqualTo(was.get(i).ratio());
                assertThat(is.get(i).generateAudio()).isEqualTo(was.get(i).generateAudio());
                assertThat(is.get(i).dialogue())
                        .extracting(Shot.DialogueLine::text)
                        .isEqualTo(was.get(i).dialogue().stream()
                                .map(Shot.DialogueLine::text)
                                .toList());
            }
        }
        assertThat(after.episodes().get(0).title()).hasValue("试播");
    }

    @Test
    void aFatalScriptWritesNothing() throws Exception {
        Path script = folder.resolve("empty.md");
        Files.writeString(script, "《空》\n\n大纲：什么也没有。\n");
        Path project = folder.resolve("empty.yaml");
        ScriptImporter.ImportResult result = ScriptImporter.builder().build().importScript(script, project);
        assertThat(result.written()).isFalse();
        assertThat(result.storyboard().grade()).isEqualTo(Severity.FATAL);
        assertThat(result.storyboard().diagnostics().toString()).contains("no scenes found");
        assertThat(project).doesNotExist();
    }

    @Test
    void episodesCanBeSelected() throws Exception {
        Path project = folder.resolve("p.yaml");
        Storyboard board = ScriptImporter.builder()
                .episodes(2, 2)
                .build()
                .importScript(TestScripts.get("10-bracket-episodes.md"), project)
                .storyboard();
        assertThat(board.episodes()).extracting(EpisodeDraft::id).containsExactly("ep02");
        Storyboard none = ScriptImporter.builder()
                .episodes(5, 6)
                .build()
                .importScript(TestScripts.get("10-bracket-episodes.md"), folder.resolve("q.yaml"))
                .storyboard();
        assertThat(none.grade()).isEqualTo(Severity.FATAL);
        assertThat(none.diagnostics().toString())
                .contains("--episodes 5-6 selects none of the script's episodes (1, 2)");
    }
}
