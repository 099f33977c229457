package dev.seedance4j.studio;

import dev.seedance4j.client.SeedanceClient;
import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.Faults;
import java.nio.file.Path;
import java.time.Duration;

/** An emulator on loopback and a client pointed at it, sized for fast tests (480p, short clips, fast clock). */
final class EmulatorHarness implements AutoCloseable {
    final Emulator emulator;
    final SeedanceClient client;

    EmulatorHarness(Faults faults) {
        this(faults, 0.002);
    }

    EmulatorHarness(Faults faults, double timeScale) {
        this(faults, timeScale, builder -> {});
    }

    EmulatorHarness(Faults faults, double timeScale, java.util.function.Consumer<Emulator.Builder> settings) {
        Emulator.Builder builder = Emulator.builder()
                .timeScale(timeScale)
                .faults(faults)
                .concurrency(20)
                .rpm(6000);
        settings.accept(builder);
        emulator = builder.build().start();
        client = client(emulator.baseUrl());
    }

    static SeedanceClient client(String baseUrl) {
        return clientBuilder(baseUrl).build();
    }

    static SeedanceClient.Builder clientBuilder(String baseUrl) {
        return SeedanceClient.builder()
                .apiKey("test-key")
                .baseUrl(baseUrl)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    StudioOptions.Builder options(Path outputDir) {
        return options(client, outputDir);
    }

    static StudioOptions.Builder options(SeedanceClient client, Path outputDir) {
        return StudioOptions.builder()
                .client(client)
                .outputDir(outputDir)
                .concurrency(10)
                .requestsPerMinute(6000)
                .pollInterval(Duration.ofMillis(30), Duration.ofMillis(200))
                .reconcileAfter(Duration.ofMillis(200));
    }

    @Override
    public void close() {
        client.close();
        emulator.close();
    }
}
