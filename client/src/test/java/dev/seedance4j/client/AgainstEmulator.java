package dev.seedance4j.client;

import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.media.Ffmpeg;
import dev.seedance4j.media.MediaInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What the {@code *AgainstEmulatorTest} classes share: a client of a running emulator that retries quickly, a
 * waiter that polls every few tens of milliseconds, and an ffmpeg to probe what was downloaded.
 */
final class AgainstEmulator {
    static final String API_KEY = "ark-it-5b0e-SECRET-KEY";
    /** Tasks in tests are short and small unless the test is about duration or size. */
    static final int SECONDS = 4;

    private static final Ffmpeg FFMPEG = Ffmpeg.locate();

    private AgainstEmulator() {}

    /** A started emulator with {@code settings} applied over a time scale of 0; the caller closes it. */
    static Emulator emulator(Consumer<Emulator.Builder> settings) {
        Emulator.Builder builder = Emulator.builder().timeScale(0);
        settings.accept(builder);
        return builder.build().start();
    }

    static SeedanceClient client(Emulator emulator) {
        return clientBuilder(emulator).build();
    }

    static SeedanceClient.Builder clientBuilder(Emulator emulator) {
        return SeedanceClient.builder()
                .apiKey(API_KEY)
                .baseUrl(emulator.baseUrl())
                .requestTimeout(Duration.ofSeconds(10))
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
    }

    static TaskWaiter waiter(SeedanceClient client) {
        return TaskWaiter.builder(client)
                .interval(Duration.ofMillis(20), Duration.ofMillis(100), 1.5)
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    /** A text-to-video request at 480p 16:9 for {@link #SECONDS} seconds. */
    static CreateTaskRequest.Builder small(Model model, String prompt) {
        return CreateTaskRequest.textToVideo(model, prompt)
                .resolution(Resolution.P480)
                .ratio(Ratio.RATIO_16_9)
                .duration(SECONDS);
    }

    static MediaInfo probe(Path video) {
        return FFMPEG.probe(video);
    }

    static Ffmpeg ffmpeg() {
        return FFMPEG;
    }
}
