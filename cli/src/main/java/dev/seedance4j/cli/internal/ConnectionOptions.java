package dev.seedance4j.cli.internal;

import picocli.CommandLine.Option;

/** How a command reaches a Seedance service: the embedded emulator, or a real (or remote) one with a key. */
public final class ConnectionOptions {

    @Option(names = "--emulator", description = "Use an in-process emulator (nothing is paid).")
    boolean emulator;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Service base URL (default: $ARK_BASE_URL or https://ark.cn-beijing.volces.com/api/v3).")
    String baseUrl;

    @Option(
            names = "--time-scale",
            paramLabel = "X",
            defaultValue = "0.01",
            description = "With --emulator: run-time multiplier, 1 = realistic minutes (default: ${DEFAULT-VALUE}).")
    double timeScale;

    public boolean emulator() {
        return emulator;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public double timeScale() {
        return timeScale;
    }
}
