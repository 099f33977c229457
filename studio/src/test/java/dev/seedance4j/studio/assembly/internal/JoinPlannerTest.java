package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.studio.assembly.AssemblyMode;
import dev.seedance4j.studio.assembly.AssemblySettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinPlannerTest {

    private static ClipFacts clip(String id, int w, int h, double fps, long frames, int channels) {
        return new ClipFacts(id, Path.of(id + ".mp4"), "h264", "avcC 0x1234 sar 1/1", w, h, fps, frames, channels);
    }

    private static final AspectRatio PORTRAIT = AspectRatio.parse("9:16", "ratio");

    @Test
    void uniformClipsAreCopiedAtTheirOwnRateAndLength() {
        JoinPlan plan = JoinPlanner.plan(
                List.of(clip("s01", 496, 864, 24, 120, 2), clip("s02", 496, 864, 24, 97, 2)),
                PORTRAIT,
                AssemblySettings.defaults());

        assertThat(plan.mode()).isEqualTo(AssemblyMode.STREAM_COPY);
        assertThat(plan.totalSeconds()).isEqualTo(217 / 24.0);
        assertThat(plan.samples(1)).isEqualTo(97 * 2_000);
        assertThat(plan.audioChannels()).isEqualTo(2);
    }

    @Test
    void mixedSizesAreNormalisedToTheLargestClipOfTheEpisodesRatio() {
        JoinPlan plan = JoinPlanner.plan(
                List.of(
                        clip("s01", 496, 864, 24, 48, 1),
                        clip("s02", 720, 1280, 24, 48, 0),
                        clip("s03", 1280, 720, 30, 60, 1)),
                PORTRAIT,
                AssemblySettings.defaults());

        assertThat(plan.mode()).isEqualTo(AssemblyMode.NORMALISED);
        assertThat(plan.reason()).isEqualTo("shots s02 and s01 differ in size 720x1280 vs 496x864");
        assertThat(new int[] {plan.width(), plan.height()}).containsExactly(720, 1280);
        assertThat(plan.frameCounts()).containsExactly(48L, 48L, 48L);
        assertThat(plan.audioChannels()).isEqualTo(1);
    }

    @Test
    void withoutAClipOfTheRatioTheSizeKeepsTheLargestClipsPixelCount() {
        int[] size = JoinPlanner.normalisedSize(
                List.of(clip("s01", 640, 640, 24, 24, 0)), PORTRAIT, AssemblySettings.defaults());
        assertThat(size[0] % 2).isZero();
        assertThat((double) size[0] / size[1]).isCloseTo(9 / 16.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat((double) size[0] * size[1]).isCloseTo(640 * 640, org.assertj.core.data.Offset.offset(2_000.0));
    }

    @Test
    void burningInSubtitlesAlwaysReencodesAndMusicMakesTheSoundStereo() {
        JoinPlan plan = JoinPlanner.plan(
                List.of(clip("s01", 320, 180, 24, 48, 0)),
                AspectRatio.parse("16:9", "ratio"),
                AssemblySettings.builder()
                        .burnInSubtitles(Path.of("font.ttf"))
                        .backgroundMusic(Path.of("m.wav"))
                        .build());
        assertThat(plan.mode()).isEqualTo(AssemblyMode.NORMALISED);
        assertThat(plan.reason()).isEqualTo("subtitles are burnt into the picture");
        assertThat(plan.audioChannels()).isEqualTo(2);
    }

    @Test
    void anAdaptiveEpisodeTakesTheShapeOfItsFirstClip() {
        List<ClipFacts> clips = List.of(clip("s01", 640, 640, 24, 24, 1), clip("s02", 496, 864, 24, 24, 1));
        AspectRatio ratio = AspectRatio.ofEpisode("adaptive", "ratio", 640, 640);
        assertThat(new int[] {
                    JoinPlanner.plan(clips, ratio, AssemblySettings.defaults()).width(),
                    JoinPlanner.plan(clips, ratio, AssemblySettings.defaults()).height()
                })
                .containsExactly(640, 640);
    }
}
