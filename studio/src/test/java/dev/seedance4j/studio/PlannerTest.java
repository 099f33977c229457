package dev.seedance4j.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.client.ContentItem;
import dev.seedance4j.client.CostEstimator;
import dev.seedance4j.client.CreateTaskRequest;
import dev.seedance4j.client.Media;
import dev.seedance4j.client.Role;
import dev.seedance4j.studio.internal.plan.Planner;
import dev.seedance4j.studio.internal.plan.ShotPlan;
import dev.seedance4j.studio.internal.plan.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void assets() {
        StudioFixtures.assets(dir);
    }

    private Map<String, ShotPlan> plan(String yaml) {
        Project project = Project.load(TestFiles.write(dir.resolve("p.yaml"), yaml));
        Planner.Result result = new Planner(project, CostEstimator.defaults(), v -> 5.0).plan();
        assertThat(result.problems()).isEmpty();
        return result.shots().stream().collect(Collectors.toMap(p -> p.key().toString(), p -> p));
    }

    /** Resolves later outputs to recognisable URLs, as the engine would to real ones. */
    private static final Function<Source, Media> RESOLVE = s -> {
        if (s instanceof Source.LocalFile f) {
            return Media.file(f.path());
        }
        if (s instanceof Source.Remote r) {
            return Media.url(r.url());
        }
        if (s instanceof Source.LastFrameOf l) {
            return Media.url("https://out/" + l.shot() + "/last.png");
        }
        return Media.url("https://out/" + ((Source.ClipOf) s).shot() + "/clip.mp4");
    };

    private static List<String> roles(CreateTaskRequest r) {
        return r.content().stream()
                .map(c -> c.type()
                        + (c instanceof ContentItem.Image i
                                ? ":" + i.role().value()
                                : c instanceof ContentItem.Video v
                                        ? ":" + v.role().value()
                                        : c instanceof ContentItem.Audio a
                                                ? ":" + a.role().value()
                                                : ""))
                .toList();
    }

    @Test
    void compilesEveryModeIntoTheExactRequest() {
        Map<String, ShotPlan> plans = plan(StudioFixtures.everyModeYaml(1));

        ShotPlan s01 = plans.get("ep01/s01");
        assertThat(s01.mode()).isEqualTo(ShotPlan.Mode.TEXT);
        CreateTaskRequest r01 = s01.toRequest(RESOLVE, null);
        assertThat(roles(r01)).containsExactly("text");
        assertThat(r01.returnLastFrame()).isNotEqualTo(Boolean.TRUE); // asked only where a later shot starts from it
        assertThat(s01.toRequest(RESOLVE, null, true, null, null).returnLastFrame())
                .isTrue();
        assertThat(r01.seed()).isEqualTo(1001L);
        assertThat(r01.duration()).isEqualTo(4);

        assertThat(roles(plans.get("ep01/s03").toRequest(RESOLVE, null)))
                .containsExactly("text", "image_url:first_frame", "image_url:last_frame");

        ShotPlan s04 = plans.get("ep01/s04");
        assertThat(s04.mode()).isEqualTo(ShotPlan.Mode.REFERENCE);
        assertThat(s04.prompt()).isEqualTo("[图1][图2] 站在 [图3] 的落地窗前\n对白：[图1][图2]（用音频1的声音）说：“这一次，我不会再输。”");
        assertThat(roles(s04.toRequest(RESOLVE, null)))
                .containsExactly(
                        "text",
                        "image_url:reference_image",
                        "image_url:reference_image",
                        "image_url:reference_image",
                        "audio_url:reference_audio");

        // after: without references -> first frame; with references -> reference image 1 and a hint
        CreateTaskRequest r05 = plans.get("ep01/s05").toRequest(RESOLVE, null);
        assertThat(r05.content())
                .contains(new ContentItem.Image(Media.url("https://out/ep01/s01/last.png"), Role.FIRST_FRAME));
        ShotPlan s06 = plans.get("ep01/s06");
        assertThat(s06.prompt()).isEqualTo("视频开场画面为[图1]。[图2] 推门进来");
        assertThat(s06.toRequest(RESOLVE, null).content().get(1))
                .isEqualTo(new ContentItem.Image(Media.url("https://out/ep01/s04/last.png"), Role.REFERENCE_IMAGE));

        assertThat(roles(plans.get("ep01/s07").toRequest(RESOLVE, null)))
                .containsExactly("text", "video_url:reference_video");
        assertThat(plans.get("ep01/s08").toRequest(RESOLVE, null).content())
                .filteredOn(ContentItem.Video.class::isInstance)
                .extracting(c -> ((ContentItem.Video) c).media().url())
                .containsExactly("https://out/ep01/s02/clip.mp4", "https://out/ep01/s03/clip.mp4");
        assertThat(plans.get("ep01/s09").prompt()).isEqualTo("旁白 的声音介绍办公室");
        assertThat(plans.get("ep01/s10").mode()).isEqualTo(ShotPlan.Mode.FIRST_LAST);
        // video input is billed at the cheaper "with video" price but counts input seconds
        assertThat(plans.get("ep01/s07").estimate().inputVideoFrames()).isEqualTo(96);
    }

    @Test
    void editingOneShotChangesItsIdentityAndItsDependentsOnly() {
        String yaml = StudioFixtures.everyModeYaml(1);
        Map<String, ShotPlan> before = plan(yaml);
        Map<String, ShotPlan> again = plan(yaml);
        Map<String, ShotPlan> after = plan(yaml.replace("镜头缓慢推近 1", "镜头缓慢拉远 1"));
        assertThat(again.keySet())
                .allSatisfy(k -> assertThat(again.get(k).identity())
                        .isEqualTo(before.get(k).identity()));
        List<String> changed = before.keySet().stream()
                .filter(k -> !before.get(k).identity().equals(after.get(k).identity()))
                .sorted()
                .toList();
        // s01 itself, s05 (after s01), s07 (edits s01), s10 (after s05)
        assertThat(changed).containsExactly("ep01/s01", "ep01/s05", "ep01/s07", "ep01/s10");
    }

    @Test
    void aChangedFileChangesTheIdentity() {
        String yaml = StudioFixtures.everyModeYaml(1);
        Map<String, ShotPlan> before = plan(yaml);
        TestFiles.png(dir.resolve("assets/door.png"), 320, 480, java.awt.Color.BLUE);
        Map<String, ShotPlan> after = plan(yaml);
        assertThat(after.get("ep01/s02").identity())
                .isNotEqualTo(before.get("ep01/s02").identity());
        assertThat(after.get("ep01/s01").identity())
                .isEqualTo(before.get("ep01/s01").identity());
    }

    @Test
    void perModelRulesAreReportedWhereTheValueIsWrittenOnceEvenWhenInherited() {
        String yaml = """
        title: t
        defaults: { model: seedance-2.0-fast, resolution: 1080p }
        episodes:
          - id: e
            shots:
              - { id: a, prompt: "p", duration: 20 }
              - { id: b, prompt: "看[图4]", images: [assets/door.png] }
        """;
        Project project = Project.load(TestFiles.write(dir.resolve("p.yaml"), yaml));
        Planner.Result result = new Planner(project, CostEstimator.defaults(), v -> 5.0).plan();
        assertThat(result.problems())
                .extracting(ProjectProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("p.yaml:6:41: episodes[e].shots[a].duration"));
        // Both shots inherit the wrong resolution: one problem, at the line of defaults: that sets it.
        assertThat(result.problems())
                .extracting(ProjectProblem::toString)
                .filteredOn(p -> p.contains("resolution"))
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("p.yaml:2:51: defaults.resolution: must be one of"));
        assertThat(result.problems())
                .extracting(ProjectProblem::toString)
                .anySatisfy(
                        p -> assertThat(p).startsWith("p.yaml:7:26: episodes[e].shots[b].prompt: refers to image 4"));
        assertThatThrownBy(() -> {
                    throw new ProjectException(result.problems());
                })
                .hasMessageContaining("problems in the project");
    }
}
