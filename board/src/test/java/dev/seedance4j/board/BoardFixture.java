package dev.seedance4j.board;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.studio.Studio;
import dev.seedance4j.studio.StudioOptions;
import dev.seedance4j.studio.TestFiles;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;

/** A small project (a character with a reference image, three shots) on a real emulator, with its studio. */
final class BoardFixture implements AutoCloseable {
    /** The API key the emulator takes: the board must never show it anywhere. */
    static final String API_KEY = "sk-board-test-7f3a9c41e2d8-SECRET";

    static final String MODEL = "doubao-seedance-2-0-fast-260128";

    final Emulator emulator;
    final SeedanceClient client;
    final Path projectFile;
    final Studio studio;

    BoardFixture(Path dir, double timeScale) {
        this(dir, timeScale, 20);
    }

    /** {@code concurrency}: how many tasks the emulator runs at once (the rest wait queued). */
    BoardFixture(Path dir, double timeScale, int concurrency) {
        emulator = Emulator.builder()
                .timeScale(timeScale)
                .apiKeys(API_KEY)
                .concurrency(concurrency)
                .rpm(6000)
                .build()
                .start();
        client = SeedanceClient.builder()
                .apiKey(API_KEY)
                .baseUrl(emulator.baseUrl())
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .build();
        TestFiles.png(dir.resolve("assets/lin.png"), 320, 480, Color.PINK);
        TestFiles.png(dir.resolve("assets/office.png"), 320, 480, Color.GRAY);
        projectFile = TestFiles.write(dir.resolve("drama.yaml"), """
        title: 看板测试
        defaults: { model: %s, resolution: 480p, ratio: "16:9", duration: 4, generate_audio: false }
        characters:
          lin: { images: [assets/lin.png], description: 短发女主 }
        scenes:
          office: { images: [assets/office.png] }
        episodes:
          - id: ep01
            title: 第一集
            shots:
              - { id: s01, prompt: "夜色中的城市", seed: 11 }
              - id: s02
                prompt: "@lin 在 @office 看向窗外"
                dialogue: [{ who: lin, text: "终于到了。" }]
              - { id: s03, prompt: "灯光亮起" }
        """.formatted(MODEL));
        studio = Studio.open(
                projectFile,
                StudioOptions.builder()
                        .client(client)
                        .outputDir(dir.resolve("out"))
                        .concurrency(10)
                        .requestsPerMinute(6000)
                        .pollInterval(Duration.ofMillis(30), Duration.ofMillis(200))
                        .reconcileAfter(Duration.ofMillis(200))
                        .build());
    }

    @Override
    public void close() {
        studio.close();
        client.close();
        emulator.close();
    }
}
