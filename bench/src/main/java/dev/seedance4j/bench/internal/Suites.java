package dev.seedance4j.bench.internal;

import java.util.List;

/** Every suite, in the order of a run (R4 last: it searches what the others produced). */
public final class Suites {
    private Suites() {}

    public static List<Suite> all() {
        return List.of(
                new EmulatorSuite(),
                new ClientOverheadSuite(),
                new AssemblySuite(),
                new EngineSuite(),
                new SlowDownloadSuite(),
                new InFlightSuite(),
                new CrashSuite(),
                new TeamSuite(),
                new FaultSuite(),
                new CorpusSuite(),
                new StoryboardSuite(),
                new LoadSuite(),
                new SecretSuite());
    }
}
