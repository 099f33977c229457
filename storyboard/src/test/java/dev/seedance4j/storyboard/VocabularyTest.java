package dev.seedance4j.storyboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Shot sizes and camera moves are read in the words a model drifts into (ArcReel's lesson: MEDIUM_SHOT, wide_shot). */
class VocabularyTest {

    @Test
    void shotSizesAndCameraMovesAreReadInChineseEnglishAndConstantNames() {
        assertThat(ShotSize.parse("中景")).hasValue(ShotSize.MEDIUM);
        assertThat(ShotSize.parse("MEDIUM_SHOT")).hasValue(ShotSize.MEDIUM);
        assertThat(ShotSize.parse("wide_shot")).hasValue(ShotSize.WIDE);
        assertThat(ShotSize.parse(" Close-up ")).hasValue(ShotSize.CLOSE_UP);
        assertThat(ShotSize.parse("medium")).hasValue(ShotSize.MEDIUM);
        assertThat(ShotSize.parse("大全景")).isEmpty();
        assertThat(CameraMove.parse("跟拍")).hasValue(CameraMove.TRACKING);
        assertThat(CameraMove.parse("PUSH_IN")).hasValue(CameraMove.PUSH_IN);
        assertThat(CameraMove.parse("push-in")).hasValue(CameraMove.PUSH_IN);
        assertThat(CameraMove.parse("dolly zoom")).isEmpty();
    }
}
