package dev.seedance4j.cli.internal;

import dev.seedance4j.studio.StudioOptions;

/** Checks a store location before anything starts, so that a mistake names its flag or variable. */
final class StoreFlag {
    private StoreFlag() {}

    static void check(String url, String name, int exitCode) {
        try {
            StudioOptions.builder().store(url).build();
        } catch (IllegalArgumentException e) {
            throw new UserError(exitCode, name + ": " + e.getMessage());
        }
    }
}
