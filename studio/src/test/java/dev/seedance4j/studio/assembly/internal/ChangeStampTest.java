package dev.seedance4j.studio.assembly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.studio.assembly.AssemblySettings;
import dev.seedance4j.studio.assembly.EpisodeInput;
import dev.seedance4j.studio.assembly.ShotClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeStampTest {

    private static EpisodeInput episode(String folder, String hashOfS02, String line) {
        return EpisodeInput.builder("ep01", "9:16")
                .shot(ShotClip.builder("s01", Path.of(folder, "s01.mp4"), "aaa")
                        .line("lin", line)
                        .build())
                .shot(ShotClip.builder("s02", Path.of(folder, "s02.mp4"), hashOfS02)
                        .build())
                .build();
    }

    @Test
    void sameTakesAndSettingsGiveTheSameStampWhereverTheClipsLie() {
        AssemblySettings settings = AssemblySettings.defaults();
        assertThat(ChangeStamp.of(episode("a", "bbb", "你好"), settings))
                .isEqualTo(ChangeStamp.of(episode("elsewhere/b", "bbb", "你好"), settings))
                .hasSize(64);
    }

    @Test
    void aNewTakeNewDialogueOrNewSettingsChangeTheStamp() {
        String base = ChangeStamp.of(episode("a", "bbb", "你好"), AssemblySettings.defaults());
        assertThat(ChangeStamp.of(episode("a", "ccc", "你好"), AssemblySettings.defaults()))
                .isNotEqualTo(base);
        assertThat(ChangeStamp.of(episode("a", "bbb", "你好！"), AssemblySettings.defaults()))
                .isNotEqualTo(base);
        assertThat(ChangeStamp.of(
                        episode("a", "bbb", "你好"),
                        AssemblySettings.builder().loudness(-14, -1).build()))
                .isNotEqualTo(base);
    }

    @Test
    void theOrderOfShotsCounts() {
        EpisodeInput swapped = EpisodeInput.builder("ep01", "9:16")
                .shot(ShotClip.builder("s02", Path.of("s02.mp4"), "bbb").build())
                .shot(ShotClip.builder("s01", Path.of("s01.mp4"), "aaa")
                        .line("lin", "你好")
                        .build())
                .build();
        assertThat(ChangeStamp.of(swapped, AssemblySettings.defaults()))
                .isNotEqualTo(ChangeStamp.of(episode("", "bbb", "你好"), AssemblySettings.defaults()));
    }

    @Test
    void theMusicFilesBytesCountNotJustItsName(@TempDir Path dir) throws IOException {
        Path music = Files.writeString(dir.resolve("bgm.wav"), "one");
        AssemblySettings settings =
                AssemblySettings.builder().backgroundMusic(music).build();
        String before = ChangeStamp.of(episode("a", "bbb", "你好"), settings);
        Files.writeString(music, "two");
        assertThat(ChangeStamp.of(episode("a", "bbb", "你好"), settings)).isNotEqualTo(before);
    }
}
