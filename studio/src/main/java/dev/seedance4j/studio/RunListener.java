package dev.seedance4j.studio;

/** Receives a run's progress; called on the engine's thread, so keep it quick. */
@FunctionalInterface
public interface RunListener {
    void onEvent(RunEvent event);

    static RunListener none() {
        return event -> {};
    }
}
