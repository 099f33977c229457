package dev.seedance4j.studio;

import java.awt.Color;
import java.nio.file.Path;

/** Test projects that use every mode of the planner. */
final class StudioFixtures {
    private StudioFixtures() {}

    static final String MODEL = "doubao-seedance-2-0-fast-260128";

    /** The image and audio files {@link #everyModeYaml} refers to. */
    static void assets(Path dir) {
        TestFiles.png(dir.resolve("assets/lin-front.png"), 320, 480, Color.PINK);
        TestFiles.png(dir.resolve("assets/lin-side.png"), 320, 480, Color.MAGENTA);
        TestFiles.png(dir.resolve("assets/chen.png"), 320, 480, Color.CYAN);
        TestFiles.png(dir.resolve("assets/office.png"), 480, 320, Color.GRAY);
        TestFiles.png(dir.resolve("assets/door.png"), 320, 480, Color.ORANGE);
        TestFiles.png(dir.resolve("assets/door-open.png"), 320, 480, Color.YELLOW);
        TestFiles.wav(dir.resolve("assets/lin.wav"), 3);
    }

    /** Six shots with after:, edit: and extend: dependencies, for tests that run a project many times. */
    static String smallYaml() {
        return """
        title: 小项目
        defaults: { model: %s, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        characters:
          lin: { images: [assets/lin-front.png], voice: assets/lin.wav }
        episodes:
          - id: ep01
            shots:
              - { id: s01, prompt: "夜色中的城市", seed: 11 }
              - { id: s02, after: s01, prompt: "灯光亮起" }
              - { id: s03, first_frame: assets/door.png, prompt: "门口的走廊" }
              - id: s04
                prompt: "@lin 看向窗外"
                dialogue: [{ who: lin, text: "终于到了。" }]
              - { id: s05, edit: s01, prompt: "把视频1的夜色换成黄昏" }
              - { id: s06, extend: [s02, s03], prompt: "视频1之后接视频2" }
        """.formatted(MODEL);
    }

    /**
     * {@code episodes} episodes of 10 shots each: text only, first frame, first and last frame, reference images
     * through @mentions, reference images with a voice, after: without and with references, edit of an earlier
     * shot, extend of two earlier shots, explicit images and audio.
     */
    static String everyModeYaml(int episodes) {
        StringBuilder y = new StringBuilder("""
        title: 每种模式
        defaults: { model: %s, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        characters:
          lin: { images: [assets/lin-front.png, assets/lin-side.png], voice: assets/lin.wav, description: 短发女主 }
          chen: { images: assets/chen.png }
          narrator: { description: 旁白 }
        scenes:
          office: { images: [assets/office.png] }
        episodes:
        """.formatted(MODEL));
        for (int e = 1; e <= episodes; e++) {
            y.append("""
            - id: ep%02d
              title: 第%d集
              shots:
                - { id: s01, prompt: "夜色中的城市，镜头缓慢推近 %d", seed: %d }
                - { id: s02, first_frame: assets/door.png, prompt: "门口的走廊" }
                - { id: s03, first_frame: assets/door.png, last_frame: assets/door-open.png, prompt: "门缓缓打开" }
                - id: s04
                  prompt: "@lin 站在 @office 的落地窗前"
                  dialogue: [{ who: lin, text: "这一次，我不会再输。" }]
                - { id: s05, after: s01, prompt: "城市的灯光一盏盏亮起" }
                - { id: s06, after: s04, prompt: "@chen 推门进来" }
                - { id: s07, edit: s01, prompt: "把视频1的夜色换成黄昏，运镜不变" }
                - { id: s08, extend: [s02, s03], prompt: "视频1之后接视频2" }
                - { id: s09, images: [assets/office.png], audio: [assets/lin.wav], prompt: "@narrator 的声音介绍办公室" }
                - { id: s10, after: s05, last_frame: assets/door.png, prompt: "镜头移到门口" }
          """.formatted(e, e, e, 1000 + e));
        }
        return y.toString();
    }
}
