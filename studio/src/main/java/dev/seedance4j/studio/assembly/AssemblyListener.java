package dev.seedance4j.studio.assembly;

/**
 * Hears how an assembly is going, from ffmpeg's own progress. Called on the assembling thread; keep it quick.
 */
@FunctionalInterface
public interface AssemblyListener {

    /** A listener that ignores everything. */
    AssemblyListener NONE = (episodeId, step, fraction) -> {};

    /**
     * @param episodeId the episode being assembled
     * @param step      the step running now
     * @param fraction  how much of that step is done, 0 to 1
     */
    void onProgress(String episodeId, AssemblyStep step, double fraction);
}
